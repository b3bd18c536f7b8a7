package org.mpysdk.serial.esp;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.mpysdk.core.Transport;
import org.mpysdk.core.flash.ResetMode;

/**
 * A DTR/RTS sequence that puts the chip into its ROM download mode (or back into the application).
 * On the usual auto-reset circuit DTR drives GPIO0 (BOOT) and RTS drives EN, both active low:
 * "true" pulls the pin low.
 */
interface ResetStrategy {
    /**
     * Drives the lines; blocks for the sequence's delays.
     *
     * @param transport the port whose DTR and RTS reach the board
     * @throws org.mpysdk.core.OperationCancelledException when interrupted during a pause
     * @throws IOException when the port refuses a line change
     */
    void apply(Transport transport) throws IOException;

    /** @return a short name for logs and messages */
    String name();

    /** esptool's default delay after releasing EN, and the longer one for slow reset circuits. */
    Duration DELAY = Duration.ofMillis(50);
    /** The longer delay (50 + 500 ms). */
    Duration EXTRA_DELAY = Duration.ofMillis(550);

    /**
     * Classic: DTR=0 RTS=1 (in reset), 100 ms, DTR=1 RTS=0 (IO0 low, run), delay, DTR=0.
     *
     * @param delay how long IO0 stays low after EN is released: {@link #DELAY}, or {@link #EXTRA_DELAY}
     *     for boards with a large capacitor on EN
     * @return the strategy
     */
    static ResetStrategy classic(Duration delay) {
        return new ResetStrategy() {
            @Override
            public void apply(Transport t) throws IOException {
                t.setDtr(false);
                t.setRts(true);
                Pause.of(Duration.ofMillis(100), "classic reset");
                t.setDtr(true);
                t.setRts(false);
                Pause.of(delay, "classic reset");
                t.setDtr(false);
            }

            @Override
            public String name() {
                return "classic reset (" + delay.toMillis() + " ms)";
            }
        };
    }

    /**
     * Unix tight: both lines set together at each step, so the chip never sees an in-between state.
     *
     * @param delay how long IO0 stays low after EN is released: {@link #DELAY} or {@link #EXTRA_DELAY}
     * @return the strategy
     */
    static ResetStrategy unixTight(Duration delay) {
        return new ResetStrategy() {
            @Override
            public void apply(Transport t) throws IOException {
                t.setControlLines(false, false);
                t.setControlLines(true, true);
                t.setControlLines(false, true);   // IO0 high, EN low: in reset
                Pause.of(Duration.ofMillis(100), "tight reset");
                t.setControlLines(true, false);   // IO0 low, EN high: boots into download mode
                Pause.of(delay, "tight reset");
                t.setControlLines(false, false);
                t.setDtr(false);
            }

            @Override
            public String name() {
                return "tight reset (" + delay.toMillis() + " ms)";
            }
        };
    }

    /**
     * The sequence for the chip's own USB-Serial/JTAG peripheral (VID:PID 303A:1001).
     *
     * @return the strategy
     */
    static ResetStrategy usbJtagSerial() {
        return new ResetStrategy() {
            @Override
            public void apply(Transport t) throws IOException {
                t.setRts(false);
                t.setDtr(false);
                Pause.of(Duration.ofMillis(100), "USB-JTAG-serial reset");
                t.setDtr(true);
                t.setRts(false);
                Pause.of(Duration.ofMillis(100), "USB-JTAG-serial reset");
                // Through (1,1), not (0,0); RTS again because some drivers only pass DTR on an RTS write.
                t.setRts(true);
                t.setDtr(false);
                t.setRts(true);
                Pause.of(Duration.ofMillis(100), "USB-JTAG-serial reset");
                t.setDtr(false);
                t.setRts(false);
            }

            @Override
            public String name() {
                return "USB-JTAG-serial reset";
            }
        };
    }

    /**
     * Nothing: the chip is already in download mode.
     *
     * @return the strategy, named {@code "no reset"}
     */
    static ResetStrategy none() {
        return new ResetStrategy() {
            @Override
            public void apply(Transport t) {
                // nothing to do
            }

            @Override
            public String name() {
                return "no reset";
            }
        };
    }

    /**
     * Hard reset into the application: EN low for 100 ms (200 ms on native USB, plus time to re-enumerate).
     *
     * @param nativeUsb whether the port is the chip's own USB-JTAG-serial
     * @return the strategy
     */
    static ResetStrategy hardReset(boolean nativeUsb) {
        return new ResetStrategy() {
            @Override
            public void apply(Transport t) throws IOException {
                t.setRts(true);
                Pause.of(Duration.ofMillis(nativeUsb ? 200 : 100), "hard reset");
                t.setRts(false);
                if (nativeUsb) {
                    Pause.of(Duration.ofMillis(200), "hard reset");
                }
            }

            @Override
            public String name() {
                return "hard reset";
            }
        };
    }

    /**
     * @param mode the user's choice
     * @param hasControlLines whether the transport reaches real DTR/RTS lines
     * @return the strategies to cycle through, one per connect attempt
     */
    static List<ResetStrategy> sequence(ResetMode mode, boolean hasControlLines) {
        return sequence(mode, hasControlLines, false);
    }

    /**
     * @param mode the user's choice
     * @param hasControlLines whether the transport reaches real DTR/RTS lines
     * @param nativeUsb whether the port is the chip's own USB-JTAG-serial (VID:PID 303A:1001), whose
     *     reset differs from the two-transistor circuit of USB-UART bridges; AUTO tries that sequence first
     * @return the strategies to cycle through, one per connect attempt
     */
    static List<ResetStrategy> sequence(ResetMode mode, boolean hasControlLines, boolean nativeUsb) {
        if (mode == ResetMode.AUTO && hasControlLines && nativeUsb) {
            return List.of(usbJtagSerial(), unixTight(DELAY), classic(DELAY));
        }
        return switch (mode) {
            case NO_RESET -> List.of(none());
            case USB_JTAG_SERIAL -> List.of(usbJtagSerial());
            case CLASSIC -> List.of(classic(DELAY), classic(EXTRA_DELAY));
            case UNIX_TIGHT -> List.of(unixTight(DELAY), unixTight(EXTRA_DELAY));
            case AUTO -> hasControlLines
                    ? List.of(unixTight(DELAY), unixTight(EXTRA_DELAY), classic(DELAY), classic(EXTRA_DELAY))
                    : List.of(none());
        };
    }
}
