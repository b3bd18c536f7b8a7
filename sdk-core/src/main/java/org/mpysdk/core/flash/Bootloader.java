package org.mpysdk.core.flash;

import java.io.IOException;

/**
 * A connected ESP bootloader (the ROM loader, or the stub flasher it was replaced by): what
 * {@code esptool chip_id / flash_id / erase_flash / write_flash / read_flash} do, as an API. Obtain one
 * from {@code Board.bootloader()} or a {@link BootloaderProvider}.
 *
 * <pre>{@code
 * Bootloader esp = board.bootloader();
 * System.out.println(esp.chip());
 * FlashResult r = esp.flash(FlashImage.forChip(esp.chip().chip(), bin));
 * esp.hardReset();
 * }</pre>
 *
 * <p>Long operations report to the scope's progress listener and stop with
 * {@link org.mpysdk.core.OperationCancelledException} when cancelled. Every wait is bounded
 * (esptool's timeouts, scaled by size). Used by one thread at a time.
 */
public interface Bootloader extends AutoCloseable {

    /** @return what the chip is, read once when connecting */
    ChipInfo chip();

    /** Erases the whole flash (stub: ERASE_FLASH; ROM: a FLASH_BEGIN over the whole size). */
    void eraseFlash() throws IOException;

    /**
     * Erases {@code length} bytes at {@code offset}; both must be multiples of 4 KiB (the sector size).
     *
     * @throws IllegalArgumentException when not sector aligned
     */
    void eraseRegion(long offset, long length) throws IOException;

    /**
     * Writes the image: checks it first (chip, size, header) and refuses before erasing anything, then
     * per region skips what already matches, writes compressed, and verifies by MD5 (one rewrite, then
     * {@link FlashVerificationException}).
     *
     * @throws ChipMismatchException when the image is for another chip (unless forced)
     * @throws ImageTooLargeException when it does not fit the flash (unless forced)
     * @throws ImageFormatException when the image at the bootloader offset is corrupt (unless forced)
     * @throws PartialFlashException when writing failed after it started, saying what was completed
     */
    FlashResult flash(FlashImage image, FlashOptions options) throws IOException;

    /** As {@link #flash(FlashImage, FlashOptions)} with {@link FlashOptions#defaults()}. */
    default FlashResult flash(FlashImage image) throws IOException {
        return flash(image, FlashOptions.defaults());
    }

    /**
     * Reads flash (stub: streamed READ_FLASH with an MD5 check; ROM: 64 bytes per command, slow, not on ESP8266).
     *
     * @return exactly {@code length} bytes
     */
    byte[] readFlash(long offset, int length) throws IOException;

    /** @return the 16-byte MD5 the chip computes over {@code length} bytes of flash at {@code offset} */
    byte[] md5(long offset, long length) throws IOException;

    /** Switches chip and port to {@code baud} (not possible on the ESP8266 ROM without the stub). */
    void changeBaud(int baud) throws IOException;

    /** @return the line rate now in use */
    int baudRate();

    /** Resets the chip so it boots the application (RTS pulse; without control lines, the loader's run command). */
    void hardReset() throws IOException;

    /** Leaves the loader and runs the application without a reset where the loader allows it. */
    void runUserCode() throws IOException;

    /** Forgets the session; the transport stays open (the board owns it). */
    @Override
    void close();
}
