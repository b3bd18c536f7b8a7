package org.mpysdk.testkit.esp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.mpysdk.core.BaudRate;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual ESP chip in its serial download mode: the ROM loader of an ESP8266, ESP32, ESP32-S3 or
 * ESP32-C3 (see {@link ChipProfile}), which becomes a flasher stub once a stub is uploaded to RAM and
 * started, with an in-memory NOR flash behind it. Hosts reach it in-process ({@link #openTransport()}),
 * over TCP ({@link #serveTcp()}, for {@code socket://}) or over a socat pty ({@link #servePty()}), and
 * through {@code Board.open("virtual:esp32")}.
 *
 * <p>It speaks the real protocol closely enough that Espressif's esptool-js flashes it (see the peer
 * tests), and it can be made slow (line rate, erase and write latency) and unreliable ({@link FaultPlan})
 * so that a flasher's timeouts, retries and error messages can be tested without hardware.
 *
 * <pre>{@code
 * try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).lineRate(true).build();
 *      Board board = Board.open(esp.openTransport())) {
 *     // ... flash through board ...
 *     byte[] written = esp.flash().read(0x1000, image.length);
 * }
 * }</pre>
 *
 * <p>One host connection is served at a time; a new one replaces the old (as when a cable is re-plugged).
 * The chip's state (mode, stub, baud rate, flash) survives reconnects.
 */
public final class VirtualEsp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualEsp.class);

    private final ChipProfile profile;
    private final VirtualEspConfig config;
    private final NorFlash flash;
    private final FaultState faultState;
    private final LoaderEngine engine;
    private final ReentrantLock serving = new ReentrantLock();
    private final List<Integer> commandLog = new ArrayList<>();
    private final List<Integer> baudChanges = new ArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private Session current;
    private volatile boolean heldInReset;
    private boolean dtr;
    private boolean rts;
    private long enGeneration;
    private ScheduledExecutorService strapTimer;
    private int stubUploads;
    private long lastStubEntry = -1;
    private boolean closed;
    private Throwable failure;

    private VirtualEsp(ChipProfile profile, VirtualEspConfig config) {
        this.profile = profile;
        this.config = config;
        this.flash = new NorFlash(config.flashSize());
        this.faultState = new FaultState(config.faults());
        this.engine = new LoaderEngine(this, config.startInApplication() ? EspMode.APPLICATION : EspMode.ROM_LOADER);
    }

    /**
     * @param profile the chip to emulate, e.g. {@link ChipProfile#esp32()}
     * @return a builder for a chip of this kind, with 4 MB of flash, 115200 baud, no line rate, no faults
     */
    public static Builder builder(ChipProfile profile) {
        return new Builder(profile);
    }

    /**
     * @param key {@code esp8266}, {@code esp32}, {@code esp32s3} or {@code esp32c3}
     * @return a chip with the default knobs
     * @throws IllegalArgumentException for a chip VirtualEsp does not emulate
     */
    public static VirtualEsp create(String key) {
        return builder(ChipProfile.byKey(key)).build();
    }

    /** @return which chip this is */
    public ChipProfile profile() {
        return profile;
    }

    /** @return the knobs it was built with */
    public VirtualEspConfig config() {
        return config;
    }

    /** @return the flash; tests read (and may preload) it */
    public NorFlash flash() {
        return flash;
    }

    /** @return what the chip runs now */
    public EspMode mode() {
        return engine.mode();
    }

    /** @return the chip's UART rate: the initial rate until a CHANGE_BAUDRATE */
    public int baudRate() {
        return engine.baud();
    }

    /** @return every CHANGE_BAUDRATE rate the chip switched to, in order */
    public synchronized List<Integer> baudChanges() {
        return List.copyOf(baudChanges);
    }

    /** @return the opcode of every command frame received, in order (including ones it refused) */
    public synchronized List<Integer> commandLog() {
        return List.copyOf(commandLog);
    }

    /**
     * @param op the command to count, e.g. {@code Opcode.FLASH_DEFL_DATA} to see how many blocks were sent
     * @return how many commands with this opcode arrived
     */
    public synchronized long commandCount(Opcode op) {
        return commandLog.stream().filter(c -> c == op.code()).count();
    }

    /** @return how many times a stub was uploaded and started */
    public synchronized int stubUploads() {
        return stubUploads;
    }

    /** @return the entry point of the last stub started, or -1 */
    public synchronized long lastStubEntry() {
        return lastStubEntry;
    }

    /** @return the six SPI_SET_PARAMS words last received (id, total size, block, sector, page, status mask), or empty */
    public int[] spiParameters() {
        return engine.spiParams();
    }

    /** @return the JEDEC flash id the chip reports to RDID */
    public int flashId() {
        return engine.registers().flashId();
    }

    /** @return whether EN is held low through the control lines */
    public boolean heldInReset() {
        return heldInReset;
    }

    /**
     * Opens an in-process link to the chip, at {@link BaudRate#DEFAULT} on the host side. Closing the
     * transport disconnects the host; the chip stays.
     *
     * @return the host end of the link
     */
    public VirtualEspTransport openTransport() {
        return openTransport(BaudRate.DEFAULT);
    }

    /**
     * @param hostBaud the host side's baud rate; when it differs from the chip's (after a CHANGE_BAUDRATE
     *     the host did not follow), bytes arrive garbled
     * @return the host end of the link
     */
    public VirtualEspTransport openTransport(int hostBaud) {
        VirtualEspTransport transport = new VirtualEspTransport(this, "virtual:" + profile.key(), hostBaud, false);
        attach(transport.chipEnd());
        return transport;
    }

    /**
     * Starts a TCP server on 127.0.0.1 (ephemeral port) whose connections reach this chip; closed with the chip.
     *
     * @return the running server; a host opens its {@link VirtualEspServer#uri()}
     * @throws IOException when the server socket cannot be opened
     */
    public VirtualEspServer serveTcp() throws IOException {
        VirtualEspServer server = new VirtualEspServer(this);
        synchronized (this) {
            servers.add(server);
        }
        return server;
    }

    /**
     * Starts {@code socat} with a pty pair and serves this chip on one end; the host opens
     * {@link VirtualEspPty#hostPath()}. Needs socat on the PATH.
     *
     * @return the running pty pair
     * @throws IOException when socat cannot be started or does not report its ptys
     */
    public VirtualEspPty servePty() throws IOException {
        VirtualEspPty pty = VirtualEspPty.start(this);
        synchronized (this) {
            servers.add(pty);
        }
        return pty;
    }

    /**
     * Sets DTR and RTS as a USB-serial bridge with the usual two-transistor auto-reset circuit would:
     * RTS alone pulls EN low (reset), DTR alone pulls IO0 low (download mode), both or neither leave
     * both high. When EN rises the chip samples IO0 after {@link VirtualEspConfig#strapDelay()} and
     * boots the ROM loader (IO0 low) or the application.
     *
     * @param dtr the DTR level, true = asserted
     * @param rts the RTS level, true = asserted
     */
    public void setControlLines(boolean dtr, boolean rts) {
        synchronized (this) {
            boolean enBefore = enHigh();
            this.dtr = dtr;
            this.rts = rts;
            boolean enNow = enHigh();
            if (enBefore && !enNow) {
                heldInReset = true;
                enGeneration++;
            } else if (!enBefore && enNow) {
                long generation = ++enGeneration;
                if (strapTimer == null) {
                    strapTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "virtual-" + profile.key() + "-en");
                        t.setDaemon(true);
                        return t;
                    });
                }
                strapTimer.schedule(() -> boot(generation), config.strapDelay().toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** @return the DTR level last set */
    public synchronized boolean dtr() {
        return dtr;
    }

    /** @return the RTS level last set */
    public synchronized boolean rts() {
        return rts;
    }

    /**
     * Power-cycles the chip with IO0 low ({@code downloadMode}) or high: the stub, a flash session in
     * progress and any baud rate change are lost, and the ROM prints its boot text.
     *
     * @param downloadMode true to come back in the ROM loader, false to boot the application
     */
    public void reset(boolean downloadMode) {
        Session s;
        synchronized (this) {
            s = current;
        }
        if (s != null && !s.line.isClosed()) {
            s.line.post(new LoaderEngine.ResetEvent(downloadMode));
        } else {
            try {
                serving.lockInterruptibly();
                try {
                    engine.reset(downloadMode);
                } finally {
                    serving.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                LOG.debug("reset without a host: {}", e.toString());
            }
        }
    }

    private boolean enHigh() {
        return !(rts && !dtr);
    }

    private void boot(long generation) {
        boolean download;
        synchronized (this) {
            if (generation != enGeneration || !enHigh()) {
                return;
            }
            heldInReset = false;
            download = dtr && !rts;
        }
        reset(download);
    }

    /** Serves the chip on a new link, replacing the current one. */
    void attach(ByteEndpoint endpoint) {
        ChipLine line = new ChipLine(endpoint, config.clock(), faultState, config.lineRate(), engine.baud(),
                this::heldInReset);
        Thread thread = new Thread(() -> serve(line), "virtual-" + profile.key() + "-" + endpoint.describe());
        thread.setDaemon(true);
        Session old;
        synchronized (this) {
            if (closed) {
                endpoint.close();
                throw new IllegalStateException("virtual " + profile.name() + " is closed");
            }
            old = current;
            current = new Session(line, thread);
        }
        if (old != null) {
            old.close();
        }
        line.start(thread.getName());
        thread.start();
    }

    private void serve(ChipLine line) {
        try {
            serving.lockInterruptibly();
            try {
                engine.serve(line, config.bootNoise());
            } finally {
                serving.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug in the virtual chip, not a protocol error: keep it for tests to see.
            LOG.error("virtual {} loader thread died", profile.name(), e);
            synchronized (this) {
                failure = e;
            }
        } finally {
            line.close();
        }
    }

    /** @return the exception that killed a loader thread (a bug in VirtualEsp), or null */
    public synchronized Throwable failure() {
        return failure;
    }

    FaultState faultState() {
        return faultState;
    }

    synchronized void record(int opcode) {
        commandLog.add(opcode);
    }

    synchronized void stubStarted(long entry) {
        stubUploads++;
        lastStubEntry = entry;
    }

    synchronized void baudChanged(int baud) {
        baudChanges.add(baud);
    }

    /** Disconnects the host, stops the servers and the pty; idempotent. */
    @Override
    public void close() {
        Session s;
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = current;
            current = null;
            toClose = new ArrayList<>(servers);
            servers.clear();
            if (strapTimer != null) {
                strapTimer.shutdownNow();
            }
        }
        if (s != null) {
            s.close();
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", c, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "VirtualEsp[" + profile.name() + ", " + mode() + ", " + flash.size() / 1024 + " KiB]";
    }

    /** A connection being served: its line and the thread running the loader on it. */
    private record Session(ChipLine line, Thread thread) {
        void close() {
            line.close();
            thread.interrupt();
        }
    }

    /**
     * The knobs. Defaults: 4 MB flash, 115200 baud, no line rate, no latency, no boot noise, no faults.
     *
     * <pre>{@code
     * VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32())
     *         .lineRate(true)                              // bytes take 10 bit times at the current baud
     *         .eraseLatency(Duration.ofMillis(30))         // per 4 KiB sector
     *         .writeLatency(Duration.ofMillis(2))          // per 4 KiB written
     *         .bootNoise(true)                             // "ets Jun  8 2016 ... waiting for download"
     *         .faults(FaultPlan.builder().dropResponse(Opcode.FLASH_DEFL_DATA, 2).build())
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private ChipProfile profile;
        private int flashSize = 4 * 1024 * 1024;
        private int baud = BaudRate.DEFAULT;
        private boolean lineRate;
        private Duration eraseLatency = Duration.ZERO;
        private Duration writeLatency = Duration.ZERO;
        private Duration chipEraseLatency = Duration.ZERO;
        private boolean bootNoise;
        private boolean secureDownloadMode;
        private boolean startInApplication;
        private String applicationOutput = "\r\nMicroPython v1.22.2 on 2024-02-22; Generic module\r\n>>> ";
        private Duration strapDelay = Duration.ofMillis(5);
        private LineClock clock = LineClock.system();
        private FaultPlan faults = FaultPlan.none();

        private Builder(ChipProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
        }

        /**
         * @param bytes flash size, a power of two of at least 64 KiB (default 4 MB)
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is not such a power of two
         */
        public Builder flashSize(int bytes) {
            if (bytes < 64 * 1024 || Integer.bitCount(bytes) != 1) {
                throw new IllegalArgumentException("flash size must be a power of two >= 64 KiB, got " + bytes);
            }
            this.flashSize = bytes;
            return this;
        }

        /**
         * @param baud the rate the chip's UART starts at (default 115200)
         * @return this builder
         * @throws IllegalArgumentException when {@code baud} is not positive
         */
        public Builder baudRate(int baud) {
            this.baud = BaudRate.of(baud).value();
            return this;
        }

        /**
         * @param on whether bytes take their line time (10 bits per byte at the current baud) in both directions
         * @return this builder
         */
        public Builder lineRate(boolean on) {
            this.lineRate = on;
            return this;
        }

        /**
         * @param perSector time to erase one 4 KiB sector (real chips: about 30-50 ms)
         * @return this builder
         */
        public Builder eraseLatency(Duration perSector) {
            this.eraseLatency = nonNegative(perSector);
            return this;
        }

        /**
         * @param perSector time to program 4 KiB (real chips: a few ms)
         * @return this builder
         */
        public Builder writeLatency(Duration perSector) {
            this.writeLatency = nonNegative(perSector);
            return this;
        }

        /**
         * @param latency time for a whole-chip ERASE_FLASH (real 4 MB chips: 10-40 s)
         * @return this builder
         */
        public Builder chipEraseLatency(Duration latency) {
            this.chipEraseLatency = nonNegative(latency);
            return this;
        }

        /**
         * @param on whether a new connection first receives the ROM's boot text (default off)
         * @return this builder
         */
        public Builder bootNoise(boolean on) {
            this.bootNoise = on;
            return this;
        }

        /**
         * @param on whether the ROM is in Secure Download Mode: only SYNC, SPI_ATTACH, SPI_SET_PARAMS,
         *     CHANGE_BAUDRATE, FLASH_BEGIN/DATA/END and GET_SECURITY_INFO work; others get "unsupported"
         * @return this builder
         * @throws IllegalArgumentException for chips whose ROM has no such mode (ESP8266, ESP32)
         */
        public Builder secureDownloadMode(boolean on) {
            if (on && !profile.hasSecurityInfo()) {
                throw new IllegalArgumentException(profile.name() + " has no Secure Download Mode");
            }
            this.secureDownloadMode = on;
            return this;
        }

        /**
         * @param on whether the chip starts running its application (nobody reset it into download mode):
         *     it prints {@link #applicationOutput} and never answers in SLIP until reset with IO0 low
         * @return this builder
         */
        public Builder runningApplication(boolean on) {
            this.startInApplication = on;
            return this;
        }

        /**
         * @param text what the application prints at boot and when bytes arrive (default: a MicroPython prompt)
         * @return this builder
         */
        public Builder applicationOutput(String text) {
            this.applicationOutput = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * @param mac the MAC address the eFuses hold
         * @return this builder
         */
        public Builder mac(byte[] mac) {
            this.profile = profile.withMac(mac);
            return this;
        }

        /**
         * @param delay how long after EN rises IO0 is sampled (default 5 ms, the RC delay on EN)
         * @return this builder
         */
        public Builder strapDelay(Duration delay) {
            this.strapDelay = nonNegative(delay);
            return this;
        }

        /**
         * @param clock the time source for the line rate and latencies (a {@link ManualClock} in tests)
         * @return this builder
         */
        public Builder clock(LineClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param faults what goes wrong (default nothing)
         * @return this builder
         */
        public Builder faults(FaultPlan faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** @return the chip, idle until a host connects */
        public VirtualEsp build() {
            VirtualEspConfig config = new VirtualEspConfig(flashSize, baud, lineRate, eraseLatency.toNanos(),
                    writeLatency.toNanos(), chipEraseLatency.toNanos(), bootNoise, secureDownloadMode,
                    startInApplication, applicationOutput, strapDelay, clock, faults);
            return new VirtualEsp(profile, config);
        }

        private static Duration nonNegative(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("a latency cannot be negative: " + d);
            }
            return d;
        }
    }
}
