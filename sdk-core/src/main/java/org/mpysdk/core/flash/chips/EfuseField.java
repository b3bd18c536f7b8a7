package org.mpysdk.core.flash.chips;

import java.io.IOException;

/**
 * A bit field in one eFuse (or other) register word, as esptool reads it:
 * {@code (read_reg(block + 4 * word) >> shift) & mask}.
 *
 * @param address the register holding the field
 * @param shift the field's lowest bit
 * @param width the field's width in bits (1-31)
 */
public record EfuseField(long address, int shift, int width) {
    /**
     * Checks the bit range.
     *
     * @param address the register holding the field
     * @param shift the field's lowest bit
     * @param width the field's width in bits
     */
    public EfuseField {
        if (shift < 0 || width < 1 || width > 31 || shift + width > 32) {
            throw new IllegalArgumentException("bits " + shift + "+" + width + " do not fit a 32-bit word");
        }
    }

    /**
     * The way esptool's targets spell a field: an eFuse block address, a word number in it, a shift and a width.
     *
     * @param block the block's first word (for example {@code EFUSE_BLOCK1_ADDR})
     * @param word the word number in the block ({@code num_word})
     * @param shift the field's lowest bit
     * @param width the field's width in bits
     * @return the field
     */
    public static EfuseField at(long block, int word, int shift, int width) {
        return new EfuseField(block + 4L * word, shift, width);
    }

    /**
     * @param regs reads the chip's registers
     * @return the field's value, unsigned
     * @throws IOException when the read fails
     */
    public int read(RegisterReader regs) throws IOException {
        return (regs.read(address) >>> shift) & ((1 << width) - 1);
    }
}
