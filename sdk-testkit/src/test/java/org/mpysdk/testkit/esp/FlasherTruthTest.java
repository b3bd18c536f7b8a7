package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipMismatchException;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashNotVerifiedException;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.PartialFlashException;
import org.mpysdk.core.flash.ResetMode;

/**
 * What the flasher reports is true: a cancel reaches the running flash, a refused image does not claim an
 * untouched flash after an erase, and a write nothing could verify is not a success.
 */
@Timeout(60)
class FlasherTruthTest {
    private static final ConnectOptions ROM = ConnectOptions.defaults().withStub(false).withReset(ResetMode.NO_RESET);

    /** What a cancelled operation ended with, and how long after {@code cancel()}. */
    private record Stopped(Throwable failure, long millis) {
    }

    /**
     * Runs {@code operation} on another thread, cancels the board once progress shows it under way
     * ({@code started}), and waits (bounded) for the operation to end.
     */
    private static Stopped cancelWhileRunning(Board board, java.util.function.Predicate<org.mpysdk.core.Progress> started,
            java.util.concurrent.Callable<?> operation) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        board.onProgress(p -> {
            if (started.test(p)) {
                running.countDown();
            }
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> task = pool.submit(operation);
            assertTrue(running.await(30, TimeUnit.SECONDS), "the operation got going");
            long cancelled = System.nanoTime();
            board.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> task.get(10, TimeUnit.SECONDS));
            return new Stopped(e.getCause(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelled));
        } finally {
            board.onProgress(null);
            pool.shutdownNow();
        }
    }

    /** Before: cancel() replaced the token the flash re-read at each block, so a cancelled flash ended "verified". */
    @Test
    void cancelStopsARunningFlashQuicklyAndTheBoardStaysUsable() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32, 400_000, 31);
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).build();
                Board board = Board.open(chip.openTransport())) {
            board.bootloader(ROM);
            Stopped s = cancelWhileRunning(board, p -> p.operation().equals("flash") && p.done() > 20_000,
                    () -> board.flash(FlashImage.forChip(Chip.ESP32, fw)));
            PartialFlashException partial = assertInstanceOf(PartialFlashException.class, s.failure());
            assertInstanceOf(OperationCancelledException.class, partial.getCause());
            assertTrue(partial.getMessage().contains("cancelled"), partial.getMessage());
            // One ROM block (1 KiB at 115200) and the settle of the line: well under a second on a quiet
            // machine; 2.5 s leaves a loaded 2-core box its margin.
            assertTrue(s.millis() < 2500, "stopped " + s.millis() + " ms after cancel()");
            FlashResult again = board.flash(FlashImage.forChip(Chip.ESP32, fw)).lastFlashResult().orElseThrow();
            assertTrue(again.verified(), "the board takes the next flash: " + again);
            assertArrayEquals(fw, chip.flash().read(0x1000, fw.length));
        }
    }

    /** Before: connect re-read the board's current token, so cancel() during the SYNC attempts was lost. */
    @Test
    void cancelStopsAConnectThatFindsNoLoader() throws Exception {
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).runningApplication(true).build();
                Board board = Board.open(chip.openTransport())) {
            // No reset: the application keeps running, so every SYNC goes unanswered until the attempts end.
            Stopped s = cancelWhileRunning(board, p -> p.operation().equals("connect"),
                    () -> board.bootloader(ROM.withAttempts(1000)));
            assertInstanceOf(OperationCancelledException.class, s.failure());
            assertTrue(s.millis() < 2500, "stopped " + s.millis() + " ms after cancel()");
        }
    }

    /** A chip erase waits up to 120 s for one answer: cancel() must end the wait, and the next call work. */
    @Test
    void cancelStopsAWaitForAChipEraseAndTheBoardStaysUsable() throws Exception {
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32())
                .eraseLatency(java.time.Duration.ofMillis(2)).build();
                Board board = Board.open(chip.openTransport())) {
            board.bootloader(ROM);
            // 1024 sectors x 2 ms: the ROM's erase of 4 MiB takes about 2 s to answer.
            Stopped s = cancelWhileRunning(board, p -> p.operation().equals("erase"), board::erase);
            assertInstanceOf(OperationCancelledException.class, s.failure());
            assertTrue(s.millis() < 1500, "stopped " + s.millis() + " ms after cancel(), before the erase answered");
            byte[] fw = FlasherFixtures.firmware(Chip.ESP32, 20_000, 37);
            assertTrue(board.flash(FlashImage.forChip(Chip.ESP32, fw)).lastFlashResult().orElseThrow().verified(),
                    "the next call works once the chip has answered");
        }
    }

    /** Before: erase().flash(imageForAnotherChip) wiped the board, then said "nothing was erased". */
    @Test
    void aRefusalAfterAnEraseSaysTheFlashWasErased() throws Exception {
        byte[] s3 = FlasherFixtures.firmware(Chip.ESP32_S3, 20_000, 32);
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).build();
                Board board = Board.open(chip.openTransport())) {
            board.bootloader(ROM);
            ChipMismatchException e = assertThrows(ChipMismatchException.class,
                    () -> board.erase().flash(FlashImage.forChip(Chip.ESP32_S3, s3)));
            assertFalse(e.getMessage().contains("nothing was erased"), e.getMessage());
            assertTrue(e.getMessage().contains("earlier erase on this connection had already erased the flash"),
                    e.getMessage());
        }
    }

    /** The check-first way: withEraseAll(true) erases only once the image passed its checks. */
    @Test
    void eraseAllInTheFlashOptionsChecksTheImageBeforeErasing() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32, 20_000, 33);
        byte[] s3 = FlasherFixtures.firmware(Chip.ESP32_S3, 20_000, 34);
        byte[] other = FlasherFixtures.payload(4096, 35);
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).build();
                Board board = Board.open(chip.openTransport())) {
            board.bootloader(ROM);
            board.flash(FlashImage.forChip(Chip.ESP32, fw)).flash(FlashImage.at(0x300000, other));
            ChipMismatchException e = assertThrows(ChipMismatchException.class, () -> board.flash(
                    FlashImage.forChip(Chip.ESP32_S3, s3), FlashOptions.defaults().withEraseAll(true)));
            assertTrue(e.getMessage().contains("nothing was erased or written"), e.getMessage());
            assertArrayEquals(fw, chip.flash().read(0x1000, fw.length), "the refused image left the flash alone");
            board.flash(FlashImage.forChip(Chip.ESP32, fw), FlashOptions.defaults().withEraseAll(true));
            assertTrue(board.lastFlashResult().orElseThrow().verified());
            assertTrue(chip.flash().isErased(0x300000, 4096), "the accepted image erased the whole chip first");
        }
    }

    /** Before: the ESP8266 ROM (no MD5 command) "succeeded" with nothing verified, and mpy exited 0. */
    @Test
    void aWriteNothingCouldVerifyIsNotASuccess() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP8266, 20_000, 36);
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp8266()).build();
                Board board = Board.open(chip.openTransport())) {
            board.bootloader(ROM);
            FlashNotVerifiedException e = assertThrows(FlashNotVerifiedException.class,
                    () -> board.flash(FlashImage.forChip(Chip.ESP8266, fw)));
            assertFalse(e.result().verified());
            assertEquals(fw.length, e.result().bytes());
            assertTrue(e.getMessage().contains("nothing was verified"), e.getMessage());
            FlashResult accepted = board.flash(FlashImage.forChip(Chip.ESP8266, fw),
                    FlashOptions.defaults().withVerify(false)).lastFlashResult().orElseThrow();
            assertFalse(accepted.verified(), "asked for no verification, and told so");
            assertArrayEquals(fw, chip.flash().read(0, fw.length));
        }
    }
}
