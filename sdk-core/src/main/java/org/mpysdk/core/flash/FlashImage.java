package org.mpysdk.core.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What to write into a chip's flash: one or more regions, and (optionally) the chip the image was
 * built for, which the flasher checks before erasing anything.
 *
 * <pre>{@code
 * FlashImage fw = FlashImage.forChip(Chip.ESP32, Files.readAllBytes(Path.of("ESP32_GENERIC-v1.27.0.bin")));
 * FlashImage two = FlashImage.of(new FlashRegion(0x1000, bootloader), new FlashRegion(0x10000, app));
 * }</pre>
 *
 * @param chip the chip the image is for, or null when unknown (then the image headers are checked)
 * @param regions the regions, sorted by offset, not overlapping
 */
public record FlashImage(Chip chip, List<FlashRegion> regions) implements FlashImageSource {
    /**
     * Validates: at least one region, no overlaps; sorts by offset.
     *
     * @param chip the chip the image is for, or null when unknown
     * @param regions the regions in any order
     * @throws IllegalArgumentException when there is no region or two regions overlap
     */
    public FlashImage {
        if (regions == null || regions.isEmpty()) {
            throw new IllegalArgumentException("a flash image needs at least one region");
        }
        List<FlashRegion> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingLong(FlashRegion::offset));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new IllegalArgumentException("regions " + sorted.get(i - 1).describe() + " and "
                        + sorted.get(i).describe() + " overlap");
            }
        }
        regions = List.copyOf(sorted);
    }

    /**
     * @param regions the regions, e.g. bootloader, partition table and application of an ESP-IDF build
     * @return an image of these regions, for whatever chip their headers name
     * @throws IllegalArgumentException when there is no region or two regions overlap
     */
    public static FlashImage of(FlashRegion... regions) {
        return new FlashImage(null, List.of(regions));
    }

    /**
     * @param offset the flash address to write at
     * @param bytes the data to write there
     * @return an image of {@code bytes} at {@code offset}, chip unknown
     */
    public static FlashImage at(long offset, byte[] bytes) {
        return new FlashImage(null, List.of(new FlashRegion(offset, bytes)));
    }

    /**
     * A MicroPython {@code .bin} for {@code chip}, placed at the chip's bootloader offset
     * ({@link Chip#flashOffset()}).
     *
     * @param chip the chip the firmware is built for
     * @param bin the whole {@code .bin} file as downloaded
     * @return a one-region image for {@code chip}
     */
    public static FlashImage forChip(Chip chip, byte[] bin) {
        return new FlashImage(chip, List.of(new FlashRegion(chip.flashOffset(), bin)));
    }

    /**
     * Reads a MicroPython {@code .bin} and places it where its header says: the chip comes from the
     * image's extended header (ESP8266 when it has none), the offset from the chip.
     *
     * @param file a MicroPython {@code .bin} for an ESP chip
     * @return a one-region image at the offset of the chip its header names
     * @throws MalformedImageException when the file is not an ESP image or names a chip id this SDK does not know
     * @throws IOException when the file cannot be read
     */
    public static FlashImage fromMicroPythonBin(Path file) throws IOException {
        return fromMicroPythonBin(Files.readAllBytes(file));
    }

    /**
     * As {@link #fromMicroPythonBin(Path)} for bytes already read.
     *
     * @param bin the whole {@code .bin} file
     * @return a one-region image at the offset of the chip its header names
     * @throws MalformedImageException when the bytes are not an ESP image or name a chip id this SDK does not know
     */
    public static FlashImage fromMicroPythonBin(byte[] bin) throws MalformedImageException {
        EspImageHeader header = EspImageHeader.parse(bin);
        Chip chip = header.chip().orElseThrow(() -> new MalformedImageException(
                "the image's extended header names chip id " + header.chipId() + ", which this SDK does not know; "
                        + "say which chip it is for with FlashImage.forChip"));
        return forChip(chip, bin);
    }

    /** @return this image */
    @Override
    public FlashImage toFlashImage() {
        return this;
    }

    /** @return the chip the image declares, if any */
    public Optional<Chip> declaredChip() {
        return Optional.ofNullable(chip);
    }

    /** @return the offset just past the last region */
    public long end() {
        return regions.get(regions.size() - 1).end();
    }

    /** @return the bytes over all regions */
    public long totalBytes() {
        long n = 0;
        for (FlashRegion r : regions) {
            n += r.length();
        }
        return n;
    }

    /**
     * @param replacement the new content for the region at its offset, e.g. one with a patched header
     * @return a copy with one region replaced (the one at the same offset); unchanged when none is there
     * @throws IllegalArgumentException when the replacement now overlaps the next region
     */
    public FlashImage withRegion(FlashRegion replacement) {
        List<FlashRegion> copy = new ArrayList<>();
        for (FlashRegion r : regions) {
            copy.add(r.offset() == replacement.offset() ? replacement : r);
        }
        return new FlashImage(chip, copy);
    }

    /**
     * The image as one file, as esptool's {@code merge_bin} writes it (raw format): the regions at their
     * offsets relative to {@code targetOffset}, the gaps between them filled with 0xFF (erased flash), so
     * that writing the file at {@code targetOffset} writes every region where it belongs.
     *
     * @param targetOffset the flash offset the file will be written at (esptool's {@code --target-offset});
     *     no region may start before it
     * @param padTo a flash offset to pad the file up to with 0xFF (esptool's {@code --pad-to-size}, for
     *     example the flash size), or 0 for no padding after the last region
     * @return the merged bytes, {@code max(end(), padTo) - targetOffset} long
     * @throws IllegalArgumentException when a region starts before {@code targetOffset}, or the file
     *     would exceed 2 GiB
     */
    public byte[] toMergedBin(long targetOffset, long padTo) {
        long first = regions.get(0).offset();
        if (first < targetOffset) {
            throw new IllegalArgumentException(String.format("the region at 0x%x starts before the target offset 0x%x",
                    first, targetOffset));
        }
        long length = Math.max(end(), padTo) - targetOffset;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a merged file of " + length + " bytes is too large");
        }
        byte[] out = new byte[(int) length];
        java.util.Arrays.fill(out, (byte) 0xFF);
        for (FlashRegion r : regions) {
            System.arraycopy(r.bytes(), 0, out, (int) (r.offset() - targetOffset), r.length());
        }
        return out;
    }

    @Override
    public String toString() {
        return "FlashImage[" + (chip == null ? "chip from headers" : chip.displayName()) + ", " + regions + "]";
    }
}
