package org.mpysdk.firmware;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashImageSource;
import org.mpysdk.core.flash.FlashRegion;

/**
 * A downloaded (or local) MicroPython firmware file with what a flasher needs: the bytes, the chip
 * and the flash offset, the latter derived from the image's chip id and cross-checked with the board
 * metadata. Immutable; {@link #bytes()} returns a copy.
 *
 * <pre>{@code
 * Firmware fw = FirmwareCatalog.micropythonOrg().board("ESP32_GENERIC_S3").latestRelease().download();
 * fw.chipName();    // "ESP32-S3"
 * fw.flashOffset(); // 0x0
 * fw.file();        // the cached file, e.g. ~/.cache/mpysdk/firmware/ESP32_GENERIC_S3-20251209-v1.27.0.bin
 * }</pre>
 */
public final class Firmware implements FlashImageSource {
    private final FirmwareFileName name;
    private final URI source;
    private final Path file;
    private final byte[] bytes;
    private final String sha256;
    private final Origin origin;
    private final String mcu;
    private final VerifiedImage image;

    /**
     * @param name the parsed file name
     * @param source where it was downloaded from (or the file's URI)
     * @param file the file on disk
     * @param bytes its content (copied)
     * @param sha256 lower-case hex SHA-256 of the content
     * @param origin how it was obtained
     * @param mcu the board's MCU name from the metadata, or ""
     * @param image the verification result for ESP images, or null for other file types
     */
    public Firmware(FirmwareFileName name, URI source, Path file, byte[] bytes, String sha256, Origin origin, String mcu,
                    VerifiedImage image) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.file = Objects.requireNonNull(file, "file");
        this.bytes = bytes.clone();
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.mcu = mcu == null ? "" : mcu;
        this.image = image;
    }

    /**
     * Loads and verifies a local firmware file named as micropython.org names them, using the bundled
     * board metadata for the chip cross-check. No network, no integrity pin.
     *
     * <pre>{@code
     * Firmware fw = Firmware.load(Path.of("ESP32_GENERIC-20251209-v1.27.0.bin"));
     * }</pre>
     *
     * @param file a firmware file with its micropython.org name, e.g. one downloaded by hand
     * @return the verified firmware, ready for {@code board.flash(...)}
     * @throws CatalogFormatException when the file name does not follow the micropython.org grammar
     * @throws FirmwareVerificationException when the image fails a check
     * @throws FirmwareNotFoundException when the file does not exist
     */
    public static Firmware load(Path file) throws FirmwareException {
        FirmwareFileName name = FirmwareFileName.parse(file.getFileName().toString());
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FirmwareNotFoundException("cannot read " + file + ": " + e.getMessage());
        }
        Optional<BoardMetadata> meta = EspBoardMetadata.bundled().find(name.board());
        String mcu = meta.map(BoardMetadata::mcu).orElse("");
        VerifiedImage image = name.type().isEspImage()
                ? new ImageVerifier().verify(content, name, Chip.fromName(mcu),
                        meta.map(m -> OptionalLong.of(m.flashOffset())).orElse(OptionalLong.empty()))
                : null;
        return new Firmware(name, file.toUri(), file, content, HttpFileCache.sha256(content), Origin.LOCAL_FILE, mcu, image);
    }

    /** @return the file on disk (in the cache for downloads); do not modify it */
    public Path file() {
        return file;
    }

    /** @return a copy of the content */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the content length in bytes */
    public int size() {
        return bytes.length;
    }

    /** @return the parsed file name */
    public FirmwareFileName fileName() {
        return name;
    }

    /** @return the board id, for example {@code ESP32_GENERIC} */
    public String board() {
        return name.board();
    }

    /** @return the variant, or "" for the board's default build */
    public String variant() {
        return name.variant();
    }

    /** @return the MicroPython version */
    public FirmwareVersion version() {
        return name.version();
    }

    /** @return the file type */
    public FileType type() {
        return name.type();
    }

    /** @return where the file was downloaded from */
    public URI source() {
        return source;
    }

    /** @return lower-case hex SHA-256 of the content */
    public String sha256() {
        return sha256;
    }

    /** @return how the file was obtained this time (network, revalidated cache, offline cache ...) */
    public Origin origin() {
        return origin;
    }

    /** @return the chip: from the image's chip id for ESP images, else from the board's MCU, if known */
    public Optional<Chip> chip() {
        return image != null ? Optional.of(image.chip()) : Chip.fromName(mcu);
    }

    /** @return the chip name as esptool prints it ({@code ESP32-S3}), or the board's MCU name when the chip is unknown */
    public String chipName() {
        return chip().map(Chip::displayName).orElse(mcu);
    }

    /** @return the MCU name as MicroPython's metadata spells it ({@code esp32s3}) */
    public String mcu() {
        return chip().map(Chip::idfTarget).orElse(mcu);
    }

    /** @return whether this is a verified ESP image a flasher can write ({@code .bin}, {@code .app-bin}) */
    public boolean isFlashable() {
        return image != null;
    }

    /**
     * @return the flash address to write this file at (0x1000 for ESP32 and ESP32-S2, 0x2000 for ESP32-C5
     *         and P4, 0x0 for the others and the ESP8266; 0x10000 for an {@code .app-bin})
     * @throws IllegalStateException for files that are not ESP images ({@code .elf}, {@code .uf2} ...)
     */
    public long flashOffset() {
        if (image == null) {
            throw new IllegalStateException(name + " is a ." + name.type().extension()
                    + " file, not a flashable ESP image; download the .bin instead");
        }
        return image.flashOffset();
    }

    /**
     * The image as the flasher takes it: one region at {@link #flashOffset()}, for the chip the image's
     * header names, so {@code board.flash(firmware)} refuses it on another chip before erasing anything.
     *
     * @throws IllegalStateException for a file that is not a flashable ESP image (see {@link #isFlashable()})
     */
    @Override
    public FlashImage toFlashImage() {
        return new FlashImage(chip().orElse(null), List.of(new FlashRegion(flashOffset(), bytes())));
    }

    /** @return the verification result, for ESP images */
    public Optional<VerifiedImage> verification() {
        return Optional.ofNullable(image);
    }

    /** @return checks that could not be made and metadata that disagreed (also logged) */
    public List<String> warnings() {
        return image == null ? List.of() : image.warnings();
    }

    /**
     * Checks that the image fits a chip's flash (as the bootloader detected it).
     *
     * @param flashSizeBytes the detected flash size
     * @throws FirmwareVerificationException when the image or its partitions need more
     */
    public void requireFitsFlash(long flashSizeBytes) throws FirmwareVerificationException {
        long needed = image == null ? bytes.length : image.minimumFlashSize();
        if (needed > flashSizeBytes) {
            throw new FirmwareVerificationException(String.format("%s needs %d KB of flash but the chip has %d KB; pick a "
                    + "variant for smaller flash (for example FLASH_1M, FLASH_512K or FLASH_2M)", name, needed >> 10,
                    flashSizeBytes >> 10));
        }
    }

    @Override
    public String toString() {
        return "Firmware[" + name + (image == null ? "" : String.format(", %s at 0x%x", image.chip(), image.flashOffset()))
                + ", " + origin + "]";
    }
}
