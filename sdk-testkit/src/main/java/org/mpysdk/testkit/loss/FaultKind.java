package org.mpysdk.testkit.loss;

/** What a {@link LossyTransport} does to a byte it picks. */
public enum FaultKind {
    /** The byte never arrives (an overrun UART buffer, a lost USB packet). */
    DROP,
    /** One bit of the byte is inverted (line noise, a baud-rate mismatch); the length is unchanged. */
    FLIP
}
