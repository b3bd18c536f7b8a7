package org.mpysdk.testkit.loss;

/**
 * What a {@link LossyTransport} has passed and damaged so far; {@link #minus} gives what happened
 * during one call.
 *
 * @param bytesHostToBoard bytes the SDK wrote
 * @param bytesBoardToHost bytes the board sent
 * @param dropsHostToBoard bytes dropped on the way to the board
 * @param flipsHostToBoard bytes flipped on the way to the board
 * @param dropsBoardToHost bytes dropped on the way back
 * @param flipsBoardToHost bytes flipped on the way back
 */
public record FaultCounts(long bytesHostToBoard, long bytesBoardToHost, long dropsHostToBoard, long flipsHostToBoard,
                          long dropsBoardToHost, long flipsBoardToHost) {
    /** No bytes, no faults. */
    public static final FaultCounts NONE = new FaultCounts(0, 0, 0, 0, 0, 0);

    /**
     * @param direction which way
     * @param kind dropped or flipped
     * @return how many bytes were damaged that way, in that way
     */
    public long faults(Direction direction, FaultKind kind) {
        boolean toBoard = direction == Direction.HOST_TO_BOARD;
        if (kind == FaultKind.DROP) {
            return toBoard ? dropsHostToBoard : dropsBoardToHost;
        }
        return toBoard ? flipsHostToBoard : flipsBoardToHost;
    }

    /**
     * @param direction which way
     * @return the faults injected that way, both kinds
     */
    public long faults(Direction direction) {
        return faults(direction, FaultKind.DROP) + faults(direction, FaultKind.FLIP);
    }

    /** @return every fault injected, both ways */
    public long total() {
        return faults(Direction.HOST_TO_BOARD) + faults(Direction.BOARD_TO_HOST);
    }

    /**
     * @param direction which way
     * @return the bytes that went that way (damaged ones included)
     */
    public long bytes(Direction direction) {
        return direction == Direction.HOST_TO_BOARD ? bytesHostToBoard : bytesBoardToHost;
    }

    /**
     * @param earlier counts taken before
     * @return what happened since {@code earlier}
     */
    public FaultCounts minus(FaultCounts earlier) {
        return new FaultCounts(bytesHostToBoard - earlier.bytesHostToBoard, bytesBoardToHost - earlier.bytesBoardToHost,
                dropsHostToBoard - earlier.dropsHostToBoard, flipsHostToBoard - earlier.flipsHostToBoard,
                dropsBoardToHost - earlier.dropsBoardToHost, flipsBoardToHost - earlier.flipsBoardToHost);
    }

    /**
     * @param other counts to add
     * @return the sum
     */
    public FaultCounts plus(FaultCounts other) {
        return new FaultCounts(bytesHostToBoard + other.bytesHostToBoard, bytesBoardToHost + other.bytesBoardToHost,
                dropsHostToBoard + other.dropsHostToBoard, flipsHostToBoard + other.flipsHostToBoard,
                dropsBoardToHost + other.dropsBoardToHost, flipsBoardToHost + other.flipsBoardToHost);
    }

    @Override
    public String toString() {
        return "to board: " + bytesHostToBoard + " bytes, " + dropsHostToBoard + " dropped, " + flipsHostToBoard
                + " flipped; to host: " + bytesBoardToHost + " bytes, " + dropsBoardToHost + " dropped, "
                + flipsBoardToHost + " flipped";
    }
}
