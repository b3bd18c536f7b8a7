package org.mpysdk.webrepl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.internal.PyLiterals;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.core.repl.ReplProtocolException;
import org.mpysdk.core.repl.UnsupportedRemoteOperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a board on a Wi-Fi network in station mode through its REPL (usually over serial), with
 * MicroPython's {@code network.WLAN(network.STA_IF)}, and optionally turns WebREPL on, so the next step
 * can be {@code Board.open("ws://...")}.
 *
 * <pre>{@code
 * try (Board serial = Board.open("/dev/ttyUSB0")) {
 *     WifiConnection c = WebRepl.wifi(serial).connect(WifiCredentials.of("home", System.getenv("WIFI_PASSWORD")),
 *             WifiOptions.DEFAULTS.withWebRepl("s3cret"));
 *     c.webReplUri();                        // ws://192.168.1.42:8266
 * }
 * }</pre>
 *
 * <p>The wait runs on the board in polls of {@link WifiOptions#pollInterval()}, each a bounded loop in one
 * exec; between polls the host reports progress ({@code "wifi"}) and honours cancellation. The password
 * goes to the board inside the code, quoted, and is never logged or part of a message.
 */
public final class WifiSetup {
    private static final Logger LOG = LoggerFactory.getLogger(WifiSetup.class);
    /** What the link may add to a poll's time on the board (sending the code, reading the answer). */
    private static final Duration LINK_ALLOWANCE = Duration.ofSeconds(10);
    private static final long STEP_MS = 50;

    private final Repl repl;
    private final Supplier<ProgressListener> progress;
    private final Supplier<Cancellation> cancellation;

    /**
     * @param repl the board's REPL
     * @param progress gives the listener, read when an operation starts
     * @param cancellation gives the token an operation observes, read when it starts
     */
    public WifiSetup(Repl repl, Supplier<ProgressListener> progress, Supplier<Cancellation> cancellation) {
        this.repl = Objects.requireNonNull(repl, "repl");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /** @param repl the board's REPL; no progress, a private cancellation token */
    public WifiSetup(Repl repl) {
        this(repl, () -> ProgressListener.NONE, fixed(new Cancellation()));
    }

    private static Supplier<Cancellation> fixed(Cancellation c) {
        return () -> c;
    }

    /** Connects with {@link WifiOptions#DEFAULTS}; see {@link #connect(WifiCredentials, WifiOptions)}. */
    public WifiConnection connect(WifiCredentials network) throws IOException {
        return connect(network, WifiOptions.DEFAULTS);
    }

    /**
     * Activates the station interface, connects, and waits for a connection with an address. A connection
     * the station had or was making is dropped first; after a failure (not a cancel) the station is
     * disconnected, so the board stops retrying on its own.
     *
     * @param network the SSID and password, checked already
     * @param options deadline, poll length, WebREPL
     * @return the board's address and {@code ws://ip:8266}
     * @throws UnsupportedRemoteOperationException when the firmware has no {@code network.WLAN} (no radio)
     * @throws WifiException on a wrong password, no such network, a failed association, or no address in time
     * @throws org.mpysdk.core.OperationCancelledException when cancelled between or during polls
     * @throws IOException when the REPL fails
     */
    public WifiConnection connect(WifiCredentials network, WifiOptions options) throws IOException {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(options, "options");
        ProgressListener listener = progress.get();
        Cancellation cancel = cancellation.get();
        String what = "connecting " + repl.transport().name() + " to Wi-Fi " + quoted(network.ssid());
        long timeoutMs = options.timeout().toMillis();
        long t0 = System.nanoTime();
        listener.onProgress(new Progress("wifi", "connect " + network.ssid(), 0, timeoutMs));
        WifiReply started = reply(repl.exec(WifiScripts.start(network)).stdout());
        if (started instanceof WifiReply.NoNetwork) {
            throw noNetwork();
        }
        if (!(started instanceof WifiReply.Started)) {
            throw new ReplProtocolException("unexpected reply to the Wi-Fi connect: " + started);
        }
        int lastCode = -1;
        while (true) {
            cancel.throwIfCancelled(what);
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            long left = timeoutMs - elapsed;
            if (left <= 0) {
                stopTrying();
                throw new WifiException(WifiException.Reason.TIMEOUT, lastCode, "the board on " + repl.transport().name()
                        + " did not get an address from Wi-Fi " + quoted(network.ssid()) + " within "
                        + seconds(options.timeout()) + " (last WLAN.status() " + lastCode + "); check that the network is in"
                        + " range and on 2.4 GHz, or allow longer (WifiOptions.withTimeout; mpy wifi connect --timeout)");
            }
            long slice = Math.min(options.pollInterval().toMillis(), left);
            WifiReply r = reply(repl.exec(WifiScripts.poll(slice, Math.min(STEP_MS, slice)),
                    Duration.ofMillis(slice).plus(LINK_ALLOWANCE)).stdout());
            elapsed = (System.nanoTime() - t0) / 1_000_000;
            if (r instanceof WifiReply.Up up) {
                listener.onProgress(new Progress("wifi", "connected " + up.connection().ip(), timeoutMs, timeoutMs));
                LOG.info("{} joined Wi-Fi {} as {} in {} ms", repl.transport().name(), network.ssid(), up.connection().ip(), elapsed);
                enableWebRepl(options);
                return up.connection();
            }
            if (r instanceof WifiReply.Failed f) {
                stopTrying();
                throw failure(f, network);
            }
            if (!(r instanceof WifiReply.Waiting w)) {
                throw new ReplProtocolException("unexpected reply while waiting for Wi-Fi: " + r);
            }
            lastCode = w.code();
            listener.onProgress(new Progress("wifi", "waiting (status " + lastCode + ")", Math.min(elapsed, timeoutMs), timeoutMs));
        }
    }

    /**
     * @return the station interface's state and address
     * @throws UnsupportedRemoteOperationException when the firmware has no {@code network.WLAN}
     * @throws IOException when the REPL fails
     */
    public WifiStatus status() throws IOException {
        WifiReply r = reply(repl.exec(WifiScripts.status()).stdout());
        if (r instanceof WifiReply.Status s) {
            return s.status();
        }
        throw noNetwork();
    }

    /**
     * Reads the SSID the board's own access point uses ({@code WLAN(AP_IF).config('ssid')}); on a fresh
     * ESP8266 {@code MicroPython-} and the last 3 MAC bytes (see {@link WifiAccessPoint}).
     *
     * @return the SSID
     * @throws UnsupportedRemoteOperationException when the firmware has no {@code network.WLAN}
     * @throws org.mpysdk.core.repl.BoardCodeException when the port cannot read it with the radio off (ESP32:
     *     activate the access point first)
     * @throws IOException when the REPL fails
     */
    public String accessPointSsid() throws IOException {
        String out = repl.exec(WifiScripts.accessPointSsid()).stdout().strip();
        if (out.equals("NONETWORK")) {
            throw noNetwork();
        }
        try {
            return new String(PyLiterals.parse(out), StandardCharsets.UTF_8);
        } catch (java.text.ParseException e) {
            throw new ReplProtocolException(e.getMessage(), e);
        }
    }

    /** Best effort: the failure being reported matters more than one in this clean-up. */
    private void stopTrying() {
        try {
            repl.exec(WifiScripts.stop());
        } catch (IOException e) {
            LOG.debug("could not disconnect the station on {} after the failed connect: {}", repl.transport().name(), e.toString());
        }
    }

    private void enableWebRepl(WifiOptions options) throws IOException {
        if (options.webReplPassword().isEmpty()) {
            return;
        }
        WebReplSetup setup = new WebReplSetup(repl);
        setup.enable(options.webReplPassword().get());
        setup.startNow(); // the ws:// address returned should answer now, not after a reboot
    }

    private static WifiReply reply(String out) throws ReplProtocolException {
        return WifiReply.parse(out);
    }

    private UnsupportedRemoteOperationException noNetwork() {
        return new UnsupportedRemoteOperationException("the firmware on " + repl.transport().name()
                + " has no Wi-Fi (no network.WLAN module; boards without a radio, QEMU and the virtual board have none);"
                + " use a port with Wi-Fi (ESP32, ESP8266, Pico W) and its firmware with network support");
    }

    private static WifiException failure(WifiReply.Failed f, WifiCredentials network) {
        String ssid = quoted(network.ssid());
        String msg = switch (f.reason()) {
            case WRONG_PASSWORD -> "Wi-Fi " + ssid + " refused the password (STAT_WRONG_PASSWORD); check it"
                    + " (a WPA password is case-sensitive) and try again";
            case NO_AP_FOUND -> "no Wi-Fi network " + ssid + " in range (STAT_NO_AP_FOUND); check the name (case"
                    + " matters) and that it is a 2.4 GHz network near the board";
            case CONNECT_FAILED, TIMEOUT -> "the board could not join Wi-Fi " + ssid + " (STAT_CONNECT_FAIL); try"
                    + " again, closer to the access point, or check that the network lets new devices join";
        };
        return new WifiException(f.reason(), f.code(), msg);
    }

    private static String quoted(String ssid) {
        return "'" + ssid + "'";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : (ms / 1000.0) + " s";
    }
}
