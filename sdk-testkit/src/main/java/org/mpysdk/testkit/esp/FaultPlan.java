package org.mpysdk.testkit.esp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mpysdk.serial.esp.protocol.Opcode;

/**
 * What goes wrong on the line or in the chip, planned in advance so a test is repeatable. Counts are
 * 1-based for frames ("the 3rd response to FLASH_DEFL_DATA") and 0-based for bytes ("byte 0 is the
 * first byte the chip ever sends"); they run over the chip's whole life, across reconnects.
 *
 * <pre>{@code
 * FaultPlan faults = FaultPlan.builder()
 *         .dropResponse(Opcode.FLASH_DEFL_DATA, 3)     // the host times out and retries block 2
 *         .corruptOutputByte(40)
 *         .resetMidFlash(5, false)                     // brown-out after 5 data blocks: boots the app
 *         .build();
 * }</pre>
 *
 * @param frameFaults faults on whole frames, matched by opcode and count
 * @param byteFaults faults on single bytes, matched by direction and index
 * @param stopAnsweringAfter after this many frames the chip sends nothing more (0 = never stops)
 * @param resetAfterFlashBlocks the chip resets after this many FLASH_DATA/FLASH_DEFL_DATA blocks (0 = never)
 * @param resetIntoDownloadMode whether that reset comes back in the ROM loader (else it boots the application)
 */
public record FaultPlan(List<FrameFault> frameFaults, List<ByteFault> byteFaults, int stopAnsweringAfter,
        int resetAfterFlashBlocks, boolean resetIntoDownloadMode) {

    /**
     * Copies the lists.
     *
     * @param frameFaults faults on whole frames, copied
     * @param byteFaults faults on single bytes, copied
     * @param stopAnsweringAfter after this many frames the chip sends nothing more (0 = never stops)
     * @param resetAfterFlashBlocks the chip resets after this many flash data blocks (0 = never)
     * @param resetIntoDownloadMode whether that reset comes back in the ROM loader
     */
    public FaultPlan {
        frameFaults = List.copyOf(frameFaults);
        byteFaults = List.copyOf(byteFaults);
    }

    /** @return a plan in which nothing goes wrong */
    public static FaultPlan none() {
        return new FaultPlan(List.of(), List.of(), 0, 0, false);
    }

    /** @return a builder for a plan */
    public static Builder builder() {
        return new Builder();
    }

    /** What happens to a frame. */
    public enum FrameAction {
        /** The chip never sends the response (or never sees the command). */
        DROP,
        /** The frame's first byte is inverted, so the host sees a frame that is no valid response. */
        CORRUPT,
        /** The response leaves after an extra delay. */
        DELAY
    }

    /**
     * A fault on the {@code nth} frame of one opcode.
     *
     * @param incoming true for a command from the host (only {@link FrameAction#DROP} applies), false for a response
     * @param opcode the command whose frames are counted
     * @param nth which one, from 1
     * @param action what happens to it
     * @param delay the extra delay for {@link FrameAction#DELAY}
     */
    public record FrameFault(boolean incoming, Opcode opcode, int nth, FrameAction action, Duration delay) {
        /**
         * Validates the count.
         *
         * @param incoming true for a command from the host, false for a response
         * @param opcode the command whose frames are counted, required
         * @param nth which one, from 1
         * @param action what happens to it
         * @param delay the extra delay for {@link FrameAction#DELAY}
         * @throws IllegalArgumentException when {@code nth} is below 1
         * @throws NullPointerException when {@code opcode} is null
         */
        public FrameFault {
            Objects.requireNonNull(opcode, "opcode");
            if (nth < 1) {
                throw new IllegalArgumentException("frames are counted from 1, got " + nth);
            }
        }
    }

    /** What happens to a byte. */
    public enum ByteAction {
        /** The byte is lost. */
        DROP,
        /** The byte's bits are inverted. */
        CORRUPT,
        /** The byte arrives late. */
        DELAY
    }

    /**
     * A fault on one byte on the wire (after SLIP framing).
     *
     * @param incoming true for bytes from the host to the chip, false for bytes the chip sends
     * @param index which byte in that direction, from 0
     * @param action what happens to it
     * @param delay the extra delay for {@link ByteAction#DELAY}
     */
    public record ByteFault(boolean incoming, long index, ByteAction action, Duration delay) {
        /**
         * Validates the index.
         *
         * @param incoming true for bytes from the host to the chip, false for bytes the chip sends
         * @param index which byte in that direction, from 0
         * @param action what happens to it
         * @param delay the extra delay for {@link ByteAction#DELAY}
         * @throws IllegalArgumentException when {@code index} is negative
         */
        public ByteFault {
            if (index < 0) {
                throw new IllegalArgumentException("bytes are counted from 0, got " + index);
            }
        }
    }

    /** Collects faults; each method adds one. */
    public static final class Builder {
        private final List<FrameFault> frames = new ArrayList<>();
        private final List<ByteFault> bytes = new ArrayList<>();
        private int stopAfter;
        private int resetAfter;
        private boolean resetIntoDownload;

        private Builder() {
        }

        /**
         * The {@code nth} response to {@code op} is never sent.
         *
         * @param op the command whose frames are counted
         * @param nth which one, counted from 1 over the chip's life
         * @return this builder
         * @throws IllegalArgumentException when {@code nth} is below 1
         */
        public Builder dropResponse(Opcode op, int nth) {
            frames.add(new FrameFault(false, op, nth, FrameAction.DROP, Duration.ZERO));
            return this;
        }

        /**
         * The {@code nth} response to {@code op} arrives with its first byte inverted.
         *
         * @param op the command whose frames are counted
         * @param nth which one, counted from 1 over the chip's life
         * @return this builder
         * @throws IllegalArgumentException when {@code nth} is below 1
         */
        public Builder corruptResponse(Opcode op, int nth) {
            frames.add(new FrameFault(false, op, nth, FrameAction.CORRUPT, Duration.ZERO));
            return this;
        }

        /**
         * The {@code nth} response to {@code op} leaves {@code delay} late.
         *
         * @param op the command whose frames are counted
         * @param nth which one, counted from 1 over the chip's life
         * @param delay how late
         * @return this builder
         * @throws IllegalArgumentException when {@code nth} is below 1
         */
        public Builder delayResponse(Opcode op, int nth, Duration delay) {
            frames.add(new FrameFault(false, op, nth, FrameAction.DELAY, delay));
            return this;
        }

        /**
         * The {@code nth} command {@code op} is lost on its way to the chip, which never answers it.
         *
         * @param op the command whose frames are counted
         * @param nth which one, counted from 1 over the chip's life
         * @return this builder
         * @throws IllegalArgumentException when {@code nth} is below 1
         */
        public Builder dropCommand(Opcode op, int nth) {
            frames.add(new FrameFault(true, op, nth, FrameAction.DROP, Duration.ZERO));
            return this;
        }

        /**
         * Byte {@code index} (from 0) that the chip sends is lost.
         *
         * @param index which byte in that direction, counted from 0 over the chip's life
         * @return this builder
         * @throws IllegalArgumentException when {@code index} is negative
         */
        public Builder dropOutputByte(long index) {
            bytes.add(new ByteFault(false, index, ByteAction.DROP, Duration.ZERO));
            return this;
        }

        /**
         * Byte {@code index} that the chip sends arrives with its bits inverted.
         *
         * @param index which byte in that direction, counted from 0 over the chip's life
         * @return this builder
         * @throws IllegalArgumentException when {@code index} is negative
         */
        public Builder corruptOutputByte(long index) {
            bytes.add(new ByteFault(false, index, ByteAction.CORRUPT, Duration.ZERO));
            return this;
        }

        /**
         * Byte {@code index} that the chip sends arrives {@code delay} late (and so do those after it).
         *
         * @param index which byte in that direction, counted from 0 over the chip's life
         * @param delay how late
         * @return this builder
         * @throws IllegalArgumentException when {@code index} is negative
         */
        public Builder delayOutputByte(long index, Duration delay) {
            bytes.add(new ByteFault(false, index, ByteAction.DELAY, delay));
            return this;
        }

        /**
         * Byte {@code index} (from 0) that the host sends never reaches the chip.
         *
         * @param index which byte in that direction, counted from 0 over the chip's life
         * @return this builder
         * @throws IllegalArgumentException when {@code index} is negative
         */
        public Builder dropInputByte(long index) {
            bytes.add(new ByteFault(true, index, ByteAction.DROP, Duration.ZERO));
            return this;
        }

        /**
         * Byte {@code index} that the host sends reaches the chip with its bits inverted.
         *
         * @param index which byte in that direction, counted from 0 over the chip's life
         * @return this builder
         * @throws IllegalArgumentException when {@code index} is negative
         */
        public Builder corruptInputByte(long index) {
            bytes.add(new ByteFault(true, index, ByteAction.CORRUPT, Duration.ZERO));
            return this;
        }

        /**
         * After {@code frames} frames (responses, OHAI, read data) the chip falls silent for good.
         *
         * @param frames how many frames the chip still sends, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code frames} is below 1
         */
        public Builder stopAnsweringAfter(int frames) {
            if (frames < 1) {
                throw new IllegalArgumentException("stopAnsweringAfter needs at least 1 frame, got " + frames);
            }
            this.stopAfter = frames;
            return this;
        }

        /**
         * The chip resets after processing {@code blocks} flash data blocks, before answering the last one:
         * a brown-out or watchdog in the middle of flashing.
         *
         * @param blocks how many data blocks the chip processes first, at least 1
         * @param intoDownloadMode true: it comes back in the ROM loader (stub and baud rate lost);
         *     false: it boots the (half-written) application
         * @return this builder
         * @throws IllegalArgumentException when {@code blocks} is below 1
         */
        public Builder resetMidFlash(int blocks, boolean intoDownloadMode) {
            if (blocks < 1) {
                throw new IllegalArgumentException("resetMidFlash needs at least 1 block, got " + blocks);
            }
            this.resetAfter = blocks;
            this.resetIntoDownload = intoDownloadMode;
            return this;
        }

        /** @return the plan */
        public FaultPlan build() {
            return new FaultPlan(frames, bytes, stopAfter, resetAfter, resetIntoDownload);
        }
    }
}
