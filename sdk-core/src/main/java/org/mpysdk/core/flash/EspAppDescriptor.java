package org.mpysdk.core.flash;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The application description ESP-IDF builds into every application image ({@code esp_app_desc_t}): the
 * project's name and version, when it was compiled, the ESP-IDF version, and the SHA-256 of the ELF file
 * it came from. What esptool's {@code image_info} prints as "Application Information".
 *
 * <p>The struct starts a segment of the image (the first flash-mapped data segment, DROM) with the magic
 * word 0xABCD5432. Rather than map load addresses to memory types for each chip, {@link #find} looks at
 * the start of every segment for the magic word: bootloaders and ESP8266 images have no such segment.
 *
 * <pre>{@code
 * EspImageHeader app = EspImageHeader.parse(bin, 0xF000, true);
 * EspAppDescriptor.find(bin, app).ifPresent(d -> System.out.println(d.projectName() + " " + d.version()));
 * }</pre>
 *
 * @param secureVersion the anti-rollback version
 * @param version the application's version string
 * @param projectName the project name
 * @param compileTime the compile time ({@code __TIME__})
 * @param compileDate the compile date ({@code __DATE__})
 * @param idfVersion the ESP-IDF version it was built with
 * @param elfSha256 the SHA-256 of the ELF file, lower-case hex
 * @param minEfuseBlockRevision minimum eFuse block revision, major * 100 + minor
 * @param maxEfuseBlockRevision maximum eFuse block revision, major * 100 + minor
 * @param mmuPageSize the MMU page size in bytes, or 0 when the image does not say
 */
public record EspAppDescriptor(long secureVersion, String version, String projectName, String compileTime,
        String compileDate, String idfVersion, String elfSha256, int minEfuseBlockRevision, int maxEfuseBlockRevision,
        int mmuPageSize) {

    /** The first word of the struct. */
    public static final long MAGIC = 0xABCD5432L;
    /** The struct's size in bytes. */
    public static final int LENGTH = 256;

    /**
     * @param data the buffer the image was parsed from
     * @param image the parsed image
     * @return the description at the start of the first segment that begins with it; empty when none does
     */
    public static Optional<EspAppDescriptor> find(byte[] data, EspImageHeader image) {
        for (EspSegment s : image.segments()) {
            if (s.length() >= LENGTH && u32(data, s.dataOffset()) == MAGIC) {
                return Optional.of(parse(data, s.dataOffset()));
            }
        }
        return Optional.empty();
    }

    private static EspAppDescriptor parse(byte[] d, int at) {
        // Layout (esp_app_format.h): magic, secure_version, 8 reserved, version[32], project_name[32],
        // time[16], date[16], idf_ver[32], app_elf_sha256[32], min/max efuse rev (u16 each), mmu page size log2.
        int pageLog2 = d[at + 180] & 0xFF;
        return new EspAppDescriptor(u32(d, at + 4), text(d, at + 16, 32), text(d, at + 48, 32), text(d, at + 80, 16),
                text(d, at + 96, 16), text(d, at + 112, 32), HexFormat.of().formatHex(d, at + 144, at + 176),
                u16(d, at + 176), u16(d, at + 178), pageLog2 == 0 ? 0 : 1 << Math.min(pageLog2, 30));
    }

    /** A NUL-terminated field, with anything unprintable replaced (the bytes come from an arbitrary file). */
    private static String text(byte[] d, int at, int length) {
        int end = at;
        while (end < at + length && d[end] != 0) {
            end++;
        }
        return new String(d, at, end - at, StandardCharsets.US_ASCII).replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static int u16(byte[] d, int at) {
        return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] d, int at) {
        return (u16(d, at) | (long) u16(d, at + 2) << 16) & 0xFFFF_FFFFL;
    }
}
