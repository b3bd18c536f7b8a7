package org.mpysdk.testkit.esp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mpysdk.testkit.esp.FaultPlan.ByteFault;
import org.mpysdk.testkit.esp.FaultPlan.FrameAction;
import org.mpysdk.testkit.esp.FaultPlan.FrameFault;

/** The running counters behind a {@link FaultPlan}: which frame and byte the chip is at. */
final class FaultState {
    private final FaultPlan plan;
    private final Map<Integer, Integer> responsesByOpcode = new HashMap<>();
    private final Map<Integer, Integer> commandsByOpcode = new HashMap<>();
    private long framesSent;
    private long bytesOut;
    private long bytesIn;
    private int flashBlocks;
    private boolean silent;

    FaultState(FaultPlan plan) {
        this.plan = plan;
    }

    /**
     * Counts a response to {@code opcode} (-1 for frames that answer no command: OHAI, read data).
     *
     * @return the fault planned for it, or null
     */
    synchronized FrameFault onResponse(int opcode) {
        if (opcode < 0) {
            return null;
        }
        int n = responsesByOpcode.merge(opcode, 1, Integer::sum);
        for (FrameFault f : plan.frameFaults()) {
            if (!f.incoming() && f.opcode().code() == opcode && f.nth() == n) {
                return f;
            }
        }
        return null;
    }

    /** Counts a command; @return whether the plan loses it on the way in */
    synchronized boolean dropCommand(int opcode) {
        int n = commandsByOpcode.merge(opcode, 1, Integer::sum);
        for (FrameFault f : plan.frameFaults()) {
            if (f.incoming() && f.opcode().code() == opcode && f.nth() == n && f.action() == FrameAction.DROP) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the chip has fallen silent; counts the frame about to be sent when it has not */
    synchronized boolean silenceBeforeFrame() {
        if (silent) {
            return true;
        }
        framesSent++;
        if (plan.stopAnsweringAfter() > 0 && framesSent >= plan.stopAnsweringAfter()) {
            // This frame is the last one; everything after it is swallowed.
            silent = true;
        }
        return false;
    }

    /** @return whether the chip is silent (for raw text such as boot messages) */
    synchronized boolean isSilent() {
        return silent;
    }

    /** Books {@code n} outgoing bytes; @return the faults that hit them, with indexes relative to the chunk */
    synchronized List<ByteFault> outgoing(int n) {
        List<ByteFault> hits = hits(false, bytesOut, n);
        bytesOut += n;
        return hits;
    }

    /** Books {@code n} incoming bytes; @return the faults that hit them, with indexes relative to the chunk */
    synchronized List<ByteFault> incoming(int n) {
        List<ByteFault> hits = hits(true, bytesIn, n);
        bytesIn += n;
        return hits;
    }

    /** Counts a flash data block; @return whether the planned mid-flash reset is due now */
    synchronized boolean flashBlockResets() {
        flashBlocks++;
        return plan.resetAfterFlashBlocks() > 0 && flashBlocks == plan.resetAfterFlashBlocks();
    }

    boolean resetIntoDownloadMode() {
        return plan.resetIntoDownloadMode();
    }

    private List<ByteFault> hits(boolean incoming, long start, int n) {
        if (plan.byteFaults().isEmpty()) {
            return List.of();
        }
        List<ByteFault> hits = new ArrayList<>(1);
        for (ByteFault f : plan.byteFaults()) {
            if (f.incoming() == incoming && f.index() >= start && f.index() < start + n) {
                hits.add(new ByteFault(incoming, f.index() - start, f.action(), f.delay()));
            }
        }
        return hits;
    }
}
