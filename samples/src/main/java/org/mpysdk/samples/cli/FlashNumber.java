package org.mpysdk.samples.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Flash addresses and sizes as esptool takes them: {@code 0x1000}, {@code 4096}, and for sizes also
 * {@code 4K}/{@code 4KB}, {@code 4M}/{@code 4MB}.
 */
final class FlashNumber implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /**
     * @param value the text typed
     * @return its value
     * @throws TypeConversionException (a bad command line) when it is no such number or is negative
     */
    static long parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("kb") || v.endsWith("k")) {
            unit = 1024;
            v = v.substring(0, v.length() - (v.endsWith("kb") ? 2 : 1));
        } else if (v.endsWith("mb") || v.endsWith("m")) {
            unit = 1024 * 1024;
            v = v.substring(0, v.length() - (v.endsWith("mb") ? 2 : 1));
        }
        try {
            long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n < 0 || n > 0xFFFF_FFFFL / unit) {
                throw new TypeConversionException("'" + value + "' is out of the flash's 32-bit address range");
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number (0x1000, 4096, 4K, 4MB)");
        }
    }
}
