package org.mpysdk.serial.esp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.Transport;
import org.mpysdk.core.flash.BootloaderNotRespondingException.Reason;
import org.mpysdk.core.flash.BootloaderNotRespondingException;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.OperationScope;
import org.mpysdk.serial.SerialPortTransport;
import org.mpysdk.serial.UsbBridge;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets the chip into its ROM loader and syncs, as esptool's {@code connect}: per attempt one reset
 * strategy (cycled), a look at the boot log, then up to 5 SYNCs of 100 ms each. Boot noise before the
 * first frame is ignored. When no attempt succeeds, the exception tells silence, non-SLIP bytes and
 * refused commands apart.
 */
final class EspConnector {
    private static final Logger LOG = LoggerFactory.getLogger(EspConnector.class);
    /** SYNC's payload: 07 07 12 20, then 32 x 0x55 (the ROM auto-bauds on it). */
    static final byte[] SYNC_PAYLOAD = syncPayload();
    private static final int SYNCS_PER_ATTEMPT = 5;
    private static final Pattern BOOT_MODE = Pattern.compile("boot:(0x[0-9a-fA-F]+)(.*waiting for download)?",
            Pattern.DOTALL);

    /**
     * A synced link.
     *
     * @param link the command layer, ready for commands
     * @param stubDetected whether every SYNC reply carried value 0, the mark of an already running stub
     */
    public record Connection(EspLink link, boolean stubDetected) {
    }

    private EspConnector() {
    }

    /**
     * As {@link #connect(EspLink, ConnectOptions)} on a new link over {@code transport}.
     *
     * @param transport the open link to the chip
     * @param options reset mode and number of attempts
     * @param scope where progress goes and cancellation comes from
     * @return the synced link, and whether a stub already answers
     * @throws IOException as {@link #connect(EspLink, ConnectOptions)}
     */
    static Connection connect(Transport transport, ConnectOptions options, OperationScope scope) throws IOException {
        EspLink link = new EspLink(transport, scope, options.timeoutScale());
        try (EspLink.Operation op = link.operation()) {
            return connect(link, options);
        }
    }

    /**
     * Resets the chip into download mode and syncs, trying the reset strategies for
     * {@code options.reset()} in turn, up to {@code options.attempts()} times.
     *
     * @param link the command layer over the open transport; its scope gives progress and cancellation
     * @param options reset mode and number of attempts
     * @return the synced link, and whether a stub already answers
     * @throws BootloaderNotRespondingException when no attempt syncs
     * @throws IOException when the transport fails or the operation is cancelled
     */
    public static Connection connect(EspLink link, ConnectOptions options) throws IOException {
        Transport transport = link.transport();
        OperationScope scope = link.scope();
        List<ResetStrategy> strategies = ResetStrategy.sequence(options.reset(), transport.hasControlLines(),
                transport.hasControlLines() && transport instanceof SerialPortTransport serial
                        && serial.bridge().map(UsbBridge::isNativeUsb).orElse(false));
        int rejected = 0;
        String bootDetail = "";
        for (int attempt = 0; attempt < options.attempts(); attempt++) {
            scope.token().throwIfCancelled("connecting to " + transport.name());
            ResetStrategy strategy = strategies.get(attempt % strategies.size());
            scope.listener().onProgress(new Progress("connect", strategy.name(), attempt, options.attempts()));
            String bootLog = "";
            if (!strategy.name().equals("no reset")) {
                link.drain(Duration.ofMillis(5), Duration.ofMillis(50));
                strategy.apply(transport);
                bootLog = collectBootLog(link);
                String detail = describeBootLog(bootLog);
                if (!detail.isEmpty()) {
                    bootDetail = detail;
                }
            }
            for (int i = 0; i < SYNCS_PER_ATTEMPT; i++) {
                Optional<EspLink.Reply> reply = trySync(link);
                if (reply.isPresent() && succeeded(reply.get())) {
                    boolean stub = collectExtraReplies(link, reply.get().value() == 0);
                    LOG.debug("synced with {} after {} attempt(s) ({}); stub running: {}", transport.name(), attempt + 1,
                            strategy.name(), stub);
                    return new Connection(link, stub);
                }
                if (reply.isPresent()) {
                    rejected++;
                }
            }
        }
        Reason reason = rejected > 0 ? Reason.REJECTED : link.bytesReceived() == 0 ? Reason.SILENCE : Reason.NOT_SLIP;
        String detail = bootDetail;
        if (reason == Reason.NOT_SLIP) {
            String text = new String(link.recentBytes(), StandardCharsets.ISO_8859_1);
            if (text.contains(">>>") || text.contains("MicroPython")) {
                detail = (detail + " MicroPython's REPL answered: the application runs, not the ROM loader.").strip();
            }
        }
        if (reason == Reason.REJECTED) {
            detail = (detail + " " + rejected + " SYNC(s) came back with a failure status.").strip();
        }
        throw new BootloaderNotRespondingException(transport.name(), options.attempts(), reason, link.recentBytes(),
                detail);
    }

    /**
     * One SYNC, as each of {@link #connect}'s, with its extra replies read.
     *
     * @return empty when no successful answer came in time, else whether the stub answered (value 0)
     * @throws IOException when the transport fails
     */
    static Optional<Boolean> syncOnce(EspLink link) throws IOException {
        Optional<EspLink.Reply> reply = trySync(link);
        if (reply.isEmpty() || !succeeded(reply.get())) {
            return Optional.empty();
        }
        return Optional.of(collectExtraReplies(link, reply.get().value() == 0));
    }

    /** @return the SYNC reply, or empty when none came in time */
    private static Optional<EspLink.Reply> trySync(EspLink link) throws IOException {
        link.clearInput();
        link.send(Opcode.SYNC, SYNC_PAYLOAD, 0);
        try {
            return Optional.of(link.await(Opcode.SYNC, Timeouts.SYNC, "sync"));
        } catch (OperationTimeoutException | UnsupportedCommandException e) {
            return Optional.empty();
        }
    }

    private static boolean succeeded(EspLink.Reply r) {
        return r.data().length >= 2 && r.data()[0] == 0;
    }

    /**
     * The ROM answers one SYNC up to 8 times; read what follows promptly so later commands do not see it.
     *
     * @return whether the stub (value 0 in every reply) answered
     */
    private static boolean collectExtraReplies(EspLink link, boolean firstWasStub) throws IOException {
        boolean stub = firstWasStub;
        Deadline deadline = Deadline.after(Duration.ofMillis(100));
        for (int i = 0; i < 7; i++) {
            Optional<byte[]> f = link.nextFrame(deadline);
            if (f.isEmpty()) {
                break;
            }
            Optional<EspLink.Reply> r = EspLink.parse(f.get());
            if (r.isPresent() && r.get().opcode() == Opcode.SYNC.code()) {
                stub &= r.get().value() == 0;
            }
        }
        return stub;
    }

    /** Reads what the ROM printed after the reset, until 20 ms of quiet (at most 100 ms). */
    private static String collectBootLog(EspLink link) throws IOException {
        long before = link.bytesReceived();
        link.drain(Duration.ofMillis(20), Duration.ofMillis(100));
        long got = link.bytesReceived() - before;
        if (got <= 0) {
            return "";
        }
        byte[] recent = link.recentBytes();
        int n = (int) Math.min(got, recent.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(recent, recent.length - n, n);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** @return what the ROM boot log says about the boot mode, or empty */
    static String describeBootLog(String log) {
        Matcher m = BOOT_MODE.matcher(log);
        if (!m.find()) {
            return "";
        }
        if (m.group(2) != null) {
            return "The ROM printed '" + m.group(1) + " ... waiting for download': download mode was entered, but no "
                    + "SYNC answer came back (the chip's TX line, or the adapter's RX, may be broken).";
        }
        return "The ROM printed 'boot:" + m.group(1) + "': wrong boot mode, GPIO0 was not low at reset "
                + "(hold BOOT while pressing EN, or check the DTR/RTS reset circuit).";
    }

    private static byte[] syncPayload() {
        byte[] p = new byte[36];
        p[0] = 0x07;
        p[1] = 0x07;
        p[2] = 0x12;
        p[3] = 0x20;
        for (int i = 4; i < p.length; i++) {
            p[i] = 0x55;
        }
        return p;
    }
}
