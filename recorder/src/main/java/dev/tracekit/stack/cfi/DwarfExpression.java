package dev.tracekit.stack.cfi;

import dev.tracekit.stack.Memory;
import dev.tracekit.stack.RegisterSet;

import java.nio.ByteBuffer;

/**
 * Evaluates the DWARF expressions CFI uses: glibc's PLT rule, the signal trampoline's
 * register save area, stack realignment. A stack machine over 64-bit values; registers and
 * memory are the frame's being unwound. One instance per unwinding thread.
 */
public final class DwarfExpression {
    private static final int MAX_STACK = 64;
    private static final int MAX_STEPS = 1000;

    private final long[] stack = new long[MAX_STACK];

    /**
     * The value of the expression at {@code start} ({@code length} bytes). {@code initial} is
     * pushed first when {@code pushInitial} is set: register rules start with the CFA on the
     * stack, CFA rules start empty.
     */
    public long evaluate(ByteBuffer buffer, int start, int length, RegisterSet registers, Memory memory,
                         boolean pushInitial, long initial) {
        DwarfCursor in = new DwarfCursor(buffer, 0, start);
        int end = start + length;
        int top = 0;
        if (pushInitial) {
            stack[top++] = initial;
        }
        int steps = 0;
        while (in.position() < end) {
            if (++steps > MAX_STEPS) {
                throw new CfiException("DWARF expression does not terminate");
            }
            int op = in.u8();
            if (op >= 0x30 && op <= 0x4f) { // lit0-31
                top = push(top, op - 0x30);
                continue;
            }
            if (op >= 0x70 && op <= 0x8f) { // breg0-31
                top = push(top, register(registers, op - 0x70) + in.sleb());
                continue;
            }
            switch (op) {
                case 0x03 -> top = push(top, in.u64()); // addr
                case 0x06 -> { // deref
                    need(top, 1);
                    stack[top - 1] = memory.readLong(stack[top - 1]);
                }
                case 0x08 -> top = push(top, in.u8()); // const1u
                case 0x09 -> top = push(top, (byte) in.u8()); // const1s
                case 0x0a -> top = push(top, in.u16()); // const2u
                case 0x0b -> top = push(top, (short) in.u16()); // const2s
                case 0x0c -> top = push(top, in.u32()); // const4u
                case 0x0d -> top = push(top, in.s32()); // const4s
                case 0x0e, 0x0f -> top = push(top, in.u64()); // const8u, const8s
                case 0x10 -> top = push(top, in.uleb()); // constu
                case 0x11 -> top = push(top, in.sleb()); // consts
                case 0x12 -> { // dup
                    need(top, 1);
                    top = push(top, stack[top - 1]);
                }
                case 0x13 -> { // drop
                    need(top, 1);
                    top--;
                }
                case 0x14 -> { // over
                    need(top, 2);
                    top = push(top, stack[top - 2]);
                }
                case 0x16 -> { // swap
                    need(top, 2);
                    long swapped = stack[top - 1];
                    stack[top - 1] = stack[top - 2];
                    stack[top - 2] = swapped;
                }
                case 0x1f -> { // neg
                    need(top, 1);
                    stack[top - 1] = -stack[top - 1];
                }
                case 0x20 -> { // not
                    need(top, 1);
                    stack[top - 1] = ~stack[top - 1];
                }
                case 0x23 -> { // plus_uconst
                    need(top, 1);
                    stack[top - 1] += in.uleb();
                }
                case 0x1a, 0x1c, 0x1e, 0x21, 0x22, 0x24, 0x25, 0x26, 0x27, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e -> {
                    need(top, 2);
                    long b = stack[--top];
                    long a = stack[top - 1];
                    stack[top - 1] = binary(op, a, b);
                }
                case 0x28 -> { // bra
                    need(top, 1);
                    int offset = (short) in.u16();
                    if (stack[--top] != 0) {
                        in.skip(offset);
                    }
                }
                case 0x2f -> in.skip((short) in.u16()); // skip
                case 0x92 -> { // bregx
                    int register = (int) in.uleb();
                    top = push(top, register(registers, register) + in.sleb());
                }
                case 0x96 -> { } // nop
                default -> throw new CfiException("unsupported DWARF expression op 0x" + Integer.toHexString(op));
            }
        }
        need(top, 1);
        return stack[top - 1];
    }

    private static long binary(int op, long a, long b) {
        return switch (op) {
            case 0x1a -> a & b;
            case 0x1c -> a - b;
            case 0x1e -> a * b;
            case 0x21 -> a | b;
            case 0x22 -> a + b;
            case 0x24 -> a << b;
            case 0x25 -> a >>> b;
            case 0x26 -> a >> b;
            case 0x27 -> a ^ b;
            case 0x29 -> a == b ? 1 : 0;
            case 0x2a -> a >= b ? 1 : 0;
            case 0x2b -> a > b ? 1 : 0;
            case 0x2c -> a <= b ? 1 : 0;
            case 0x2d -> a < b ? 1 : 0;
            case 0x2e -> a != b ? 1 : 0;
            default -> throw new IllegalStateException("not a binary op: " + op);
        };
    }

    private static long register(RegisterSet registers, int register) {
        if (!registers.isKnown(register)) {
            throw new CfiException("DWARF expression reads unknown register " + register);
        }
        return registers.get(register);
    }

    private int push(int top, long value) {
        if (top == MAX_STACK) {
            throw new CfiException("DWARF expression stack overflow");
        }
        stack[top] = value;
        return top + 1;
    }

    private static void need(int top, int count) {
        if (top < count) {
            throw new CfiException("DWARF expression stack underflow");
        }
    }
}
