package org.mpysdk.core.flash.chips;

import java.io.IOException;

/** Where a chip keeps its base MAC and how it is put together. */
@FunctionalInterface
public interface MacLayout {
    /**
     * @param regs reads the chip's registers
     * @return the base MAC as {@code aa:bb:cc:dd:ee:ff}, or empty when the chip's fuses do not say
     * @throws IOException when a read fails
     */
    String read(RegisterReader regs) throws IOException;

    /**
     * The layout of every chip but the ESP8266 (see {@link MacAddress#fromWords}).
     *
     * @param lowWord the address of the word with MAC bytes 2-5 ({@code MAC_EFUSE_REG}); bytes 0-1 are in the next word
     * @return the layout
     */
    static MacLayout efuseWords(long lowWord) {
        return new EfuseWords(lowWord);
    }

    /**
     * The two-word eFuse layout.
     *
     * @param lowWord the address of the word with MAC bytes 2-5
     */
    record EfuseWords(long lowWord) implements MacLayout {
        @Override
        public String read(RegisterReader regs) throws IOException {
            return MacAddress.fromWords(regs.read(lowWord), regs.read(lowWord + 4));
        }
    }
}
