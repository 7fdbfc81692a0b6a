package dev.tracekit.stack.cfi;

/**
 * Runs CFA instructions to the row in force at an address: the CIE's initial instructions (kept
 * for DW_CFA_restore), then the FDE's until the location passes the address. One instance per
 * unwinding thread; it reuses its rows.
 */
public final class CfiInterpreter {
    private final UnwindRow initial = new UnwindRow();
    private UnwindRow[] remembered = new UnwindRow[0];

    /** Fills {@code row} with the rules for file address {@code address} inside {@code fde}. */
    public void rowAt(Fde fde, long address, UnwindRow row) {
        Cie cie = fde.cie();
        row.clear();
        run(fde.section(), cie, cie.instructionsStart(), cie.instructionsEnd(), fde.pcBegin(), Long.MAX_VALUE, row);
        initial.copyFrom(row);
        run(fde.section(), cie, fde.instructionsStart(), fde.instructionsEnd(), fde.pcBegin(), address, row);
    }

    private void run(FrameSection section, Cie cie, int start, int end, long location, long target, UnwindRow row) {
        DwarfCursor in = section.cursor(start);
        long codeAlignment = cie.codeAlignment();
        long dataAlignment = cie.dataAlignment();
        int depth = 0;
        while (in.position() < end) {
            int opcode = in.u8();
            int operand = opcode & 0x3f;
            switch (opcode >> 6) {
                case 1 -> { // DW_CFA_advance_loc
                    location += operand * codeAlignment;
                    if (Long.compareUnsigned(location, target) > 0) {
                        return;
                    }
                    continue;
                }
                case 2 -> { // DW_CFA_offset
                    row.setRule(operand, UnwindRow.OFFSET, in.uleb() * dataAlignment);
                    continue;
                }
                case 3 -> { // DW_CFA_restore
                    restore(row, operand);
                    continue;
                }
                default -> { }
            }
            switch (opcode) {
                case 0x00 -> { } // nop
                case 0x01 -> location = in.encodedPointer(cie.fdeEncoding(), 0); // set_loc
                case 0x02, 0x03, 0x04 -> { // advance_loc1, 2, 4
                    long delta = opcode == 0x02 ? in.u8() : opcode == 0x03 ? in.u16() : in.u32();
                    location += delta * codeAlignment;
                }
                case 0x05 -> row.setRule(in.uleb(), UnwindRow.OFFSET, in.uleb() * dataAlignment); // offset_extended
                case 0x06 -> restore(row, in.uleb()); // restore_extended
                case 0x07 -> row.setRule(in.uleb(), UnwindRow.UNDEFINED, 0);
                case 0x08 -> row.setRule(in.uleb(), UnwindRow.SAME, 0);
                case 0x09 -> row.setRule(in.uleb(), UnwindRow.REGISTER, in.uleb());
                case 0x0a -> remember(row, depth++);
                case 0x0b -> {
                    if (depth == 0) {
                        throw new CfiException("DW_CFA_restore_state without remember_state");
                    }
                    row.copyFrom(remembered[--depth]);
                }
                case 0x0c -> { // def_cfa
                    row.cfaKind = UnwindRow.CFA_REGISTER_OFFSET;
                    row.cfaRegister = (int) in.uleb();
                    row.cfaOffset = in.uleb();
                }
                case 0x0d -> { // def_cfa_register
                    row.cfaKind = UnwindRow.CFA_REGISTER_OFFSET;
                    row.cfaRegister = (int) in.uleb();
                }
                case 0x0e -> row.cfaOffset = in.uleb(); // def_cfa_offset
                case 0x0f -> { // def_cfa_expression
                    long length = in.uleb();
                    row.cfaKind = UnwindRow.CFA_EXPRESSION;
                    row.cfaOffset = UnwindRow.packExpression(in.position(), length);
                    in.skip(length);
                }
                case 0x10, 0x16 -> { // expression, val_expression
                    long register = in.uleb();
                    long length = in.uleb();
                    row.setRule(register, opcode == 0x10 ? UnwindRow.EXPRESSION : UnwindRow.VAL_EXPRESSION,
                            UnwindRow.packExpression(in.position(), length));
                    in.skip(length);
                }
                case 0x11 -> row.setRule(in.uleb(), UnwindRow.OFFSET, in.sleb() * dataAlignment); // offset_extended_sf
                case 0x12 -> { // def_cfa_sf
                    row.cfaKind = UnwindRow.CFA_REGISTER_OFFSET;
                    row.cfaRegister = (int) in.uleb();
                    row.cfaOffset = in.sleb() * dataAlignment;
                }
                case 0x13 -> row.cfaOffset = in.sleb() * dataAlignment; // def_cfa_offset_sf
                case 0x14 -> row.setRule(in.uleb(), UnwindRow.VAL_OFFSET, in.uleb() * dataAlignment);
                case 0x15 -> row.setRule(in.uleb(), UnwindRow.VAL_OFFSET, in.sleb() * dataAlignment);
                case 0x2d -> { } // aarch64 negate_ra_state: pointer authentication is not handled yet
                case 0x2e -> in.uleb(); // GNU_args_size: only matters for exception handling
                case 0x2f -> row.setRule(in.uleb(), UnwindRow.OFFSET, -in.uleb() * dataAlignment); // GNU_negative_offset_extended
                default -> throw new CfiException("unknown CFA opcode 0x" + Integer.toHexString(opcode));
            }
            if (Long.compareUnsigned(location, target) > 0) {
                return;
            }
        }
    }

    private void restore(UnwindRow row, long register) {
        if (register >= 0 && register < UnwindRow.COLUMNS) {
            row.setRule(register, initial.kind[(int) register], initial.value[(int) register]);
        }
    }

    private void remember(UnwindRow row, int depth) {
        if (depth == remembered.length) {
            UnwindRow[] bigger = java.util.Arrays.copyOf(remembered, Math.max(4, depth * 2));
            for (int i = depth; i < bigger.length; i++) {
                bigger[i] = new UnwindRow();
            }
            remembered = bigger;
        }
        remembered[depth].copyFrom(row);
    }
}
