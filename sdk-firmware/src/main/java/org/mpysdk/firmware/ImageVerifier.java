package org.mpysdk.firmware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.EspImageHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a MicroPython ESP firmware file before it is cached or flashed.
 *
 * <ul>
 *   <li>ESP32 family {@code .bin}: bootloader image (at file offset 0, or at the chip's bootloader
 *   offset when the file starts at flash 0x0), partition table at flash 0x8000, the boot application
 *   at its partition; each image's magic, segments, checksum and appended SHA-256; the same chip id in
 *   both images; the file inside the flash size the bootloader declares.</li>
 *   <li>ESP8266 {@code .bin}: the ROM image padded to 0x9000 whose last word (0x8FFC) is 0x9000 plus
 *   the irom0 length, and the MD5 trailer over everything from byte 4.</li>
 *   <li>{@code .app-bin}: the application image alone (written at the default app partition, 0x10000).</li>
 *   <li>Every image: the chip matches the board's MCU, and the {@code MicroPython vX.Y.Z} banner
 *   matches the version in the file name.</li>
 * </ul>
 *
 * <pre>{@code
 * VerifiedImage v = new ImageVerifier().verify(bytes, name, Optional.of(Chip.ESP32), OptionalLong.of(0x1000));
 * v.flashOffset(); // 0x1000
 * }</pre>
 */
public final class ImageVerifier {
    /** Where ESP-IDF puts the partition table (CONFIG_PARTITION_TABLE_OFFSET default). */
    public static final int PARTITION_TABLE_ADDRESS = 0x8000;
    /** Where MicroPython's default partition tables put the first application. */
    public static final int DEFAULT_APP_ADDRESS = 0x10000;
    /** Size of the ESP8266 ROM part of MicroPython's image. */
    public static final int ESP8266_ROM_PART = 0x9000;

    private static final Logger LOG = LoggerFactory.getLogger(ImageVerifier.class);

    /** A verifier; it keeps no state between images. */
    public ImageVerifier() {
    }

    /**
     * Verifies {@code data} as the file {@code name}.
     *
     * @param data the file content
     * @param name the parsed file name (its type selects the checks, its version is matched with the banner)
     * @param boardChip the chip the board metadata names, if known
     * @param metadataOffset the flash offset the board metadata gives, if any (a disagreement is a warning:
     *        the image's chip id decides)
     * @return what the image is and where it goes
     * @throws FirmwareChipMismatchException when the image is for another chip than the board
     * @throws FirmwareVerificationException when a check fails (ImageVerificationException for structure)
     */
    public VerifiedImage verify(byte[] data, FirmwareFileName name, Optional<Chip> boardChip, OptionalLong metadataOffset)
            throws FirmwareVerificationException {
        if (!name.type().isEspImage()) {
            throw new FirmwareVerificationException(name + " is a ." + name.type().extension()
                    + " file, not an ESP image; only .bin and .app-bin files are verified and flashed");
        }
        List<String> warnings = new ArrayList<>();
        VerifiedImage image;
        boolean esp8266Layout = looksLikeEsp8266(data);
        if (name.type() == FileType.APP_BIN) {
            image = verifyApp(data, name, warnings);
        } else if (esp8266Layout || boardChip.filter(c -> c == Chip.ESP8266).isPresent()) {
            image = verifyEsp8266(data, name, warnings);
        } else {
            image = verifyEsp32Family(data, name, warnings);
        }
        checkChip(image.chip(), boardChip, name);
        if (metadataOffset.isPresent() && metadataOffset.getAsLong() != image.flashOffset() && name.type() == FileType.BIN) {
            warn(warnings, String.format("board metadata for %s says flash offset 0x%x, but the image is for %s, "
                            + "whose images go at 0x%x; using 0x%x", name.board(), metadataOffset.getAsLong(), image.chip(),
                    image.flashOffset(), image.flashOffset()));
        }
        List<FirmwareVersion> banners = BannerScanner.versions(data);
        checkBanner(banners, name, warnings);
        return new VerifiedImage(image.chip(), image.flashOffset(), image.bootloader(), image.partitionTable(), image.app(),
                banners, image.minimumFlashSize(), warnings);
    }

    /**
     * @param data a whole firmware file
     * @return whether the bytes have the ESP8266 MicroPython layout (length word at 0x8FFC matching the file)
     */
    public static boolean looksLikeEsp8266(byte[] data) {
        return data.length >= ESP8266_ROM_PART + 16
                && LittleEndian.u32(data, ESP8266_ROM_PART - 4) == (long) data.length - 16
                && (data[0] & 0xFF) == EspImageHeader.MAGIC;
    }

    private VerifiedImage verifyEsp8266(byte[] data, FirmwareFileName name, List<String> warnings)
            throws FirmwareVerificationException {
        if (!looksLikeEsp8266(data)) {
            long word = data.length >= ESP8266_ROM_PART ? LittleEndian.u32(data, ESP8266_ROM_PART - 4) : -1;
            throw new ImageVerificationException(String.format("%s is not a MicroPython ESP8266 image: the word at 0x8FFC is 0x%x, "
                    + "expected 0x%x (file length %d - 16); the file is truncated, corrupt or for another chip",
                    name, word, data.length - 16L, data.length));
        }
        EspImageHeader rom = image(data, 0, false, name);
        if (rom.end() > ESP8266_ROM_PART - 4) {
            throw new ImageVerificationException(String.format("%s: the ESP8266 ROM image ends at 0x%x, past its 0x9000 area", name, rom.end()));
        }
        int md5At = data.length - 16;
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(data, 4, md5At - 4); // bytes 0-3 are left out: flashers patch flash mode and size there
            if (!Arrays.equals(md.digest(), 0, 16, data, md5At, data.length)) {
                throw new FirmwareVerificationException(name + ": the MD5 trailer does not match the image; the file is corrupt, "
                        + "download it again");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
        long declared = rom.declaredFlashSize();
        checkFits(name, 0, data.length, declared);
        return new VerifiedImage(Chip.ESP8266, 0, Optional.empty(), Optional.empty(), rom, List.of(), data.length, warnings);
    }

    private VerifiedImage verifyEsp32Family(byte[] data, FirmwareFileName name, List<String> warnings)
            throws FirmwareVerificationException {
        int bootAt = locateBootloader(data, name);
        EspImageHeader boot = image(data, bootAt, true, name);
        Chip chip = chipOf(boot, name, "bootloader");
        if (bootAt != 0 && bootAt != chip.flashOffset()) {
            throw new ImageVerificationException(String.format("%s: bootloader found at file offset 0x%x, but %s bootloaders go at 0x%x",
                    name, bootAt, chip, chip.flashOffset()));
        }
        long fileBase = bootAt == 0 ? chip.flashOffset() : 0; // flash address of the file's first byte
        int tableAt = (int) (PARTITION_TABLE_ADDRESS - fileBase);
        if (!PartitionTable.startsAt(data, tableAt)) {
            throw new ImageVerificationException(describeMissingTable(data, name, chip, fileBase));
        }
        if (boot.end() > tableAt) {
            throw new ImageVerificationException(String.format("%s: bootloader (0x%x bytes) overlaps the partition table at flash 0x8000",
                    name, boot.length()));
        }
        PartitionTable table = PartitionTable.parse(data, tableAt);
        var appPartition = table.bootApp().orElseThrow(() -> new ImageVerificationException(
                name + ": the partition table has no application partition"));
        long appAt = appPartition.offset() - fileBase;
        if (appAt < tableAt || appAt >= data.length) {
            throw new ImageVerificationException(String.format("%s: application partition '%s' at 0x%x is outside the file (0x%x bytes from 0x%x)",
                    name, appPartition.label(), appPartition.offset(), data.length, fileBase));
        }
        EspImageHeader app = image(data, (int) appAt, true, name);
        Chip appChip = chipOf(app, name, "application");
        if (appChip != chip) {
            throw new FirmwareChipMismatchException(String.format("%s: bootloader is for %s but the application for %s; "
                    + "the file is mixed up, do not flash it", name, chip, appChip));
        }
        if (app.length() > appPartition.size()) {
            throw new ImageVerificationException(String.format("%s: application (0x%x bytes) does not fit its partition '%s' (0x%x bytes)",
                    name, app.length(), appPartition.label(), appPartition.size()));
        }
        long declared = boot.declaredFlashSize();
        checkFits(name, fileBase, data.length, declared);
        if (declared > 0 && table.end() > declared) {
            warn(warnings, String.format("%s: partitions reach 0x%x, beyond the %d MB the bootloader header declares",
                    name, table.end(), declared >> 20));
        }
        long minimum = Math.max(table.end(), fileBase + data.length);
        return new VerifiedImage(chip, fileBase, Optional.of(boot), Optional.of(table), app, List.of(), minimum, warnings);
    }

    private static int locateBootloader(byte[] data, FirmwareFileName name) throws ImageVerificationException {
        if (data.length > 0 && (data[0] & 0xFF) == EspImageHeader.MAGIC) {
            return 0;
        }
        // A file meant for flash 0x0 carries the padding before a bootloader at 0x1000 or 0x2000.
        for (int at : new int[] {0x1000, 0x2000}) {
            if (data.length > at && (data[at] & 0xFF) == EspImageHeader.MAGIC) {
                return at;
            }
        }
        throw new ImageVerificationException(String.format("%s is not an ESP image: no 0xE9 magic at 0x0, 0x1000 or 0x2000 "
                + "(first byte 0x%02X); the file is corrupt or not firmware", name, data.length == 0 ? 0 : data[0] & 0xFF));
    }

    private static String describeMissingTable(byte[] data, FirmwareFileName name, Chip chip, long fileBase) {
        for (int at = 0x1000; at + 32 <= data.length && at <= PARTITION_TABLE_ADDRESS; at += 0x1000) {
            if (PartitionTable.startsAt(data, at)) {
                return String.format("%s: the image's chip id says %s (written at 0x%x), but its partition table sits at file "
                        + "offset 0x%x, which means the file goes at 0x%x; the file does not match its chip id, do not flash it",
                        name, chip, fileBase, at, PARTITION_TABLE_ADDRESS - at);
            }
        }
        return String.format("%s: no partition table at flash 0x8000 (file offset 0x%x); the file is truncated, corrupt or not "
                + "a full MicroPython image", name, PARTITION_TABLE_ADDRESS - fileBase);
    }

    private VerifiedImage verifyApp(byte[] data, FirmwareFileName name, List<String> warnings) throws FirmwareVerificationException {
        EspImageHeader app = image(data, 0, true, name);
        Chip chip = chipOf(app, name, "application");
        warn(warnings, name + ": an .app-bin holds the application only; it goes at the default app partition 0x10000");
        return new VerifiedImage(chip, DEFAULT_APP_ADDRESS, Optional.empty(), Optional.empty(), app, List.of(),
                DEFAULT_APP_ADDRESS + (long) data.length, warnings);
    }

    /**
     * Parses and checks one image with core's parser; its failures become this module's
     * {@link ImageVerificationException} (a {@link FirmwareVerificationException}), naming the file.
     */
    private static EspImageHeader image(byte[] data, int at, boolean extended, FirmwareFileName name)
            throws ImageVerificationException {
        try {
            return EspImageHeader.parse(data, at, extended).requireIntact();
        } catch (org.mpysdk.core.flash.MalformedImageException e) {
            throw new ImageVerificationException(name + ": " + e.getMessage(), e);
        }
    }

    private static Chip chipOf(EspImageHeader image, FirmwareFileName name, String what) throws ImageVerificationException {
        return Chip.byImageChipId(image.chipId()).orElseThrow(() -> new ImageVerificationException(String.format(
                "%s: the %s image has chip id %d, which no known chip uses; update the SDK or check the file",
                name, what, image.chipId())));
    }

    private static void checkFits(FirmwareFileName name, long base, long length, long declared)
            throws FirmwareVerificationException {
        if (declared > 0 && base + length > declared) {
            throw new FirmwareVerificationException(String.format("%s: 0x%x bytes written at 0x%x end past the %d KB of flash "
                    + "its header declares; the file is corrupt or built for a bigger flash", name, length, base, declared >> 10));
        }
    }

    private static void checkChip(Chip chip, Optional<Chip> boardChip, FirmwareFileName name)
            throws FirmwareChipMismatchException {
        if (boardChip.isPresent() && boardChip.get() != chip) {
            throw new FirmwareChipMismatchException(String.format("%s is built for %s, but board %s has an %s; pick the "
                    + "firmware of a %s board (for example %s)", name, chip, name.board(), boardChip.get(), boardChip.get(),
                    GenericBoards.of(boardChip.get()).orElse("its vendor's board")));
        }
    }

    private static void checkBanner(List<FirmwareVersion> banners, FirmwareFileName name, List<String> warnings)
            throws FirmwareVerificationException {
        if (banners.isEmpty()) {
            warn(warnings, name + ": no 'MicroPython vX.Y.Z' banner found inside; version not cross-checked");
        } else if (!banners.contains(name.version())) {
            throw new FirmwareVerificationException(String.format("%s: the image's banner says MicroPython %s but the file name "
                    + "says %s; the file was renamed or replaced, do not trust it", name, banners.get(0), name.version()));
        }
    }

    private static void warn(List<String> warnings, String message) {
        LOG.warn(message);
        warnings.add(message);
    }
}
