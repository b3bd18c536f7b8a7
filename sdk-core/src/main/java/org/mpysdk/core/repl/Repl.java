package org.mpysdk.core.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MicroPython REPL of a board, over any {@link Transport}: runs code in the raw REPL and returns
 * what it printed, with raw-paste flow control where the firmware has it.
 *
 * <pre>{@code
 * Repl repl = board.repl();
 * String out = repl.exec("print(1+1)").text();            // "2"
 * String v = repl.eval("len('abc')");                      // "3"
 * repl.execStreaming("for i in range(5): print(i)", (b, o, n) -> System.out.write(b, o, n), Duration.ofSeconds(5));
 * try { repl.exec("1/0"); } catch (BoardCodeException e) { e.type(); } // "ZeroDivisionError"
 * repl.files().put(Path.of("main.py"), "/main.py");
 * }</pre>
 *
 * <p>The raw REPL is entered on first use: Ctrl-C interrupts whatever runs, and the prompt is polled
 * for under one overall deadline (a board that is still booting, or printing without pause, cannot
 * stretch it). Every call has a timeout; on timeout or {@link Cancellation#cancel() cancel} the board's
 * code is interrupted with Ctrl-C and the REPL stays usable.
 *
 * <p>Not thread-safe: one thread uses a Repl at a time; another thread may cancel through the
 * {@link Cancellation} the Repl was given.
 */
public final class Repl {
    /** The rate assumed where the link has none: the default (and slowest common) REPL rate. */
    private static final int SLOWEST_REPL_BAUD = 115200;
    private static final Logger LOG = LoggerFactory.getLogger(Repl.class);
    private static final byte[] RAW_BANNER = "raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = {0x04, 0x04, '>'};
    private static final byte[] CTRL_C = {0x03};
    private static final Duration RESET_QUIET = Duration.ofMillis(100);
    // OK comes before the board compiles anything, so only a lost end-of-code byte or a stalled board
    // delays it. Waiting longer costs nothing when OK comes; giving up early interrupts code that runs
    // (seen at 2 s: QEMU's micro:bit descheduled at load 11 on 2 cores), so the margin is generous.
    private static final Duration ACK_MARGIN = Duration.ofMillis(5000);
    /**
     * How long a raw-paste window grant may be late before the paste is ended and sent again: far
     * more than a busy board needs, far less than the deadline that a lost grant would otherwise cost.
     */
    private static final Duration PASTE_STALL = Duration.ofMillis(1500);
    /** How long removing the SDK's names after a failed operation may take: a hung board must not hold the caller long. */
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(3);
    /** Sends of one piece of code that did not run (damaged or unacknowledged) before giving up. */
    private static final int SEND_ATTEMPTS = 4;
    /** Unusable answers to the raw-paste request after which this connection stops asking. */
    private static final int PASTE_PROBE_ATTEMPTS = 3;
    private static final Duration MAX_PLAIN_PAUSE = Duration.ofMillis(40);
    /** Clean sends in a row after which uploads go in one burst again. */
    private static final int RELAX_AFTER = 32;

    /** Whether raw-paste mode is known to work on this connection. */
    public enum RawPaste {
        /** Not tried yet: the first exec longer than {@link ReplOptions#plainChunk()} tries it. */
        UNKNOWN,
        /** The board answered the request and grants windows. */
        SUPPORTED,
        /** The board lacks it, or did not answer in time; plain raw REPL is used. */
        UNSUPPORTED
    }

    private final ReplIo io;
    private final ReplOptions options;
    private final Supplier<ProgressListener> progress;
    private final Supplier<Cancellation> cancellation;
    private boolean inRaw;
    private RawPaste rawPaste = RawPaste.UNKNOWN;
    /** Raw-paste requests that got no usable answer (see {@link #PASTE_PROBE_ATTEMPTS}). */
    private int pasteProbeFailures;
    private int pasteWindow;
    private FirmwareFeatures features;
    private BoardFiles files;
    /** Whether the guard's helper is known to be defined on the board (see {@link SubmissionGuard}). */
    private boolean guardDefined;
    /** Whether the SDK's names may still be on the board after a failed clean-up (see {@link #sweepHelpers}). */
    private boolean sweepPending;
    /** Whether a garbage collection for code that did not fit the heap is running (it must not ask for another). */
    private boolean collecting;
    /** Whether the sweep itself is running (its exec must not start another). */
    private boolean sweeping;
    /** The token of the composite operation running now (see {@link #pinning}), or null. */
    private Cancellation pinned;
    /** Plain raw REPL pacing of the code being sent: the options' at first, slower after damage. */
    private int plainChunk;
    private Duration plainPause;
    /**
     * Whether this connection has lost input lately: then all plain code is paced, uploads' chunks too,
     * which otherwise go in one burst (a board that lost input once will again: the micro:bit in QEMU
     * does whenever the host is busy). Cleared after {@link #RELAX_AFTER} clean sends in a row. The
     * slower steps of {@link #slowDown} stay per call: on a link that loses bytes at random, not by
     * overrun, they would only compound until every exec ran out of time.
     */
    private boolean lossSeen;
    private int cleanSends;
    /** The host folder mounted on the board, or null (see {@link #mount(java.nio.file.Path, MountOptions)}). */
    private Mount mount;
    /** Whether the mount's board code is being sent (its exec must not remount again). */
    private boolean remounting;

    /**
     * @param transport an open link to a board running MicroPython; the Repl does not close it
     * @param options timeouts and limits
     * @param progress gives the listener for long operations (file copies), read at each operation's start
     * @param cancellation gives the token that the next operation observes, read at each operation's start
     */
    public Repl(Transport transport, ReplOptions options, Supplier<ProgressListener> progress,
                Supplier<Cancellation> cancellation) {
        this.io = new ReplIo(Objects.requireNonNull(transport, "transport"));
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.plainChunk = options.plainChunk();
        this.plainPause = options.plainChunkPause();
    }

    /**
     * @param transport an open link to a board running MicroPython; the Repl does not close it
     * @return a Repl with default options, no progress listener and a private cancellation token
     */
    public static Repl over(Transport transport) {
        Cancellation c = new Cancellation();
        return new Repl(transport, ReplOptions.defaults(), () -> ProgressListener.NONE, () -> c);
    }

    /** @return the options in force */
    public ReplOptions options() {
        return options;
    }

    /** @return the link this Repl talks over */
    public Transport transport() {
        return io.transport();
    }

    /** @return whether raw-paste mode is used on this connection, as far as known */
    public RawPaste rawPaste() {
        return rawPaste;
    }

    /**
     * Enters the raw REPL now (calls do it on demand): interrupts running code, polls for the raw
     * prompt under {@link ReplOptions#enterTimeout()}, then checks with a marker that replies line up.
     *
     * @throws ReplProtocolException when the raw prompt does not appear in time
     * @throws IOException when the link fails or the operation is cancelled
     */
    public void enter() throws IOException {
        inRaw = false;
        enterRaw(currentCancellation());
    }

    /**
     * Leaves the raw REPL for the friendly {@code >>>} prompt (what a terminal user expects). A missing
     * prompt is logged, not thrown.
     *
     * @throws IOException when the link fails while writing
     */
    public void leave() throws IOException {
        if (!inRaw) {
            return;
        }
        inRaw = false;
        io.write(new byte[] {'\r', 0x02});
        try {
            io.readUntil(">>> ".getBytes(StandardCharsets.US_ASCII), Deadline.after(options.execTimeout()), "the friendly prompt");
        } catch (OperationTimeoutException e) {
            LOG.debug("no friendly prompt after leaving the raw REPL on {}", io.name());
        }
    }

    /**
     * Runs code with the default timeout, stretched by the time the code takes on the line (see
     * {@link #lineAllowance}), so a 100 KB script at 115200 is not cut off while it is still being sent;
     * see {@link #exec(String, Duration)}.
     *
     * @param code Python source (UTF-8)
     * @return what the code printed, and how long it took
     * @throws BoardCodeException when the code raised (syntax errors included)
     * @throws IOException a timeout, cancellation, board reset or link failure, as for
     *     {@link #exec(String, Duration)}
     */
    public ExecResult exec(String code) throws IOException {
        return exec(code, defaultTimeout(code));
    }

    /** @return the default timeout for {@code code}: {@link ReplOptions#execTimeout()} plus its line time */
    Duration defaultTimeout(String code) {
        return options.execTimeout().plus(lineAllowance(code == null ? 0 : code.length()));
    }

    /**
     * @param wireBytes bytes that must cross the line (either way)
     * @return twice their time on the line at the transport's rate, so a busy board or a slow bridge still
     *     fits; a link without a rate (a pty, TCP) counts as 115200, the slowest rate a board's REPL runs at
     */
    Duration lineAllowance(long wireBytes) {
        int baud = io.transport().baudRate();
        int rate = baud > 0 ? baud : SLOWEST_REPL_BAUD;
        return Duration.ofMillis(2 * Math.max(0, wireBytes) * 10_000L / rate);
    }

    /**
     * Runs code in the raw REPL and returns what it printed.
     *
     * @param code Python source (UTF-8)
     * @param timeout overall time for sending, running and reading the output
     * @return what the code printed, and how long it took
     * @throws BoardCodeException when the code raised (syntax errors included)
     * @throws OperationTimeoutException when it ran too long (it was interrupted; the REPL is usable)
     * @throws OperationCancelledException when cancelled (interrupted the same way)
     * @throws BoardResetException when the board rebooted meanwhile, or the code soft-reset it
     *     ({@code sys.exit()}); raised as soon as the board's new prompt arrives
     * @throws IOException when the link fails
     */
    public ExecResult exec(String code, Duration timeout) throws IOException {
        Objects.requireNonNull(code, "code must not be null (pass \"\" to run nothing)");
        ReplOptions.positive(timeout, "timeout");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        run(code.getBytes(StandardCharsets.UTF_8), out::write, timeout, out);
        return new ExecResult(out.toByteArray(), System.nanoTime() - t0);
    }

    /**
     * Runs code like {@link #exec(String)}, and checks what it printed end to end: the board counts what
     * {@code print()} writes and sends its length and hash after it, so output damaged on the way back
     * raises {@link ReplyDamagedException} instead of being returned. Only {@code print()} is counted:
     * code that writes otherwise ({@code sys.stdout.write}, a module printing through its own stream)
     * fails the check. Needs the guard (the default).
     *
     * <pre>{@code
     * String total = repl.execChecked("print(sum(range(10)))").text();   // "45", checked
     * }</pre>
     *
     * @param code Python source (UTF-8)
     * @return what the code printed, checked
     * @throws ReplyDamagedException when the output does not match the board's length and hash; the code ran
     * @throws BoardCodeException when the code raised (its traceback is not checked)
     * @throws IllegalStateException when the guard is off
     * @throws UnsupportedRemoteOperationException when the board's stack is too small for the counting
     *     (the micro:bit's); nothing the code printed is returned then
     * @throws IOException a timeout, cancellation, board reset or link failure, as for {@link #exec(String)}
     */
    public ExecResult execChecked(String code) throws IOException {
        Objects.requireNonNull(code, "code must not be null (pass \"\" to run nothing)");
        if (!options.guarded()) {
            throw new IllegalStateException("execChecked needs the board's hasher, which comes with the guard: "
                    + "ReplOptions.withGuard(true)");
        }
        String wrapped = SubmissionGuard.checkedExec(code);
        ExecResult r;
        try {
            r = exec(wrapped, defaultTimeout(wrapped));
        } catch (BoardCodeException e) {
            if ("RuntimeError".equals(e.type()) && e.remoteMessage().contains("maximum recursion depth")
                    && e.traceback().text().contains(", in print")) {
                // exec in exec, then the counting print(): more C stack than the micro:bit has.
                throw new UnsupportedRemoteOperationException("execChecked needs more stack than the board on " + io.name()
                        + " has (its counting print() overflowed it: RuntimeError, maximum recursion depth exceeded);"
                        + " use exec, or eval, whose answers are checked on every board");
            }
            // The trailer comes before the traceback: check the output the exception carries, and drop the
            // frame of the counting wrapper so the traceback reads as the user's code alone.
            byte[] out = SubmissionGuard.checkedOutput(e.stdout().getBytes(StandardCharsets.UTF_8));
            String text = e.traceback().text().replaceFirst("(?m)^\\s*File \"<stdin>\", line \\d+, in <module>\\n(?=\\s*File )", "");
            throw new BoardCodeException(Traceback.parse(text), new String(out, StandardCharsets.UTF_8));
        }
        return new ExecResult(SubmissionGuard.checkedOutput(r.stdoutBytes()), r.elapsedNanos());
    }

    /**
     * Runs code and hands its output to {@code sink} as it arrives; memory stays bounded however much
     * the code prints. The returned result's stdout is empty.
     *
     * @param code Python source (UTF-8)
     * @param sink receives the printed bytes as they arrive, on the calling thread
     * @param timeout overall time for sending, running and reading the output
     * @return the result with empty stdout and the time taken
     * @throws BoardCodeException when the code raised (its {@link BoardCodeException#stdout()} is empty too)
     * @throws IOException a timeout, cancellation, board reset or link failure, as for
     *     {@link #exec(String, Duration)}
     */
    public ExecResult execStreaming(String code, OutputSink sink, Duration timeout) throws IOException {
        Objects.requireNonNull(code, "code must not be null (pass \"\" to run nothing)");
        Objects.requireNonNull(sink, "sink");
        ReplOptions.positive(timeout, "timeout");
        long t0 = System.nanoTime();
        run(code.getBytes(StandardCharsets.UTF_8), sink, timeout, null);
        return new ExecResult(new byte[0], System.nanoTime() - t0);
    }

    /**
     * Evaluates one expression on the board.
     *
     * @param expression a Python expression, e.g. {@code "gc.mem_free()"} after an import
     * @return its {@code repr()}, for example {@code "2"}, {@code "'abc'"}, {@code "[1, 2]"}; with the guard on
     *     (the default) the board sends the answer's length and hash too, so a damaged answer is never returned
     * @throws BoardCodeException when evaluating raised
     * @throws ReplyDamagedException when the answer was damaged on the way back (the expression ran once)
     * @throws IllegalArgumentException when {@code expression} is a statement ({@code "x = 5"}: use
     *     {@link #exec(String)}), spans several lines, or is empty
     * @throws IOException a timeout, cancellation, board reset or link failure
     */
    public String eval(String expression) throws IOException {
        PyExpressions.requireExpression(expression);
        if (options.guarded()) {
            // The guard's hasher checks the answer too: a value damaged on the way back is never returned.
            return SubmissionGuard.checkedAnswer(exec(SubmissionGuard.checkedEval(expression)).stdoutBytes());
        }
        String out = exec("print(repr(" + expression + "))").stdout();
        return out.endsWith("\r\n") ? out.substring(0, out.length() - 2) : out.strip();
    }

    /**
     * Soft-resets the board from the raw REPL (Ctrl-D on an empty line): the heap and every variable are
     * cleared, {@code boot.py} runs, {@code main.py} does not. Returns once the raw prompt is back.
     *
     * @return what the board printed while restarting (boot.py output, for example)
     * @throws OperationTimeoutException when the raw prompt does not come back in time
     * @throws IOException when the link fails or the operation is cancelled
     */
    public String softReset() throws IOException {
        Cancellation cancel = currentCancellation();
        ensureRaw(cancel);
        io.write(new byte[] {0x04});
        io.flush();
        guardDefined = false; // the reset clears every global, the guard's helper too
        mountLost();
        Deadline deadline = Deadline.after(options.execTimeout().plus(options.enterTimeout()));
        byte[] seen;
        try {
            seen = io.readUntil(RAW_BANNER, deadline, "the raw REPL banner after a soft reset");
        } catch (OperationTimeoutException e) {
            inRaw = false;
            throw e;
        }
        String text = new String(seen, StandardCharsets.UTF_8);
        int rebootAt = text.indexOf("soft reboot");
        if (!text.startsWith("OK") || rebootAt < 0) {
            LOG.debug("soft reset on {} answered {}", io.name(), text);
        }
        int from = rebootAt < 0 ? 0 : text.indexOf('\n', rebootAt) + 1;
        return text.substring(from, text.length() - RAW_BANNER.length);
    }

    /**
     * @return version, machine, platform and free memory of the running MicroPython
     * @throws ReplProtocolException when the answer is not the expected five lines
     * @throws IOException a timeout, cancellation, board reset or link failure
     */
    public BoardInfo info() throws IOException {
        String out = exec(String.join("\n",
                "import sys,os,gc",
                "gc.collect()",
                "try:",
                " __mu=os.uname()",
                " __mv=__mu.version",
                " __mm=__mu.machine",
                "except AttributeError:",
                // Ports without os.uname (webassembly) name the machine in sys.implementation.
                " __mv=sys.version",
                " __mm=getattr(sys.implementation,'_machine','')",
                "print('.'.join(str(x) for x in sys.implementation.version[:3]))",
                "print(__mv)",
                "print(__mm)",
                "print(sys.platform)",
                "print(gc.mem_free())",
                "del __mv,__mm")).stdout();
        String[] lines = out.split("\r?\n");
        if (lines.length < 5) {
            throw new ReplProtocolException("unexpected answer to board.info(): '" + out.strip() + "'");
        }
        long mem;
        try {
            mem = Long.parseLong(lines[4].strip());
        } catch (NumberFormatException e) {
            mem = -1;
        }
        return new BoardInfo(lines[0].strip(), lines[1].strip(), lines[2].strip(), lines[3].strip(), mem);
    }

    /**
     * @return the firmware's modules and functions that file operations use (measured once)
     * @throws IOException when the probe cannot run on the board
     */
    public FirmwareFeatures features() throws IOException {
        if (features == null) {
            features = FirmwareFeatures.parse(exec(FirmwareFeatures.PROBE).stdout());
            LOG.debug("firmware features on {}: {}", io.name(), features);
        }
        return features;
    }

    /**
     * Mounts a host folder on the board at {@code /remote} (mpremote's {@code mount}); see
     * {@link #mount(java.nio.file.Path, MountOptions)}.
     *
     * @param folder the host folder
     * @return the mount; close it to unmount
     * @throws IOException as for {@link #mount(java.nio.file.Path, MountOptions)}
     */
    public Mount mount(java.nio.file.Path folder) throws IOException {
        return mount(folder, MountOptions.defaults());
    }

    /**
     * Mounts a host folder on the board: from now on, code this REPL runs imports and opens files from
     * the folder over the same link, read and write, at {@link MountOptions#mountPoint()}, which becomes
     * the board's working directory. A {@code ..} and a symbolic link that leaves the folder are refused
     * ({@code OSError: EPERM} on the board). After a soft reset the folder is mounted again before the
     * next exec.
     *
     * <pre>{@code
     * try (Mount m = board.repl().mount(Path.of("app"))) {
     *     board.repl().exec("import main");
     * }
     * }</pre>
     *
     * @param folder the host folder
     * @param options where and how
     * @return the mount; close it to unmount
     * @throws java.nio.file.NotDirectoryException when the folder is not a directory on the host
     * @throws IllegalStateException when a folder is already mounted through this REPL
     * @throws UnsupportedRemoteOperationException when the firmware cannot mount a file system from
     *     Python ({@code os.mount}, {@code select.poll} or {@code binascii.crc32} missing)
     * @throws IOException when the board does not answer
     */
    public Mount mount(java.nio.file.Path folder, MountOptions options) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(options, "options");
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new java.nio.file.NotDirectoryException(folder + " (only a folder can be mounted on the board)");
        }
        if (mount != null) {
            throw new IllegalStateException(mount.folder() + " is already mounted at " + mount.mountPoint()
                    + "; close that mount first");
        }
        FolderServer server = new FolderServer(folder, options);
        MountDemux demux = new MountDemux(server, io.transport());
        Mount m = new Mount(this, folder, options, server, demux);
        io.demux(demux);
        mount = m;
        try {
            sendMount(m);
        } catch (IOException | RuntimeException e) {
            io.demux(null);
            mount = null;
            server.close();
            throw e;
        }
        return m;
    }

    /** Sends the board's side of the mount and mounts it; the host forgets the last session's state first. */
    private void sendMount(Mount m) throws IOException {
        m.server().restart();
        remounting = true;
        try {
            MountCode.send(this, m.options());
            m.remounted();
        } catch (BoardCodeException e) {
            if (e.getMessage().contains("AttributeError") || e.getMessage().contains("ImportError")
                    || e.getMessage().contains("no module named")) {
                throw new UnsupportedRemoteOperationException("the firmware on " + io.name() + " cannot mount a host folder"
                        + " (it lacks os.mount, select.poll or binascii.crc32): " + e.getMessage());
            }
            throw e;
        } finally {
            remounting = false;
        }
    }

    /** Called by {@link Mount#close()}: unmounts on the board (unless a reset did), then closes the host side. */
    void unmount(Mount m) throws IOException {
        if (m != mount) {
            return;
        }
        try {
            if (!m.lost()) {
                exec("import os\ntry:\n os.chdir('/')\nexcept OSError:\n pass\nos.umount('" + m.mountPoint() + "')\n"
                        + "for k in ('__MC','__MF','__MV','__mnt'):\n globals().pop(k,None)\n");
            }
        } finally {
            io.demux(null);
            mount = null;
            m.server().close();
        }
    }

    /** Called by {@link Mount#remount()}. */
    void remount(Mount m) throws IOException {
        if (m != mount) {
            throw new IllegalStateException(m + " is closed");
        }
        m.markLost();
        enter();
        sendMount(m);
    }

    private void mountLost() {
        if (mount != null) {
            mount.markLost();
        }
    }

    /** Time for the mounted folder's requests and answers on the line, which the code's own time must not pay for. */
    private void allowForMountTraffic(ExecDeadline deadline) {
        MountDemux demux = io.demux();
        if (demux != null) {
            deadline.extendBy(demux.takeAllowance());
        }
    }

    /** @return the board's files */
    public BoardFiles files() {
        if (files == null) {
            files = new BoardFiles(this);
        }
        return files;
    }

    ProgressListener progressListener() {
        return progress.get();
    }

    /**
     * @return the token the running operation observes: the one pinned by {@link #pinning} while a
     *     composite operation runs, else the one current now
     */
    Cancellation currentCancellation() {
        return pinned != null ? pinned : cancellation.get();
    }

    /** One step of a composite operation. */
    interface Step<T> {
        /** @return the step's result */
        T run() throws IOException;
    }

    /**
     * Runs a composite operation (a tree copy, a put of many execs) with the token current at its start:
     * {@code Board.cancel()} replaces the board's token for later operations, so a step that read the
     * current token anew would miss the cancel meant for the operation it belongs to. When it fails, the
     * names its steps left in the board's globals are removed (see {@link #sweepHelpers}).
     */
    <T> T pinning(Step<T> operation) throws IOException {
        if (pinned != null) {
            return operation.run();
        }
        pinned = cancellation.get();
        try {
            if (sweepPending) {
                sweepHelpers(null); // the last failure's clean-up failed too (a lossy link): try again first
            }
            return operation.run();
        } catch (IOException | RuntimeException e) {
            sweepHelpers(e);
            throw e;
        } finally {
            pinned = null;
        }
    }

    /**
     * Removes every {@code __m*} name but the guard's own from the board's globals. The SDK's file
     * operations keep their state there between execs ({@code __mf} the open file, {@code __mh} a hash,
     * ...); after a failure half-way they stay, and on the micro:bit's 9 KB heap a few failures leave no
     * room for the next exec. The names are picked in a comprehension so that no loop variable is left
     * behind either (a user's {@code k} stays untouched).
     */
    private void sweepHelpers(Exception failure) {
        if (failure instanceof TransportClosedException || failure instanceof BoardResetException) {
            sweepPending = false;
            return; // no link to clean up over, or a reset already cleared every global
        }
        try {
            sweepPending = true;
            sweeping = true;
            runCleanup("try:\n __mf.close()\nexcept Exception:\n pass\n"
                    + "[globals().pop(k) for k in [k for k in globals() if k[:3]=='__m' and k not in('" + SubmissionGuard.HELPER
                    + "','" + SubmissionGuard.HASHER + "')]]\n", SWEEP_TIMEOUT);
            sweepPending = false;
        } catch (IOException e) {
            LOG.debug("could not remove the SDK's names from the board on {} after a failure: {}", io.name(), e.toString());
        } finally {
            sweeping = false;
        }
    }

    /** Runs code; stdout goes to {@code sink}; {@code collected} (may be null) feeds BoardCodeException's stdout. */
    void run(byte[] code, OutputSink sink, Duration timeout, ByteArrayOutputStream collected) throws IOException {
        run(code, sink, timeout, collected, true);
    }

    /**
     * As above; {@code paced = false} writes plain code in one go (callers that detect and resend
     * damaged code, like file uploads, trade that risk for fewer pauses).
     */
    void run(byte[] code, OutputSink sink, Duration timeout, ByteArrayOutputStream collected, boolean paced)
            throws IOException {
        run(code, sink, new ExecDeadline(timeout), collected, paced, currentCancellation());
    }

    /**
     * Runs clean-up code (closing and removing a half-written file) even when the operation it cleans up
     * after was cancelled: the caller's token would stop it before it starts.
     *
     * @return what the code printed
     */
    String runCleanup(String code, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run(code.getBytes(StandardCharsets.UTF_8), out::write, new ExecDeadline(timeout), out, true, new Cancellation());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Runs SDK code whose output may extend its deadline (see {@link ExecDeadline}); stdout goes to {@code sink}. */
    void run(byte[] code, OutputSink sink, ExecDeadline deadline) throws IOException {
        run(code, sink, deadline, null, true, currentCancellation());
    }

    private void run(byte[] code, OutputSink sink, ExecDeadline deadline, ByteArrayOutputStream collected, boolean paced,
                     Cancellation cancel) throws IOException {
        String what = describe(code);
        cancel.throwIfCancelled(what);
        if (sweepPending && pinned == null && !collecting && !sweeping) {
            sweepHelpers(null); // outside any file operation: the names of the last failed one can go now
        }
        if (mount != null && mount.lost() && !remounting) {
            sendMount(mount); // a soft reset dropped the board's side of the mounted folder
        }
        plainChunk = options.plainChunk();
        plainPause = options.plainChunkPause();
        boolean collectedGarbage = false;
        for (int attempt = 1; ; attempt++) {
            ensureRaw(cancel);
            boolean guarded = options.guarded();
            byte[] wire = guarded ? SubmissionGuard.wrap(code, !guardDefined) : code;
            String err;
            try {
                err = submit(wire, sink, deadline, cancel, what, paced);
            } catch (CodeNotAcknowledgedException e) {
                // The board never got the end of the code, so nothing ran: sending it again is safe.
                if (attempt >= SEND_ATTEMPTS || deadline.current().expired()) {
                    throw e;
                }
                LOG.debug("{} was not acknowledged on {} (attempt {}), sending it again", what, io.name(), attempt);
                slowDown(); // the board lost input (its end-of-code byte at least)
                continue;
            }
            if (err.isEmpty()) {
                guardDefined = guarded;
                sentClean();
                return;
            }
            SubmissionGuard.Outcome outcome = guarded ? SubmissionGuard.classify(err) : SubmissionGuard.Outcome.USER;
            if (outcome == SubmissionGuard.Outcome.DAMAGED) {
                // The helper may be what was damaged (or gone after a reset): define it again with the code.
                guardDefined = false;
                if (attempt >= SEND_ATTEMPTS || deadline.current().expired()) {
                    throw new CodeDamagedException("the board on " + io.name() + " received " + what + " damaged " + attempt
                            + " times (its length or hash did not match, last: " + lastLine(err) + "), so it never ran;"
                            + " the link loses or changes bytes: check the cable, lower the baud rate, or use firmware with raw-paste");
                }
                LOG.debug("{} arrived damaged on {} (attempt {}: {}), sending it again", what, io.name(), attempt, lastLine(err));
                slowDown();
                continue;
            }
            guardDefined = guarded && outcome == SubmissionGuard.Outcome.USER;
            sentClean();
            if (outcome == SubmissionGuard.Outcome.NOT_RUN && !collectedGarbage && !collecting
                    && lastLine(err).startsWith("MemoryError") && !deadline.current().expired()) {
                // The board could not even compile it (the micro:bit's 9 KB heap, fragmented by earlier
                // execs): nothing ran, so collect the garbage with a tiny exec and send it once more.
                collectedGarbage = true;
                LOG.debug("{} did not fit the heap of {} ({}); collecting garbage and sending it again", what, io.name(), lastLine(err));
                collecting = true;
                try {
                    if (sweepPending && pinned == null) {
                        sweepHelpers(null); // names a failed operation left: on a 9 KB heap, often the reason
                    }
                    runCleanup("import gc\ngc.collect()", SWEEP_TIMEOUT);
                } catch (IOException e) {
                    LOG.debug("collecting garbage on {} failed too: {}", io.name(), e.toString());
                } finally {
                    collecting = false;
                }
                continue;
            }
            String text = guarded ? SubmissionGuard.userText(err) : err;
            String printed = collected == null ? "" : collected.toString(StandardCharsets.UTF_8);
            throw new BoardCodeException(Traceback.parse(text), printed);
        }
    }

    /** Sends code once and reads its reply; returns the exception text the board printed (empty when none). */
    private String submit(byte[] wire, OutputSink sink, ExecDeadline deadline, Cancellation cancel, String what,
                          boolean paced) throws IOException {
        RawReplFraming framing;
        try {
            framing = send(wire, sink, deadline, cancel, what, paced);
        } catch (OperationCancelledException | OperationTimeoutException | ReplProtocolException e) {
            // The upload stopped half-way: the board's state is unknown; get back to a clean prompt.
            recover(cancel);
            throw e;
        }
        Deadline ack = framing.acknowledged() ? null : Deadline.after(ackTimeout(wire.length));
        readReply(framing, deadline, ack, cancel, what);
        return new String(framing.stderr(), StandardCharsets.UTF_8);
    }

    /**
     * After damaged code the board is losing input faster than the pacing allows for (a busy board, or an
     * emulator descheduled on a loaded machine): halve the plain chunks and double the pause between them
     * for the next sends, down to 16 bytes every 40 ms.
     */
    private void slowDown() {
        lossSeen = true;
        cleanSends = 0;
        plainChunk = Math.max(16, plainChunk / 2);
        plainPause = plainPause.multipliedBy(2).compareTo(MAX_PLAIN_PAUSE) > 0 ? MAX_PLAIN_PAUSE : plainPause.multipliedBy(2);
        LOG.debug("plain raw REPL pacing on {} is now {} bytes every {} ms", io.name(), plainChunk, plainPause.toMillis());
    }

    /** After a send that arrived intact: enough in a row, and the link counts as clean again. */
    private void sentClean() {
        if (lossSeen && ++cleanSends >= RELAX_AFTER) {
            lossSeen = false;
            cleanSends = 0;
            LOG.debug("no input lost on {} in {} sends: uploads go unpaced again", io.name(), RELAX_AFTER);
        }
    }

    private static String lastLine(String text) {
        String s = text.strip();
        return s.substring(s.lastIndexOf('\n') + 1).strip();
    }

    private RawReplFraming send(byte[] code, OutputSink sink, ExecDeadline execDeadline, Cancellation cancel, String what,
                                boolean paced) throws IOException {
        Deadline deadline = execDeadline.current();
        if (options.rawPaste() && code.length > options.plainChunk() && rawPaste != RawPaste.UNSUPPORTED) {
            if (rawPaste == RawPaste.UNKNOWN) {
                probeRawPaste(cancel);
            } else {
                RawPasteSession.Probe p = RawPasteSession.request(io, options.rawPasteProbeTimeout());
                if (p.answer() != RawPasteSession.Answer.SUPPORTED) {
                    // It worked before on this board: the answer was damaged or lost on the way. Nothing ran.
                    recover(cancel);
                    throw new CodeNotAcknowledgedException("the raw-paste request on " + io.name() + " got " + p.detail()
                            + " after it had worked (the answer was damaged on the way); nothing ran and the REPL was re-entered");
                }
                pasteWindow = p.window();
            }
            if (rawPaste == RawPaste.SUPPORTED) {
                // Guarded code cut short cannot run (see SubmissionGuard.wrap): a stalled paste may end early.
                RawPasteSession.send(io, pasteWindow, code, deadline, cancel, what, options.guarded() ? pasteStall() : null);
                return new RawReplFraming(false, sink, options.maxErrorText(), 0);
            }
        }
        int chunk = paced || lossSeen ? plainChunk : code.length;
        // The pauses are the SDK's own choice, not the code's running time: they do not eat the timeout.
        long pauses = (code.length - 1) / chunk + (code.length > plainChunk ? 1 : 0);
        execDeadline.extendBy(plainPause.multipliedBy(pauses));
        writePlain(code, chunk, execDeadline.current(), cancel, what);
        return new RawReplFraming(true, sink, options.maxErrorText(), 4096);
    }

    private void probeRawPaste(Cancellation cancel) throws IOException {
        RawPasteSession.Probe p = RawPasteSession.request(io, options.rawPasteProbeTimeout());
        switch (p.answer()) {
            case SUPPORTED -> {
                rawPaste = RawPaste.SUPPORTED;
                pasteWindow = p.window();
            }
            case UNSUPPORTED -> rawPaste = RawPaste.UNSUPPORTED;
            default -> {
                // Firmware whose REPL hangs on the request, or an answer lost on a lossy link: give up on
                // raw-paste for this connection only when it happens again and again.
                if (++pasteProbeFailures >= PASTE_PROBE_ATTEMPTS) {
                    rawPaste = RawPaste.UNSUPPORTED;
                    LOG.info("raw-paste request on {} got no usable answer {} times ({}); using the plain raw REPL",
                            io.name(), pasteProbeFailures, p.detail());
                }
                inRaw = false;
                enterRaw(cancel);
            }
        }
        LOG.debug("raw-paste on {}: {} ({})", io.name(), rawPaste, p.detail());
    }

    private void writePlain(byte[] code, int chunk, Deadline deadline, Cancellation cancel, String what) throws IOException {
        for (int i = 0; i < code.length; i += chunk) {
            if (i > 0) {
                cancel.throwIfCancelled(what + " (during upload)");
                deadline.check("the upload of " + what);
                // No flow control in the plain raw REPL: pace the chunks so a small input buffer keeps up.
                LockSupport.parkNanos(plainPause.toNanos());
            }
            io.write(code, i, Math.min(chunk, code.length - i));
        }
        if (code.length > plainChunk) {
            // A board that overruns loses the end of what arrives in a burst, and losing the end-of-code
            // byte costs the acknowledgement wait (seconds) where a lost code byte costs one quick resend:
            // let the input buffer drain first.
            io.flush();
            LockSupport.parkNanos(plainPause.toNanos());
        }
        io.write(new byte[] {0x04});
        io.flush();
    }

    /** How long a raw-paste window grant may take before the paste counts as stalled: a margin plus two windows' line time. */
    private Duration pasteStall() {
        int baud = io.transport().baudRate();
        long lineMillis = baud > 0 ? 2L * pasteWindow * 10_000L / baud : 0;
        return Duration.ofMillis(PASTE_STALL.toMillis() + lineMillis);
    }

    /** How long {@code OK} may take after plain code: its time on the line plus a margin for a busy board. */
    private Duration ackTimeout(int codeLength) {
        int baud = io.transport().baudRate();
        long lineMillis = baud > 0 ? codeLength * 10_000L / baud : 0;
        return Duration.ofMillis(ACK_MARGIN.toMillis() + lineMillis);
    }

    private void readReply(RawReplFraming framing, ExecDeadline execDeadline, Deadline ack, Cancellation cancel, String what)
            throws IOException {
        byte[] buf = new byte[8192];
        SoftRebootDetector reboot = new SoftRebootDetector();
        org.mpysdk.core.BoardException reason = null;
        Deadline grace = null;
        long nextCtrlC = 0;
        long lastData = System.nanoTime();
        while (!framing.complete()) {
            Deadline deadline = execDeadline.current(); // the output read so far may have extended it
            if (reason == null && ack != null && !framing.acknowledged() && ack.expired()) {
                // No OK: either the board never saw the end of the code (a dropped byte) and is still collecting
                // it, or the OK itself was lost and the code runs. Ctrl-C tells: running code answers with a
                // KeyboardInterrupt reply, collecting input answers nothing.
                long stray = framing.strayBytes();
                boolean running = interruptTellsRunning();
                recover(cancel);
                if (stray > 0 || running) {
                    throw new ReplyDamagedException("the board on " + io.name() + " ran " + what + " but its acknowledgement"
                            + " was lost on the way (" + stray + " bytes came instead of OK); it was interrupted with Ctrl-C,"
                            + " so its effects are unknown and its output cannot be trusted; the REPL was re-entered");
                }
                throw new CodeNotAcknowledgedException("the board on " + io.name() + " did not acknowledge " + what
                        + " within " + ack.budget().toMillis() + " ms (input bytes lost, or the board is busy or hung);"
                        + " the code did not run and the REPL was re-entered; send it again");
            }
            if (reason == null) {
                if (cancel.isCancelled()) {
                    reason = new OperationCancelledException(what + " was cancelled; the code on the board was interrupted with Ctrl-C");
                } else if (deadline.expired()) {
                    reason = new OperationTimeoutException("timed out after " + deadline.budget().toMillis() + " ms running "
                            + what + " on " + io.name() + "; the code was interrupted with Ctrl-C (give a longer timeout if it needs more time)",
                            deadline.budget());
                }
                if (reason != null) {
                    grace = Deadline.after(options.interruptGrace());
                }
            }
            if (reason != null) {
                if (grace.expired()) {
                    // The code ignores Ctrl-C (it catches KeyboardInterrupt, or is stuck in native code).
                    inRaw = false;
                    try {
                        enterRaw(new Cancellation());
                    } catch (IOException e) {
                        reason.addSuppressed(e);
                        throw new ReplProtocolException(reason.getMessage() + "; the code did not stop after Ctrl-C and the REPL did not come back"
                                + " (reset the board)", reason);
                    }
                    throw reason;
                }
                if (System.nanoTime() - nextCtrlC >= 0) {
                    // Repeat, because code may catch one KeyboardInterrupt, and a Ctrl-C may be lost.
                    io.write(CTRL_C);
                    io.flush();
                    nextCtrlC = System.nanoTime() + Duration.ofMillis(250).toNanos();
                }
            }
            long wait = Math.min(ReplIo.SLICE.toMillis(), reason == null ? deadline.remainingMillis() : grace.remainingMillis());
            if (ack != null && !framing.acknowledged()) {
                wait = Math.min(wait, ack.remainingMillis());
            }
            int n;
            try {
                n = io.read(buf, 0, buf.length, Duration.ofMillis(Math.max(1, wait)));
            } catch (TransportClosedException e) {
                inRaw = false;
                throw e;
            }
            allowForMountTraffic(execDeadline);
            if (n == 0) {
                if (System.nanoTime() - lastData > RESET_QUIET.toNanos() && looksLikeReboot(framing.recentStdout())) {
                    inRaw = false;
                    guardDefined = false;
                    mountLost();
                    throw new BoardResetException("the board on " + io.name() + " rebooted while running " + what
                            + " (its start-up banner and >>> prompt arrived); the code's effects are unknown", false);
                }
                continue;
            }
            lastData = System.nanoTime();
            int used;
            try {
                used = framing.feed(buf, 0, n);
            } catch (ReplProtocolException e) {
                inRaw = false;
                throw e;
            } catch (java.io.UncheckedIOException e) {
                // The sink failed (a local disk full, a bad line): stop the board's code, keep the REPL usable.
                recover(cancel);
                throw e.getCause();
            } catch (RuntimeException e) {
                recover(cancel);
                throw e;
            }
            if (used < n) {
                io.unread(buf, used, n - used);
            }
            reboot.feed(buf, 0, used);
            if (reboot.detected()) {
                // The code ended in a soft reset (sys.exit(), machine.soft_reset()): the reply will never
                // end with ">", and the board waits at a fresh prompt. Say so now rather than at the timeout.
                inRaw = false;
                guardDefined = false;
                mountLost();
                throw new BoardResetException("the board on " + io.name() + " soft-reset while running " + what
                        + " (sys.exit() or machine.soft_reset(): MicroPython's soft reboot line and a new prompt arrived);"
                        + " every Python variable is gone, files are kept", true);
            }
        }
        if (reason != null) {
            throw reason;
        }
        MountDemux demux = io.demux();
        if (demux != null && demux.takeFillerSent()) {
            io.write(CTRL_C); // newlines sent to complete a mounted read may wait in the raw REPL's line: clear it
            io.flush();
        }
    }

    static boolean looksLikeReboot(byte[] tail) {
        String s = new String(tail, StandardCharsets.ISO_8859_1);
        return s.endsWith("\n>>> ") && s.contains("MicroPython v") && s.contains("Type \"help()\"");
    }

    private void ensureRaw(Cancellation cancel) throws IOException {
        if (!inRaw) {
            enterRaw(cancel);
        }
    }

    private void recover(Cancellation cancel) {
        inRaw = false;
        try {
            enterRaw(new Cancellation());
        } catch (IOException e) {
            LOG.debug("could not re-enter the raw REPL on {} after a failed upload: {}", io.name(), e.toString());
        }
    }

    /**
     * Sends Ctrl-C and waits up to the interrupt grace for the end of a reply: running code answers with
     * its KeyboardInterrupt traceback and {@code \x04>}, a raw REPL still collecting input clears it silently.
     */
    private boolean interruptTellsRunning() {
        try {
            io.write(CTRL_C);
            io.flush();
            io.readUntil(new byte[] {0x04, '>'}, Deadline.after(options.interruptGrace()), "the reply to Ctrl-C");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void enterRaw(Cancellation cancel) throws IOException {
        Deadline deadline = Deadline.after(options.enterTimeout());
        long attempt = 100;
        io.write(new byte[] {'\r', 0x03, 0x03});
        while (true) {
            io.write(new byte[] {'\r', 0x01});
            io.flush();
            try {
                io.readUntil(RAW_BANNER, Deadline.after(Duration.ofMillis(Math.min(attempt, Math.max(1, deadline.remainingMillis())))),
                        "the raw REPL banner");
                break;
            } catch (OperationTimeoutException e) {
                if (deadline.expired()) {
                    throw new ReplProtocolException("could not enter the raw REPL on " + io.name() + " within "
                            + options.enterTimeout().toMillis() + " ms: " + e.getMessage()
                            + "; check that the board runs MicroPython at this baud rate and that no other program holds the port", e);
                }
                LOG.debug("no raw REPL banner on {} after {} ms: {}", io.name(), attempt, e.getMessage());
                cancel.throwIfCancelled("entering the raw REPL");
                // The board may still be booting (opening the port can reset it) or ignore the first Ctrl-C.
                io.write(new byte[] {'\r', 0x03, 0x03});
                attempt = Math.min(attempt * 2, 1000);
            }
        }
        // Earlier attempts may have queued more banners, and an interrupted program more output: a marker
        // whose printed form does not occur in its own text tells where the replies line up. A marker
        // damaged on the way (a board dropping input) fails as code; then another is sent.
        Deadline syncDeadline = Deadline.after(Duration.ofMillis(Math.max(deadline.remainingMillis(), 2000)));
        java.util.List<String> sent = new java.util.ArrayList<>();
        sendMarker(sent);
        int damaged = 0;
        while (true) {
            byte[] reply = io.readUntil(new byte[] {0x04, '>'}, syncDeadline, "the raw REPL marker " + sent.get(sent.size() - 1));
            String text = new String(reply, StandardCharsets.ISO_8859_1);
            if (text.contains(sent.get(sent.size() - 1) + "\n") || text.contains(sent.get(sent.size() - 1) + "\r\n")) {
                break;
            }
            if (sent.stream().anyMatch(text::contains) || !text.contains("Error")) {
                continue; // an earlier marker's reply, or stale output: the latest reply is still to come
            }
            LOG.debug("raw REPL marker on {} failed: {}", io.name(), org.mpysdk.core.AbstractTransport.printable(reply));
            if (++damaged >= 5) {
                throw new ReplProtocolException("the raw REPL on " + io.name() + " failed to run a marker 5 times; last reply "
                        + org.mpysdk.core.AbstractTransport.printable(reply) + " (the board may drop input or be out of memory: reset it)");
            }
            sendMarker(sent);
        }
        inRaw = true;
        LOG.debug("in the raw REPL on {}", io.name());
    }

    private void sendMarker(java.util.List<String> sent) throws IOException {
        int nonce = ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        sent.add("SDK" + nonce);
        io.write(("print('SDK'+'" + nonce + "')").getBytes(StandardCharsets.US_ASCII));
        io.write(new byte[] {0x04});
        io.flush();
    }

    private static String describe(byte[] code) {
        int n = 0;
        while (n < code.length && n < 40 && code[n] != '\n') {
            n++;
        }
        String head = new String(code, 0, n, StandardCharsets.UTF_8);
        return "exec of '" + head + (n < code.length ? "...'" : "'") + " (" + code.length + " bytes)";
    }
}
