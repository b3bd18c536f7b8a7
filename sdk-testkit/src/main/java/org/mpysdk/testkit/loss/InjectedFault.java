package org.mpysdk.testkit.loss;

/**
 * One fault a {@link LossyTransport} injected, for reports that name the exact damage.
 *
 * @param direction which way the byte was going
 * @param kind dropped or flipped
 * @param position the byte's index in its direction's stream (0 is the first byte ever sent that way)
 * @param before the byte as sent
 * @param after the byte as delivered (equal to {@code before} for a drop, which delivers nothing)
 */
public record InjectedFault(Direction direction, FaultKind kind, long position, byte before, byte after) {
    @Override
    public String toString() {
        String b = String.format("0x%02x", before & 0xFF);
        return direction + " byte " + position + ": " + (kind == FaultKind.DROP ? "dropped " + b
                : "flipped " + b + " to " + String.format("0x%02x", after & 0xFF));
    }
}
