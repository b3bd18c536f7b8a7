package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.Progress;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashResult;

/** The fluent Board API wired through ServiceLoader to sdk-serial's bootloader. */
@Timeout(60)
class FlasherBoardTest {

    @Test
    void eraseFlashResetThroughTheBoard() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32, 60_000, 21);
        List<Progress> events = new ArrayList<>();
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).runningApplication(true).build();
                Board board = Board.open(chip.openTransport())) {
            board.onProgress(events::add);
            var esp = board.bootloader(ConnectOptions.defaults().withStub(false));
            assertSame(esp, board.bootloader(), "one session per board");
            assertEquals(Chip.ESP32, board.bootloader().chip().chip());
            board.erase().flash(FlashImage.forChip(Chip.ESP32, fw)).reset();
            FlashResult r = board.lastFlashResult().orElseThrow();
            assertTrue(r.verified());
            assertArrayEquals(fw, chip.flash().read(0x1000, fw.length));
            // After the RTS pulse the chip boots from flash and its ROM says so.
            byte[] boot = board.transport().readUntil("SPI_FAST_FLASH_BOOT".getBytes(), java.time.Duration.ofSeconds(5));
            assertTrue(boot.length > 0);
            assertEquals(EspMode.APPLICATION, chip.mode(), "hard reset ran the application");
            assertTrue(events.stream().anyMatch(p -> p.operation().equals("flash") && p.done() == p.total()
                    && p.total() > 0), "progress reached the end");
            assertTrue(events.stream().anyMatch(p -> p.operation().equals("erase")));
        }
    }
}
