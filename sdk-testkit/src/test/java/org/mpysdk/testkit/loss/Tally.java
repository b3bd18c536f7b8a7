package org.mpysdk.testkit.loss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The counts of one load-and-loss run, and the details of every result that was not right. */
final class Tally {
    private static final int DETAILS = 200;

    final String peer;
    int execs;
    int execsRight;
    final Map<String, Integer> execKinds = new TreeMap<>();
    final Map<String, Integer> execTyped = new TreeMap<>();
    int execsWrong;
    /** Wrong results by call and cause. */
    final Map<String, Integer> wrongKinds = new TreeMap<>();
    int transfers;
    int transfersRight;
    final Map<String, Integer> transferTyped = new TreeMap<>();
    int transfersWrong;
    /** Wrong output where the board sent the right reply and it was damaged on the way back, by API call. */
    final Map<String, Integer> damagedOnTheWayBack = new TreeMap<>();
    int reentryChecks;
    int reentryFailures;
    int oracleFailures;
    /** Temporary copies that failed puts left on the board. */
    int strays;
    /** Soft resets the run made to bring back a board whose REPL stayed unusable. */
    int softResets;
    /** The least free heap seen after a typed failure (gc.collect() first). */
    long minFree = Long.MAX_VALUE;
    /** SDK names ({@code __m...}) found left in the board's globals after typed failures, and how often. */
    final Map<String, Integer> leftovers = new TreeMap<>();
    final List<String> wrong = new ArrayList<>();
    final List<String> damaged = new ArrayList<>();
    /** The first typed failures of execs, with the faults that met them: what the SDK stopped, and why. */
    final List<String> typedDetails = new ArrayList<>();
    FaultCounts faults = FaultCounts.NONE;
    long millis;
    /** Time spent in execs and in transfers (with their checks). */
    long execMillis;
    long transferMillis;
    String burner = "";
    String profile = "";

    Tally(String peer) {
        this.peer = peer;
    }

    static void add(Map<String, Integer> m, String key) {
        m.merge(key, 1, Integer::sum);
    }

    void typed(String detail) {
        if (typedDetails.size() < DETAILS) {
            typedDetails.add(detail);
        }
    }

    void wrong(String detail) {
        if (wrong.size() < DETAILS) {
            wrong.add(detail);
        }
    }

    void damaged(String api, String detail) {
        add(damagedOnTheWayBack, api);
        if (damaged.size() < DETAILS) {
            damaged.add(detail);
        }
    }

    int damagedTotal() {
        return damagedOnTheWayBack.values().stream().mapToInt(Integer::intValue).sum();
    }

    int typed(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }

    String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("load-and-loss run on ").append(peer).append(" (").append(millis / 1000).append(" s; ").append(profile)
                .append("; ").append(burner).append(")\n");
        sb.append("  execs ").append(execs).append(": right ").append(execsRight).append(", typed failures ")
                .append(typed(execTyped)).append(' ').append(execTyped).append(", WRONG ").append(execsWrong)
                .append(", output damaged on the way back ").append(damagedTotal()).append(' ').append(damagedOnTheWayBack).append('\n');
        sb.append("  exec kinds ").append(execKinds).append("; ").append(execMillis / 1000).append(" s in execs, ")
                .append(transferMillis / 1000).append(" s in transfers and their checks\n");
        sb.append("  transfers ").append(transfers).append(": right ").append(transfersRight).append(", typed failures ")
                .append(typed(transferTyped)).append(' ').append(transferTyped).append(", WRONG ").append(transfersWrong).append('\n');
        sb.append("  wrong results by call and cause: ").append(wrongKinds).append('\n');
        sb.append("  REPL usable after a typed failure: ").append(reentryChecks - reentryFailures).append(" of ")
                .append(reentryChecks).append("; checks (faults off) that failed: ").append(oracleFailures)
                .append("; temporary copies left by failed puts: ").append(strays)
                .append("; soft resets to bring the board back: ").append(softResets).append('\n');
        sb.append("  after typed failures: least free heap ").append(minFree == Long.MAX_VALUE ? "-" : String.valueOf(minFree))
                .append(" bytes; SDK globals left on the board ").append(leftovers).append('\n');
        sb.append("  faults injected ").append(faults.total()).append(": ").append(faults).append('\n');
        for (String w : wrong) {
            sb.append("  ! ").append(w).append('\n');
        }
        for (String d : damaged) {
            sb.append("  damaged on the way back: ").append(d).append('\n');
        }
        for (String t : typedDetails) {
            sb.append("  typed: ").append(t).append('\n');
        }
        return sb.toString();
    }
}
