package org.mpysdk.webrepl;

import java.util.Optional;
import org.mpysdk.core.repl.ReplProtocolException;

/**
 * One line that the SDK's Wi-Fi code prints on the board (see {@code WifiScripts}), parsed. The board
 * prints words and dotted quads separated by spaces rather than a {@code repr()} of the ifconfig tuple:
 * addresses hold no spaces, so the reply needs no quoting rules.
 */
sealed interface WifiReply {
    /** The firmware has no {@code network} module, or no {@code WLAN} station interface in it. */
    record NoNetwork() implements WifiReply { }

    /** {@code connect()} was called. */
    record Started() implements WifiReply { }

    /** @param connection connected, with an address */
    record Up(WifiConnection connection) implements WifiReply { }

    /** @param reason which {@code STAT_*} constant the status matched @param code the status */
    record Failed(WifiException.Reason reason, int code) implements WifiReply { }

    /** @param code the status while still connecting */
    record Waiting(int code) implements WifiReply { }

    /** @param status the station interface's state */
    record Status(WifiStatus status) implements WifiReply { }

    /**
     * @param output what the board printed (one line; surrounding white space is ignored)
     * @return the reply
     * @throws ReplProtocolException when the output is not one of the replies
     */
    static WifiReply parse(String output) throws ReplProtocolException {
        String line = output.strip();
        String[] w = line.split(" ", -1);
        switch (w[0]) {
            case "NONETWORK" -> {
                expect(w, 1, line);
                return new NoNetwork();
            }
            case "STARTED" -> {
                expect(w, 1, line);
                return new Started();
            }
            case "UP" -> {
                expect(w, 5, line);
                return new Up(connection(w, 1, line));
            }
            case "FAIL" -> {
                expect(w, 3, line);
                WifiException.Reason r = switch (w[1]) {
                    case "STAT_WRONG_PASSWORD" -> WifiException.Reason.WRONG_PASSWORD;
                    case "STAT_NO_AP_FOUND" -> WifiException.Reason.NO_AP_FOUND;
                    case "STAT_CONNECT_FAIL" -> WifiException.Reason.CONNECT_FAILED;
                    default -> throw bad(line, "unknown failure " + w[1]);
                };
                return new Failed(r, code(w[2], line));
            }
            case "WAIT" -> {
                expect(w, 2, line);
                return new Waiting(code(w[1], line));
            }
            case "STATUS" -> {
                // STATUS <active 0|1> <code> <connected 0|1> ip mask gw dns
                expect(w, 8, line);
                boolean active = flag(w[1], line);
                int code = code(w[2], line);
                boolean connected = flag(w[3], line);
                Optional<WifiConnection> c = connected && !w[4].equals("0.0.0.0")
                        ? Optional.of(connection(w, 4, line)) : Optional.empty();
                return new Status(new WifiStatus(active, code, c));
            }
            default -> throw bad(line, "unknown reply");
        }
    }

    private static void expect(String[] w, int n, String line) throws ReplProtocolException {
        if (w.length != n) {
            throw bad(line, "expected " + n + " words");
        }
    }

    private static WifiConnection connection(String[] w, int from, String line) throws ReplProtocolException {
        for (int i = from; i < from + 4; i++) {
            if (!isIpv4(w[i])) {
                throw bad(line, "not an IPv4 address: " + w[i]);
            }
        }
        return WifiConnection.of(w[from], w[from + 1], w[from + 2], w[from + 3]);
    }

    private static boolean flag(String s, String line) throws ReplProtocolException {
        return switch (s) {
            case "0" -> false;
            case "1" -> true;
            default -> throw bad(line, "expected 0 or 1");
        };
    }

    private static int code(String s, String line) throws ReplProtocolException {
        if (s.isEmpty() || s.length() > 10 || !s.matches("-?[0-9]+")) {
            throw bad(line, "not a status number: " + s);
        }
        return Integer.parseInt(s);
    }

    /** @return whether {@code s} is four decimal numbers 0-255 joined by dots */
    static boolean isIpv4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return false;
        }
        for (String part : p) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static ReplProtocolException bad(String line, String why) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return new ReplProtocolException("unexpected reply from the board's Wi-Fi code: '" + shown + "' (" + why + ")");
    }
}
