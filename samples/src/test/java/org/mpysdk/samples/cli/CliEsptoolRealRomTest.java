package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.testkit.images.TestFirmware;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.testkit.internal.built.EspRomEmulator;

/**
 * esptool's flash commands through {@code mpy} against Espressif's real ESP32 ROM and esptool 4.8.1's
 * stub in Espressif's QEMU (built peers: skipped where they are not built): {@code merge-bin} of three
 * images, {@code write-flash} of the merged file and of files at their addresses, {@code read-flash}
 * and {@code erase-region}, each checked against the emulator's flash file. Every command is its own
 * connection to a fresh emulator on the same flash file, as a user runs them one after the other.
 */
@Tag(BuiltPeers.TAG)
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class CliEsptoolRealRomTest {
    @TempDir
    Path dir;

    private CliRun mpy(Path flash, String... args) throws Exception {
        Path qemu = BuiltPeers.require(BuiltPeers.espQemu(), BuiltPeers.ESP_QEMU_HINT);
        Path stubs = BuiltPeers.require(BuiltPeers.esptoolStubs(), BuiltPeers.ESPTOOL_HINT);
        try (EspRomEmulator rom = EspRomEmulator.start(qemu, Chip.ESP32, flash)) {
            // Three times esptool's timeouts: the emulated ROM answers late on a busy host.
            String[] all = new String[args.length + 6];
            all[0] = "-p";
            all[1] = rom.port();
            System.arraycopy(args, 0, all, 2, args.length);
            all[args.length + 2] = "--stub-dir";
            all[args.length + 3] = stubs.toString();
            all[args.length + 4] = "--timeout-scale";
            all[args.length + 5] = "3";
            CliRun run = CliRun.of(all);
            assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.stdout() + run.stderr());
            return run;
        }
    }

    private static byte[] flashAt(Path flash, int offset, int length) throws Exception {
        byte[] all = Files.readAllBytes(flash);
        return Arrays.copyOfRange(all, offset, offset + length);
    }

    @Test
    void mergedAndAddressedImagesAreWrittenReadAndErasedOnTheRealRom() throws Exception {
        byte[] boot = TestFirmware.espImage(0, true, TestFirmware.SIZE_CODE, new long[] {0x3FFF0000L, 0x40078000L},
                new byte[][] {TestFirmware.filler(96, 1), TestFirmware.filler(160, 2)});
        byte[] table = TestFirmware.partitionTable(true);
        byte[] app = TestFirmware.appBin(Chip.ESP32, "v1.27.0");
        Path bootFile = Files.write(dir.resolve("boot.bin"), boot);
        Path tableFile = Files.write(dir.resolve("parts.bin"), table);
        Path appFile = Files.write(dir.resolve("app.bin"), app);
        Path merged = dir.resolve("merged.bin");
        CliRun merge = CliRun.of("merge-bin", "-o", merged.toString(), "0x1000", bootFile.toString(), "0x8000",
                tableFile.toString(), "0x10000", appFile.toString());
        assertEquals(0, merge.exitCode(), merge.stderr());
        Path flash = dir.resolve("esp32.flash");

        CliRun write = mpy(flash, "write-flash", "0x0", merged.toString());
        assertTrue(write.stdout().contains(", verified,"), write.stdout());
        assertArrayEquals(boot, flashAt(flash, 0x1000, boot.length));
        assertArrayEquals(table, flashAt(flash, 0x8000, table.length));
        assertArrayEquals(app, flashAt(flash, 0x10000, app.length));

        byte[] data = TestFirmware.filler(0x2000, 9);
        mpy(flash, "write-flash", "0x200000", Files.write(dir.resolve("data.bin"), data).toString(), "0x9000",
                Files.write(dir.resolve("nvs.bin"), TestFirmware.filler(0x100, 4)).toString());
        assertArrayEquals(data, flashAt(flash, 0x200000, data.length));
        assertArrayEquals(TestFirmware.filler(0x100, 4), flashAt(flash, 0x9000, 0x100));

        Path dump = dir.resolve("dump.bin");
        mpy(flash, "read-flash", "0x10000", Integer.toString(app.length), dump.toString());
        assertArrayEquals(app, Files.readAllBytes(dump));

        mpy(flash, "erase-region", "0x200000", "0x1000");
        byte[] erased = new byte[0x1000];
        Arrays.fill(erased, (byte) 0xFF);
        assertArrayEquals(erased, flashAt(flash, 0x200000, 0x1000));
        assertArrayEquals(Arrays.copyOfRange(data, 0x1000, 0x2000), flashAt(flash, 0x201000, 0x1000), "the next sector stays");
    }
}
