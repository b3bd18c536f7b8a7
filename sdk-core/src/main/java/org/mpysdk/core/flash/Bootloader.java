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

    /**
     * Erases the whole flash (stub: ERASE_FLASH; ROM: a FLASH_BEGIN over the whole size).
     *
     * @throws org.mpysdk.core.OperationTimeoutException when the chip does not finish within the
     *     size-scaled timeout
     * @throws IOException another {@link FlashException} or transport failure
     */
    void eraseFlash() throws IOException;

    /**
     * Erases {@code length} bytes at {@code offset}; both must be multiples of 4 KiB (the sector size).
     *
     * @param offset flash address of the first byte to erase
     * @param length how many bytes to erase
     * @throws IllegalArgumentException when not sector aligned
     * @throws IOException a {@link FlashException} when the chip refuses, or a transport failure
     */
    void eraseRegion(long offset, long length) throws IOException;

    /**
     * Writes the image: checks it first (chip, size, header) and refuses before erasing anything, then
     * per region skips what already matches, writes compressed, and verifies by MD5 (one rewrite, then
     * {@link FlashVerificationException}).
     *
     * @param image the regions to write, with the chip they are built for
     * @param options compression, verification, skipping, forcing, flash mode and size
     * @return per region what was written, skipped and verified, with sizes and time
     * @throws ChipMismatchException when the image is for another chip (unless forced)
     * @throws ImageTooLargeException when it does not fit the flash (unless forced)
     * @throws MalformedImageException when the image at the bootloader offset is corrupt (unless forced)
     * @throws PartialFlashException when writing failed after it started, saying what was completed
     * @throws IOException another {@link FlashException}, a timeout or a transport failure before writing started
     */
    FlashResult flash(FlashImage image, FlashOptions options) throws IOException;

    /**
     * As {@link #flash(FlashImage, FlashOptions)} with {@link FlashOptions#defaults()}.
     *
     * @param image the regions to write, with the chip they are built for
     * @return per region what was written, skipped and verified
     * @throws IOException as {@link #flash(FlashImage, FlashOptions)}
     */
    default FlashResult flash(FlashImage image) throws IOException {
        return flash(image, FlashOptions.defaults());
    }

    /**
     * Reads flash (stub: streamed READ_FLASH with an MD5 check; ROM: 64 bytes per command, slow, not on ESP8266).
     *
     * @param offset flash address to start at
     * @param length how many bytes to read
     * @return exactly {@code length} bytes
     * @throws IOException a {@link FlashException} when the loader cannot read (ESP8266 ROM, Secure
     *     Download Mode) or the read-back is corrupt, or a transport failure
     */
    byte[] readFlash(long offset, int length) throws IOException;

    /**
     * Lets the chip hash a flash range, which is how a write is verified without reading it back.
     *
     * @param offset flash address of the first byte
     * @param length how many bytes to hash
     * @return the 16-byte MD5 the chip computes over {@code length} bytes of flash at {@code offset}
     * @throws IOException a {@link FlashException} when the loader refuses, or a transport failure
     */
    byte[] md5(long offset, long length) throws IOException;

    /**
     * Switches chip and port to {@code baud} (not possible on the ESP8266 ROM without the stub).
     *
     * @param baud the new line rate, e.g. 460800 or 921600; the adapter must support it
     * @throws IllegalArgumentException when {@code baud} is not positive
     * @throws IOException a {@link FlashException} when the loader cannot change rate, or a transport failure
     */
    void changeBaud(int baud) throws IOException;

    /** @return the line rate now in use */
    int baudRate();

    /**
     * Resets the chip so it boots the application (RTS pulse; without control lines, the loader's run
     * command). The session ends.
     *
     * @throws IOException when the control lines or the run command fail
     */
    void hardReset() throws IOException;

    /**
     * Leaves the loader and runs the application without a reset where the loader allows it. The
     * session ends.
     *
     * @throws IOException when the command cannot be sent
     */
    void runUserCode() throws IOException;

    /** Forgets the session; the transport stays open (the board owns it). */
    @Override
    void close();
}
