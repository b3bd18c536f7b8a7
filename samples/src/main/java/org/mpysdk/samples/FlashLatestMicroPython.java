package org.mpysdk.samples;

import java.nio.file.Path;
import org.mpysdk.Board;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.firmware.Firmware;
import org.mpysdk.firmware.FirmwareCatalog;

/**
 * Sample: detect the chip on a port, fetch the latest MicroPython release for it from micropython.org
 * (or take a local .bin), flash it with verification, and reset the board.
 *
 * <pre>
 * java ... FlashLatestMicroPython /dev/ttyUSB0
 * java ... FlashLatestMicroPython virtual:esp32 ESP32_GENERIC-20251209-v1.27.0.bin
 * </pre>
 */
public final class FlashLatestMicroPython {
    private FlashLatestMicroPython() {
    }

    /**
     * @param args port, then optionally a local image file
     * @throws Exception any SDK failure, with a message saying what to do
     */
    public static void main(String[] args) throws Exception {
        String port = args.length > 0 ? args[0] : "virtual:esp32";
        try (Board board = Board.open(port)) {
            board.onProgress(p -> System.out.printf("%s %s %d/%d%n", p.operation(), p.phase(), p.done(), p.total()));

            ChipInfo chip = board.bootloader().chip();               // resets into the ROM loader
            System.out.println("found " + chip);

            Firmware firmware = args.length > 1
                    ? Firmware.load(Path.of(args[1]))                  // verified: magic, segments, checksums, SHA-256
                    : FirmwareCatalog.micropythonOrg()
                            .genericBoardFor(chip.chip())                 // ESP32 -> ESP32_GENERIC, ...
                            .latestRelease()
                            .download();                               // cached, resumable, pinned by SHA-256
            System.out.println("image " + firmware);

            board.erase().flash(firmware);                                // compressed, MD5-verified
            System.out.println(board.lastFlashResult().orElseThrow());
            board.reset();                                             // run MicroPython
        }
    }
}
