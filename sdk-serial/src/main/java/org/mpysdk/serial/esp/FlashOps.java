package org.mpysdk.serial.esp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.mpysdk.core.Progress;
import org.mpysdk.core.flash.FlashException;
import org.mpysdk.core.flash.FlashSizes;
import org.mpysdk.serial.esp.protocol.EspProtocolException;
import org.mpysdk.serial.esp.protocol.Opcode;

/**
 * Single flash commands on a connected loader: MD5, erase (stub commands, or the ROM's erase inside
 * FLASH_BEGIN), begin and end of a write. Each checks that the loader has the command and uses
 * esptool's size-scaled timeout.
 */
final class FlashOps {
    private final EspLink link;
    private final LoaderProfile profile;

    /**
     * @param link the command layer
     * @param profile which loader answers
     */
    public FlashOps(EspLink link, LoaderProfile profile) {
        this.link = link;
        this.profile = profile;
    }

    /** @return the loader profile these operations use */
    LoaderProfile profile() {
        return profile;
    }

    /** @return the link */
    public EspLink link() {
        return link;
    }

    /**
     * @param offset flash address of the region
     * @param length the region's length in bytes
     * @return the 16-byte MD5 the chip computes over the region
     * @throws UnsupportedCommandException on the ESP8266 ROM and in Secure Download Mode
     * @throws IOException when the loader refuses, answers malformed, times out or the link fails
     */
    public byte[] md5(long offset, long length) throws IOException {
        if (!profile.supportsMd5()) {
            throw new UnsupportedCommandException("SPI_FLASH_MD5 on the " + profile
                    + " (connect with the stub flasher to verify writes)", Opcode.SPI_FLASH_MD5.code());
        }
        String what = String.format("compute the MD5 of 0x%X+%d", offset, length);
        byte[] result = link.check(what, Opcode.SPI_FLASH_MD5, EspLink.words(offset, length, 0, 0), 0,
                profile.stub() ? 16 : 32, Timeouts.perMb(Timeouts.MD5_SECONDS_PER_MB, length));
        if (profile.stub()) {
            return result;
        }
        try {
            return HexFormat.of().parseHex(new String(result, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new EspProtocolException("the ROM's MD5 answer is not 32 hex digits: "
                    + org.mpysdk.core.AbstractTransport.printable(result));
        }
    }

    /**
     * Erases the whole flash: ERASE_FLASH on the stub (up to 120 s); on the ROM a FLASH_BEGIN over
     * {@code flashSize} bytes, which erases them.
     *
     * @param flashSize the flash size, needed on the ROM only; -1 when unknown
     * @throws FlashException on the ROM when the flash size is unknown
     * @throws IOException when the loader refuses, times out or the link fails
     */
    public void eraseAll(long flashSize) throws IOException {
        link.scope().listener().onProgress(new Progress("erase", "erase all", 0, 1));
        if (profile.hasStubCommands()) {
            link.check("erase the whole flash", Opcode.ERASE_FLASH, new byte[0], 0, 0, Timeouts.CHIP_ERASE);
        } else {
            if (flashSize <= 0) {
                throw new FlashException("cannot erase the whole flash through the " + profile + ": the flash size is "
                        + "unknown. Connect with the stub flasher, or erase a region of known size");
            }
            romErase(0, flashSize);
        }
        link.scope().listener().onProgress(new Progress("erase", "erase all", 1, 1));
    }

    /**
     * Erases a sector-aligned region: ERASE_REGION on the stub, FLASH_BEGIN on the ROM.
     *
     * @param offset flash address of the region, a multiple of 4 KiB
     * @param length the region's length, a positive multiple of 4 KiB
     * @throws IllegalArgumentException when offset or length is not a multiple of 4 KiB
     * @throws IOException when the loader refuses, times out or the link fails
     */
    public void eraseRegion(long offset, long length) throws IOException {
        if (offset % LoaderProfile.SECTOR != 0 || length % LoaderProfile.SECTOR != 0 || length <= 0) {
            throw new IllegalArgumentException(String.format("erase offset 0x%X and length 0x%X must be positive "
                    + "multiples of 0x1000 (the flash sector)", offset, length));
        }
        link.scope().listener().onProgress(new Progress("erase", String.format("erase 0x%X", offset), 0, length));
        if (profile.hasStubCommands()) {
            link.check(String.format("erase 0x%X+%s", offset, FlashSizes.format(length)), Opcode.ERASE_REGION,
                    EspLink.words(offset, length), 0, 0, Timeouts.perMb(Timeouts.ERASE_REGION_SECONDS_PER_MB, length));
        } else {
            romErase(offset, length);
        }
        link.scope().listener().onProgress(new Progress("erase", String.format("erase 0x%X", offset), length, length));
    }

    private void romErase(long offset, long length) throws IOException {
        // The ROM erases inside FLASH_BEGIN; no data follows, and no FLASH_END (that would leave the loader).
        begin(Opcode.FLASH_BEGIN, profile.eraseSize(offset, length), 0, offset,
                Timeouts.perMb(Timeouts.ERASE_REGION_SECONDS_PER_MB, length),
                String.format("erase 0x%X+%s", offset, FlashSizes.format(length)));
    }

    /**
     * FLASH_BEGIN of zero bytes: on the ESP8266 ROM it enables the flash (its SPI attach); before FLASH_END
     * it is how esptool leaves the loader.
     *
     * @throws IOException when the loader refuses, times out or the link fails
     */
    public void eraseRegionlessBegin() throws IOException {
        begin(Opcode.FLASH_BEGIN, 0, 0, 0, Timeouts.DEFAULT, "start an empty flash write");
    }

    /**
     * Sends FLASH_BEGIN or FLASH_DEFL_BEGIN.
     *
     * @param size the size word (erase size, or the uncompressed size for deflate)
     * @param blocks how many data blocks follow
     */
    void begin(Opcode op, long size, long blocks, long offset, Duration timeout, String what) throws IOException {
        byte[] params = profile.beginTakesEncryptedFlag()
                ? EspLink.words(size, blocks, profile.flashBlockSize(), offset, 0)
                : EspLink.words(size, blocks, profile.flashBlockSize(), offset);
        link.check(what, op, params, 0, 0, timeout);
    }

    /**
     * Sends FLASH_END / FLASH_DEFL_END with "stay in the loader", which the stub answers only once
     * every block is in flash. Never sent to the ROM, which would leave the loader.
     */
    void endStub(Opcode op, Duration timeout) throws IOException {
        if (profile.stub()) {
            link.check("finish the write", op, EspLink.words(1), 0, 0, timeout);
        }
    }
}
