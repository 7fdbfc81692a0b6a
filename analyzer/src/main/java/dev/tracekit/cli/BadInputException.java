package dev.tracekit.cli;

/** Input the user gave us is unusable: reported as one line, exit code 3. */
public class BadInputException extends Exception {
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
