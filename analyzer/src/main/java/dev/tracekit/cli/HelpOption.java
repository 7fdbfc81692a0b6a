package dev.tracekit.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} for a subcommand, so that {@code tracekit record --help} is what the usage hint says it is. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
