package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.mpysdk.core.Transport;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashRegion;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.OperationScope;
import org.mpysdk.core.flash.ResetMode;
import org.mpysdk.serial.esp.EspBootloader;
import org.mpysdk.serial.esp.stub.StubSource;

/**
 * The command sequences the real-loader tests run: once against Espressif's QEMU (recorded), once against
 * the recording in CI. Every path the issue names: ROM and stub, compressed and plain, erase region and
 * all, read, verify, baud change, skip unchanged. The same images each time, so the recording matches.
 */
final class LoaderScenario {
    /**
     * The line rate for the stub tests: 921600 on the ESP32; the ESP32-C3 stub stops answering after a baud
     * change in Espressif's QEMU (esptool 4.8.1 fails the same way there), so it stays at 115200.
     */
    static int stubBaud(Chip chip) {
        return chip == Chip.ESP32 ? 921600 : 115200;
    }

    /**
     * The line rate for the ROM tests: the ESP32-C3 ROM changes baud fine; the ESP32 ROM answers its
     * CHANGE_BAUDRATE but long ROM writes above 115200 die in the emulator, so it stays at 115200.
     */
    static int romBaud(Chip chip) {
        return chip == Chip.ESP32_C3 ? 460800 : 0;
    }

    /** Where the second, plain region goes: past any app image, sector-aligned. */
    static final long DATA_OFFSET = 0x200000;

    private LoaderScenario() {
    }

    /** The app image for {@code chip} at its offset: small enough for the ROM at 115200 in seconds. */
    static byte[] app(Chip chip, int appBytes) {
        return FlasherFixtures.firmware(chip, appBytes, 11);
    }

    /** Incompressible-ish data for the plain write (not a multiple of the block size, to pad the last block). */
    static byte[] data(int length) {
        return FlasherFixtures.payload(length, 12);
    }

    /**
     * The scenarios run on Espressif's QEMU too, where the emulated ROM answers late when the host is busy
     * (one FLASH_DEFL_BEGIN took over 3 s on a loaded 2-core machine); three times esptool's timeouts
     * keeps them from failing for that. A missing answer still fails, only later.
     */
    static final double TIMEOUT_SCALE = 3;

    /**
     * ROM only (at {@link #romBaud}): compressed write verified, skip when unchanged, read-back through the
     * ROM's slow read, plain write, erase of a region.
     *
     * @return the image and data regions the flash must now hold (the data region erased)
     */
    static FlashImage rom(Transport t, Chip chip) throws IOException {
        byte[] app = app(chip, 24_000);
        byte[] data = data(5000);
        try (EspBootloader esp = EspBootloader.connect(t, ConnectOptions.defaults().withTimeoutScale(TIMEOUT_SCALE).withReset(ResetMode.NO_RESET)
                .withStub(false).withBaud(romBaud(chip)), OperationScope.none(), StubSource.none())) {
            assertEquals(chip, esp.chip().chip());
            assertTrue(!esp.chip().stubRunning(), "ROM only");
            FlashResult first = esp.flash(FlashImage.forChip(chip, app));
            assertTrue(first.verified(), first.toString());
            assertTrue(first.compressedBytes() < app.length, "the ROM takes FLASH_DEFL_*: " + first);
            FlashResult again = esp.flash(FlashImage.forChip(chip, app));
            assertEquals(1, again.skippedRegions().size(), "unchanged region skipped: " + again);
            assertArrayEquals(Arrays.copyOf(app, 200), esp.readFlash(chip.flashOffset(), 200),
                    "READ_FLASH_SLOW through the ROM");
            FlashResult plain = esp.flash(FlashImage.at(DATA_OFFSET, data), FlashOptions.defaults().withCompress(false));
            assertTrue(plain.verified(), plain.toString());
            assertEquals(plain.bytes(), plain.compressedBytes(), "plain write");
            esp.eraseRegion(DATA_OFFSET, 0x1000);
            assertArrayEquals(org.mpysdk.core.internal.Md5.of(padded(new byte[0], 0x1000)),
                    esp.md5(DATA_OFFSET, 0x1000), "erased sector");
            return new FlashImage(chip, List.of(new FlashRegion(chip.flashOffset(), app),
                    new FlashRegion(DATA_OFFSET + 0x1000, Arrays.copyOfRange(data, 0x1000, data.length))));
        }
    }

    /**
     * Through the stub at {@code baud}: compressed write of a bigger image verified, skip when unchanged,
     * plain write, read-back, erase of a region, and a whole-chip erase at the end when asked.
     *
     * @return what the flash must now hold; null after the whole-chip erase
     */
    static FlashImage stub(Transport t, Chip chip, StubSource stubs, int baud, boolean eraseAll) throws IOException {
        byte[] app = app(chip, 200_000);
        byte[] data = data(40_000);
        try (EspBootloader esp = EspBootloader.connect(t, ConnectOptions.defaults().withTimeoutScale(TIMEOUT_SCALE).withReset(ResetMode.NO_RESET)
                .withBaud(baud), OperationScope.none(), stubs)) {
            assertTrue(esp.chip().stubRunning(), "the stub runs");
            assertEquals(baud, esp.baudRate());
            FlashResult first = esp.flash(FlashImage.forChip(chip, app));
            assertTrue(first.verified(), first.toString());
            assertTrue(first.compressedBytes() < app.length / 2, first.toString());
            FlashResult again = esp.flash(FlashImage.forChip(chip, app));
            assertEquals(1, again.skippedRegions().size(), again.toString());
            FlashResult plain = esp.flash(FlashImage.at(DATA_OFFSET, data), FlashOptions.defaults().withCompress(false));
            assertTrue(plain.verified(), plain.toString());
            assertArrayEquals(data, esp.readFlash(DATA_OFFSET, data.length), "READ_FLASH gives back the plain write");
            assertArrayEquals(Arrays.copyOf(app, 8192), esp.readFlash(chip.flashOffset(), 8192));
            esp.eraseRegion(DATA_OFFSET, 0x2000);
            assertArrayEquals(padded(new byte[0], 0x2000), esp.readFlash(DATA_OFFSET, 0x2000), "erased region");
            if (eraseAll) {
                esp.eraseFlash();
                assertArrayEquals(padded(new byte[0], 4096), esp.readFlash(chip.flashOffset(), 4096), "erased chip");
                return null;  // nothing is left to compare but erased bytes
            }
            return new FlashImage(chip, List.of(new FlashRegion(chip.flashOffset(), app),
                    new FlashRegion(DATA_OFFSET + 0x2000, Arrays.copyOfRange(data, 0x2000, data.length))));
        }
    }

    /** @return {@code b} followed by 0xFF up to {@code length} */
    static byte[] padded(byte[] b, int length) {
        byte[] out = Arrays.copyOf(b, length);
        Arrays.fill(out, b.length, length, (byte) 0xFF);
        return out;
    }
}
