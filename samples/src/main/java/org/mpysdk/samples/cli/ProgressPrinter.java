package org.mpysdk.samples.cli;

import java.io.PrintStream;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;

/**
 * Shows progress events: a redrawn bar on a terminal, plain lines (one per phase and every 25%) when
 * the output is a pipe or a file, nothing with {@code --json}.
 */
final class ProgressPrinter implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private String lastPhase = "";
    private int lastQuarter = -1;
    private long lastDrawNanos;

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** @return a printer for stderr that draws bars only when a console is attached */
    static ProgressListener forConsole(boolean quiet) {
        return quiet ? ProgressListener.NONE : new ProgressPrinter(System.err, System.console() != null);
    }

    @Override
    public void onProgress(Progress p) {
        String phase = p.operation() + (p.phase().isEmpty() ? "" : " " + p.phase());
        boolean newPhase = !phase.equals(lastPhase);
        if (newPhase && terminal && !lastPhase.isEmpty()) {
            out.println();
        }
        double f = p.fraction();
        if (terminal) {
            long now = System.nanoTime();
            // Redraw at most 20 times a second, and always at a phase's start and end.
            if (newPhase || f >= 1.0 || now - lastDrawNanos > 50_000_000L) {
                lastDrawNanos = now;
                out.print("\r" + line(phase, p, f));
                if (f >= 1.0) {
                    out.println();
                    phase = "";
                }
            }
        } else {
            int quarter = f < 0 ? 0 : (int) (f * 4);
            if (newPhase || quarter != lastQuarter) {
                out.println(line(phase, p, f));
                lastQuarter = quarter;
            }
        }
        lastPhase = phase;
    }

    private static String line(String phase, Progress p, double f) {
        if (f < 0) {
            return String.format("%-28s %,d", phase, p.done());
        }
        int filled = (int) Math.round(f * WIDTH);
        return String.format("%-28s [%s%s] %3d%% %,d/%,d", phase, "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(f * 100), p.done(), p.total());
    }
}
