package org.mpysdk.serial.esp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.mpysdk.core.Progress;
import org.mpysdk.core.flash.FlashException;
import org.mpysdk.core.internal.Md5;
import org.mpysdk.serial.esp.protocol.Opcode;

/**
 * Reads flash: the stub streams it (READ_FLASH: 4 KiB frames, the host acknowledges each with the byte
 * count so far, at most 64 unacknowledged, then an MD5 frame that is checked); the ESP32-family ROM
 * answers 64 bytes per READ_FLASH_SLOW command.
 */
final class FlashReader {
    private static final int PACKET = 0x1000;
    private static final int MAX_IN_FLIGHT = 64;
    private static final int SLOW_BLOCK = 64;

    private FlashReader() {
    }

    /**
     * Reads flash: streamed READ_FLASH with an MD5 check on the stub, READ_FLASH_SLOW (64 bytes per
     * command) on the ROM.
     *
     * @param link a synced link to the loader
     * @param profile which loader answers (ROM or stub, chip), deciding the command
     * @param offset flash address to start at
     * @param length how many bytes to read
     * @return exactly {@code length} bytes from {@code offset}
     * @throws UnsupportedCommandException on the ESP8266 ROM (no read command) and in Secure Download Mode
     * @throws FlashException when the stream is corrupt or its MD5 does not match
     * @throws IllegalArgumentException when {@code length} is negative
     */
    public static byte[] read(EspLink link, LoaderProfile profile, long offset, int length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("negative read length " + length);
        }
        if (length == 0) {
            return new byte[0];
        }
        if (profile.hasStubCommands()) {
            return readStub(link, offset, length);
        }
        if (profile.supportsSlowRead()) {
            return readSlow(link, offset, length);
        }
        throw new UnsupportedCommandException("reading flash on the " + profile + " (connect with the stub flasher)",
                Opcode.READ_FLASH.code());
    }

    private static byte[] readStub(EspLink link, long offset, int length) throws IOException {
        link.check(String.format("read %d bytes at 0x%X", length, offset), Opcode.READ_FLASH,
                EspLink.words(offset, length, PACKET, MAX_IN_FLIGHT), 0, 0, Timeouts.DEFAULT);
        ByteArrayOutputStream data = new ByteArrayOutputStream(length);
        while (data.size() < length) {
            link.scope().token().throwIfCancelled(String.format("reading flash at 0x%X (%d of %d bytes)", offset,
                    data.size(), length));
            byte[] frame = link.readFrame(Timeouts.READ_FLASH_FRAME, "flash data at 0x"
                    + Long.toHexString(offset + data.size()));
            data.write(frame, 0, frame.length);
            if (data.size() < length && frame.length < PACKET) {
                throw new FlashException(String.format("corrupt flash read at 0x%X: a %d-byte frame before the end "
                        + "(expected %d); try a lower baud rate", offset + data.size(), frame.length, PACKET));
            }
            link.sendFrame(EspLink.words(data.size()));
            link.scope().listener().onProgress(new Progress("read", String.format("read 0x%X", offset), data.size(),
                    length));
        }
        if (data.size() > length) {
            throw new FlashException("the stub sent " + data.size() + " bytes for a " + length + "-byte read");
        }
        byte[] digest = link.readFrame(Timeouts.READ_FLASH_FRAME, "the MD5 after the flash data");
        byte[] bytes = data.toByteArray();
        if (digest.length != 16 || !Arrays.equals(digest, Md5.of(bytes))) {
            throw new FlashException(String.format("flash read at 0x%X+%d is corrupt: the stub's MD5 %s does not match "
                    + "the data's %s; read again, at a lower baud rate", offset, length, Md5.hex(digest),
                    Md5.hex(Md5.of(bytes))));
        }
        return bytes;
    }

    private static byte[] readSlow(EspLink link, long offset, int length) throws IOException {
        byte[] out = new byte[length];
        for (int done = 0; done < length; done += SLOW_BLOCK) {
            link.scope().token().throwIfCancelled(String.format("reading flash at 0x%X (%d of %d bytes)", offset, done,
                    length));
            int n = Math.min(SLOW_BLOCK, length - done);
            byte[] block = link.check(String.format("read flash at 0x%X", offset + done), Opcode.READ_FLASH_SLOW,
                    EspLink.words(offset + done, n), 0, SLOW_BLOCK, Timeouts.DEFAULT);
            System.arraycopy(block, 0, out, done, n);
            link.scope().listener().onProgress(new Progress("read", String.format("read 0x%X", offset), done + n,
                    length));
        }
        return out;
    }
}
