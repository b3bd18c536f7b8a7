package org.mpysdk.serial.esp;

import java.time.Duration;
import org.mpysdk.core.OperationCancelledException;

/** Timed pauses that reset sequences need (line levels must hold for a while); an interrupt cancels. */
final class Pause {
    private Pause() {
    }

    static void of(Duration d, String during) throws OperationCancelledException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException(during + " was interrupted");
        }
    }
}
