package org.mpysdk.testkit.loss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mpysdk.Board;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.PartialUploadException;
import org.mpysdk.core.repl.RemoteFileNotFoundException;
import org.mpysdk.core.repl.Repl;

/**
 * Execs and file transfers through a {@link LossyTransport}, the way a user makes them, each judged
 * against the answer known in advance: right, a typed failure (an {@link IOException} subtype), or
 * wrong. A wrong exec whose reply the board did send right (the lossy link keeps the bytes as the
 * board sent them) and that met a fault on the way back counts apart, as "damaged on the way back":
 * no client can detect that for arbitrary code. After every typed failure the next call must work
 * (checked with the faults off). The checks the run makes of the board's state (what a file holds
 * after a put) also run with the faults off, so the checks themselves cannot be fooled.
 */
final class LoadLossRun {
    /**
     * What the peer can take.
     *
     * @param minFile the smallest file sent
     * @param maxFile the largest file sent (the micro:bit has a 9 KB heap)
     * @param longLines lines of the long exec kind
     */
    /** @param checkedExec whether the board can run execChecked (not the micro:bit: its stack is too small) */
    record Limits(int minFile, int maxFile, int longLines, boolean checkedExec) {
    }

    /** A check made with the faults off: {@code ok} false when the check itself failed; content null when absent. */
    private record Snapshot(boolean ok, byte[] content) {
    }

    private static final List<String> NAMES = List.of("/ll0.bin", "/ll1.txt", "/ll2.bin");
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(10);

    private final Tally tally;
    private final Repl repl;
    private final BoardFiles files;
    private final LossyTransport link;
    private final Random rnd;
    private final Limits limits;
    private final Path tmp;
    /** What the run's files hold on the board, as far as known (a name missing here is absent, unless unknown). */
    private final Map<String, byte[]> onBoard = new HashMap<>();
    /** Files whose content the run could not check (its check failed): no put or get on them is judged. */
    private final java.util.Set<String> unknown = new java.util.HashSet<>();
    private String setup;
    private int n = 100_000;
    /** How the board ends printed lines: {@code \r\n} on a UART, {@code \n} in the wasm port. */
    private String nl = "\r\n";

    LoadLossRun(String peer, Board board, LossyTransport link, Random rnd, Limits limits, Path tmp) {
        this.tally = new Tally(peer);
        this.repl = board.repl();
        this.files = repl.files();
        this.link = link;
        this.rnd = rnd;
        this.limits = limits;
        this.tmp = tmp;
        tally.profile = "one byte in " + link.profile().hostToBoardOneIn() + " to the board and one in "
                + link.profile().boardToHostOneIn() + " back damaged, " + link.profile().dropPercent()
                + "% of them dropped, the rest bit-flipped, seed " + link.profile().seed();
    }

    /**
     * With the faults off: runs {@code setup} (may be null), removes the run's files.
     *
     * @throws IOException when the board does not answer
     */
    void setUp(String setupCode) throws IOException {
        this.setup = setupCode;
        link.setFaultsEnabled(false);
        try {
            repl.enter();
            String one = repl.exec("print(1)").stdout();
            nl = one.substring(1);
            prepare();
        } finally {
            link.setFaultsEnabled(true);
        }
    }

    /** With the faults off: the set-up code, then none of the run's files. */
    private void prepare() throws IOException {
        if (setup != null) {
            repl.exec(setup, Duration.ofSeconds(30));
        }
        for (String name : NAMES) {
            if (files.exists(name)) {
                files.rm(name);
            }
        }
        onBoard.clear();
        unknown.clear();
    }

    Tally run(Duration budget) {
        long t0 = System.nanoTime();
        long end = t0 + budget.toNanos();
        FaultCounts start = link.counts();
        while (System.nanoTime() - end < 0) {
            long a = System.nanoTime();
            // Half the time each: a transfer is many execs, and a failing one waits out timeouts.
            if (tally.transferMillis < tally.execMillis) {
                transfer();
                tally.transferMillis += (System.nanoTime() - a) / 1_000_000;
            } else {
                exec();
                tally.execMillis += (System.nanoTime() - a) / 1_000_000;
            }
        }
        tally.faults = link.counts().minus(start);
        tally.millis = (System.nanoTime() - t0) / 1_000_000;
        return tally;
    }

    // ------------------------------------------------------------------ execs

    private void exec() {
        ExecCase c = ExecCase.next(rnd, n++, limits.longLines(), nl, limits.checkedExec());
        tally.execs++;
        Tally.add(tally.execKinds, c.label());
        FaultCounts before = link.counts();
        try {
            String got = call(c);
            if (c.raises()) {
                judge(c, before, "returned " + show(got) + " instead of raising " + c.errorType());
            } else if (got.equals(c.expected())) {
                tally.execsRight++;
            } else {
                judge(c, before, "returned " + show(got));
            }
        } catch (BoardCodeException e) {
            if (c.raises() && c.errorType().equals(e.type()) && c.errorMessage().equals(e.remoteMessage())) {
                tally.execsRight++;
            } else if ("MemoryError".equals(e.type())) {
                // The board ran out of memory: a failure that says what it is (the micro:bit has 9 KB of heap).
                Tally.add(tally.execTyped, typeName(e));
                usableAfter(c.api() + " failing with " + typeName(e));
            } else {
                judge(c, before, "raised " + e.type() + ": " + show(e.remoteMessage()));
            }
        } catch (IOException e) {
            Tally.add(tally.execTyped, typeName(e));
            tally.typed(c.api() + "(" + show(c.code()) + "): " + e + "; " + faultsSince(before));
            usableAfter(c.api() + " failing with " + typeName(e));
        } catch (RuntimeException e) {
            tally.execsWrong++;
            Tally.add(tally.wrongKinds, c.api() + ": untyped " + e.getClass().getSimpleName());
            tally.wrong(c.api() + "(" + show(c.code()) + ") threw the untyped " + e + "; " + faultsSince(before));
        }
    }

    private String call(ExecCase c) throws IOException {
        switch (c.api()) {
            case "eval":
                return repl.eval(c.code());
            case "execStreaming": {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                repl.execStreaming(c.code(), out::write, STREAMING_TIMEOUT);
                return out.toString(StandardCharsets.UTF_8);
            }
            case "execChecked":
                return repl.execChecked(c.code()).stdout();
            default:
                return repl.exec(c.code()).stdout();
        }
    }

    /** A wrong answer: damaged on the way back when the board did send the right reply and a reply byte was hit. */
    private void judge(ExecCase c, FaultCounts before, String what) {
        FaultCounts during = link.counts().minus(before);
        byte[] boardSent = link.sent(Direction.BOARD_TO_HOST, before.bytesBoardToHost());
        String detail = c.api() + "(" + show(c.code()) + ") should " + (c.raises() ? "raise " + c.errorType() + ": "
                + c.errorMessage() : "give " + show(c.expected())) + " but " + what + "; " + faultsSince(before);
        boolean boardRight = boardSentRightReply(c, boardSent);
        if (!boardRight && during.faults(Direction.BOARD_TO_HOST) > 0
                && new String(boardSent, StandardCharsets.ISO_8859_1).contains("MemoryError")) {
            // The board failed typed (out of memory) and its traceback met a fault on the way back: a
            // typed failure whose text no client can check, not a wrong result.
            Tally.add(tally.execTyped, "MemoryError, its text damaged on the way back");
            return;
        }
        if (boardRight && during.faults(Direction.BOARD_TO_HOST) > 0 && !c.checked()) {
            // Plain exec output has no check any client could make; eval and execChecked answers do.
            tally.damaged(c.api(), detail);
            return;
        }
        String why = boardRight && c.checked() ? "a checked answer damaged on the way back was returned"
                : boardRight ? "the SDK misread a right reply"
                : during.faults(Direction.HOST_TO_BOARD) > 0 ? "the board ran code damaged on the way in"
                : "the board ran other code with no fault injected (it lost input itself)";
        tally.execsWrong++;
        Tally.add(tally.wrongKinds, c.api() + ": " + why + (what.startsWith("returned") ? ", wrong output and no error"
                : ", an error the code does not raise"));
        tally.wrong(why + ": " + detail + "; the board sent " + AbstractTransport.printable(tail(boardSent, 400)));
    }

    private boolean boardSentRightReply(ExecCase c, byte[] boardSent) {
        String s = new String(boardSent, StandardCharsets.ISO_8859_1);
        if (c.raises()) {
            // Tracebacks end their lines with \r\n even where print ends them with \n (the wasm port).
            String err = latin1(c.errorType() + ": " + c.errorMessage());
            return s.contains(err + "\r\n\u0004>") || s.contains(err + "\n\u0004>");
        }
        String out = latin1(c.api().equals("eval") ? c.expected() + nl : c.expected());
        // Plain raw REPL: OK, stdout, EOT, stderr, EOT, '>'; raw-paste: the EOT that ends the paste, then the same.
        // execChecked: the output, then the board's length-and-hash line, which starts with \x15.
        String end = c.api().equals("execChecked") ? "\u0015" : "\u0004\u0004>";
        return s.contains("OK" + out + end) || s.contains("\u0004" + out + end);
    }

    /**
     * Checks, with the faults off, that the REPL answers after a typed failure (the SDK must re-enter
     * it). When it does not, the board is brought back (enter, else a soft reset and the set-up again),
     * counted, so the rest of the run still measures something.
     */
    private void usableAfter(String failure) {
        tally.reentryChecks++;
        link.setFaultsEnabled(false);
        try {
            int k = n++;
            String got = repl.exec("print(" + k + ")").stdout();
            if (got.equals(k + nl)) {
                probeMemory();
                return;
            }
            tally.reentryFailures++;
            tally.wrong("after " + failure + ", the next exec (faults off) printed " + show(got) + " instead of " + k);
        } catch (IOException | RuntimeException e) {
            tally.reentryFailures++;
            tally.wrong("after " + failure + ", the next exec (faults off) failed: " + e);
        } finally {
            link.setFaultsEnabled(true);
        }
        recover();
    }

    /** With the faults off: re-enters the REPL; when the board still does not answer, soft-resets it. */
    private void recover() {
        link.setFaultsEnabled(false);
        try {
            try {
                repl.enter();
                if (repl.exec("print(1)").stdout().equals("1" + nl)) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // a soft reset next
            }
            try {
                softReset();
                tally.softResets++;
                prepare();
            } catch (IOException | RuntimeException e) {
                tally.wrong("the board did not come back after a soft reset: " + e);
                NAMES.forEach(unknown::add);
            }
        } finally {
            link.setFaultsEnabled(true);
        }
    }

    /**
     * Soft-resets the board below the Repl: {@link Repl#softReset()} first enters the raw REPL, whose
     * marker needs memory, so it cannot help a board whose heap is full. Ctrl-C, Ctrl-A, then Ctrl-D at
     * the raw prompt, then the Repl enters again.
     */
    private void softReset() throws IOException {
        // The SDK's side of the link: over a TCP relay the lossy link itself is being read by the relay.
        org.mpysdk.core.Transport t = repl.transport();
        byte[] banner = "raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII);
        t.write(new byte[] {'\r', 3, 3, '\r', 1});
        t.flush();
        t.readUntil(banner, Duration.ofSeconds(5));
        t.discardInput();
        t.write(new byte[] {4});
        t.flush();
        t.readUntil("soft reboot".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10));
        repl.enter();
    }

    /** With the faults off, after a failure the REPL survived: free heap, and the SDK's names left on the board. */
    private void probeMemory() {
        try {
            String out = repl.exec("import gc\ngc.collect()\nprint(gc.mem_free(), ' '.join(sorted(k for k in globals() if k.startswith('__m'))))")
                    .stdout().strip();
            int space = out.indexOf(' ');
            long free = Long.parseLong(space < 0 ? out : out.substring(0, space));
            tally.minFree = Math.min(tally.minFree, free);
            if (space > 0) {
                for (String name : out.substring(space + 1).split(" ")) {
                    if (!name.isBlank()) {
                        Tally.add(tally.leftovers, name);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            tally.oracleFailures++;
        }
    }

    // -------------------------------------------------------------- transfers

    private void transfer() {
        int which = rnd.nextInt(NAMES.size());
        String name = NAMES.get(which);
        byte[] data = name.endsWith(".txt") ? text(limits.minFile() + rnd.nextInt(limits.maxFile() - limits.minFile() + 1))
                : random(limits.minFile() + rnd.nextInt(limits.maxFile() - limits.minFile() + 1));
        put(name, data);
        byte[] known = onBoard.get(name);
        if (known != null && !unknown.contains(name)) {
            get(name, known);
        }
    }

    private void put(String name, byte[] data) {
        byte[] old = onBoard.get(name);
        boolean wasUnknown = unknown.contains(name);
        boolean viaPath = rnd.nextBoolean();
        String api = viaPath ? "put(Path)" : "put(byte[])";
        tally.transfers++;
        FaultCounts before = link.counts();
        try {
            if (viaPath) {
                Path src = tmp.resolve("src" + name.substring(name.lastIndexOf('.')));
                Files.write(src, data);
                files.put(src, name);
            } else {
                files.put(data, name);
            }
            String faults = faultsSince(before);
            Snapshot s = snapshot(name);
            if (!s.ok()) {
                return;
            }
            if (Arrays.equals(s.content(), data)) {
                tally.transfersRight++;
            } else {
                tally.transfersWrong++;
                Tally.add(tally.wrongKinds, api + ": returned but the board holds other bytes");
                tally.wrong(api + " of " + data.length + " bytes to " + name + " returned, but the board holds "
                        + describe(s.content(), data) + "; " + faults);
            }
        } catch (IOException e) {
            String faults = faultsSince(before);
            Tally.add(tally.transferTyped, api + " " + typeName(e));
            usableAfter(api + " failing with " + typeName(e));
            Snapshot s = snapshot(name);
            if (!s.ok()) {
                return;
            }
            boolean intact = Arrays.equals(s.content(), old) || Arrays.equals(s.content(), data);
            if (!intact && !(e instanceof PartialUploadException) && !wasUnknown) {
                tally.transfersWrong++;
                Tally.add(tally.wrongKinds, api + ": failed and left the target damaged");
                tally.wrong(api + " of " + data.length + " bytes to " + name + " failed with " + typeName(e)
                        + " but left the target neither old nor new: " + describe(s.content(), data) + "; " + faults);
            }
            removeStrays(api + " failing with " + typeName(e));
        } catch (RuntimeException e) {
            tally.transfersWrong++;
            Tally.add(tally.wrongKinds, api + ": untyped " + e.getClass().getSimpleName());
            tally.wrong(api + " to " + name + " threw the untyped " + e + "; " + faultsSince(before));
            snapshot(name);
        }
    }

    private void get(String name, byte[] want) {
        boolean viaPath = rnd.nextBoolean();
        String api = viaPath ? "get(Path)" : "cat";
        tally.transfers++;
        FaultCounts before = link.counts();
        try {
            byte[] got;
            if (viaPath) {
                Path dst = tmp.resolve("got.bin");
                files.get(name, dst);
                got = Files.readAllBytes(dst);
            } else {
                got = files.cat(name);
            }
            if (Arrays.equals(got, want)) {
                tally.transfersRight++;
            } else {
                tally.transfersWrong++;
                Tally.add(tally.wrongKinds, api + ": returned other bytes");
                tally.wrong(api + "(" + name + ") returned " + describe(got, want) + "; " + faultsSince(before));
            }
        } catch (IOException e) {
            Tally.add(tally.transferTyped, api + " " + typeName(e));
            usableAfter(api + " failing with " + typeName(e));
        } catch (RuntimeException e) {
            tally.transfersWrong++;
            Tally.add(tally.wrongKinds, api + ": untyped " + e.getClass().getSimpleName());
            tally.wrong(api + "(" + name + ") threw the untyped " + e + "; " + faultsSince(before));
        }
    }

    /** What the board holds at {@code name}, read with the faults off (a verified read; tried 5 times). */
    private Snapshot snapshot(String name) {
        link.setFaultsEnabled(false);
        try {
            IOException last = null;
            for (int i = 0; i < 5; i++) {
                try {
                    byte[] b = files.cat(name);
                    onBoard.put(name, b);
                    unknown.remove(name);
                    return new Snapshot(true, b);
                } catch (RemoteFileNotFoundException e) {
                    onBoard.remove(name);
                    unknown.remove(name);
                    return new Snapshot(true, null);
                } catch (IOException e) {
                    last = e;
                }
            }
            tally.oracleFailures++;
            tally.wrong("the check of " + name + " with the faults off failed 5 times: " + last);
            onBoard.remove(name);
            unknown.add(name);
            recover();
            return new Snapshot(false, null);
        } finally {
            link.setFaultsEnabled(true);
        }
    }

    /** Removes, with the faults off, files a failed put may have left (temporary copies). */
    private void removeStrays(String failure) {
        link.setFaultsEnabled(false);
        try {
            String out = repl.exec("import os\nfor __n in os.listdir():\n if __n.startswith('.ll') and __n.endswith('.part'):\n"
                    + "  print(__n)\n  os.remove(__n)\n").stdout();
            for (String left : out.split("\r?\n")) {
                if (!left.isBlank()) {
                    tally.strays++;
                    tally.wrong(failure + " left its temporary copy " + left + " on the board (removed now)");
                }
            }
        } catch (IOException e) {
            tally.oracleFailures++;
        } finally {
            link.setFaultsEnabled(true);
        }
    }

    private byte[] random(int size) {
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        return b;
    }

    private byte[] text(int size) {
        String[] words = {"print('h\u00e9llo')", "# \u00fcn\u00efc\u00f6de \u2713", "x = \"q\\\"uote\"", "'''triple'''",
                "\\ back\\slash", "\ttab", "end\r", "\u00b5Python", "0123456789"};
        StringBuilder sb = new StringBuilder();
        while (sb.toString().getBytes(StandardCharsets.UTF_8).length < size) {
            sb.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(3) == 0 ? "\r\n" : "\n");
        }
        byte[] all = sb.toString().getBytes(StandardCharsets.UTF_8);
        // Cut at a character boundary near the size.
        int cut = Math.min(size, all.length);
        while (cut > 0 && (all[cut - 1] & 0xC0) == 0x80) {
            cut--;
        }
        if (cut > 0 && (all[cut - 1] & 0x80) != 0) {
            cut--;
        }
        return Arrays.copyOf(all, cut);
    }

    // ------------------------------------------------------------ reporting

    /** The faults injected since {@code before}, each with the bytes around it as they were sent. */
    private String faultsSince(FaultCounts before) {
        FaultCounts now = link.counts();
        StringBuilder sb = new StringBuilder("faults during the call: ");
        int shown = 0;
        for (Direction d : Direction.values()) {
            long from = before.bytes(d);
            byte[] sent = link.sent(d, from);
            for (InjectedFault f : link.faults(d, from, now.bytes(d))) {
                if (shown++ == 6) {
                    sb.append("...");
                    return sb.append(" (").append(now.minus(before).total()).append(" in all)").toString();
                }
                int at = (int) (f.position() - from);
                byte[] around = sent.length == 0 ? new byte[0]
                        : Arrays.copyOfRange(sent, Math.max(0, Math.min(at - 20, sent.length)), Math.max(0, Math.min(at + 20, sent.length)));
                sb.append('[').append(f).append(" in ").append(AbstractTransport.printable(around)).append("] ");
            }
        }
        return shown == 0 ? "no faults injected during the call" : sb.toString().strip();
    }

    private static String describe(byte[] got, byte[] want) {
        if (got == null) {
            return "no file (expected " + want.length + " bytes)";
        }
        int i = 0;
        while (i < got.length && i < want.length && got[i] == want[i]) {
            i++;
        }
        return got.length + " bytes instead of " + want.length + ", first difference at byte " + i;
    }

    private static String typeName(IOException e) {
        if (e instanceof BoardCodeException r) {
            return "BoardCodeException(" + r.type() + ")";
        }
        return e.getClass().getSimpleName();
    }

    private static String show(String s) {
        String t = s.length() > 160 ? s.substring(0, 160) + "..." : s;
        return AbstractTransport.printable(t.getBytes(StandardCharsets.UTF_8));
    }

    private static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static byte[] tail(byte[] b, int n) {
        return b.length <= n ? b : Arrays.copyOfRange(b, b.length - n, b.length);
    }
}
