package org.mpysdk.testkit.loss;

/**
 * How lossy a {@link LossyTransport} is: each byte going one way is damaged with probability
 * {@code 1/oneIn} for that direction, dropped or bit-flipped as {@code dropPercent} says, all drawn
 * from {@link java.util.Random}s seeded with {@code seed} (one per direction, so the same byte stream
 * gets the same faults however it is split into reads and writes).
 *
 * <pre>{@code
 * LossProfile p = LossProfile.oneIn(1000, 42);              // both ways, half drops, half flips
 * LossProfile in = new LossProfile(500, 0, 100, 7);         // drops on the way to the board only
 * }</pre>
 *
 * @param hostToBoardOneIn one byte in this many is damaged on the way to the board; 0 for none
 * @param boardToHostOneIn one byte in this many is damaged on the way back; 0 for none
 * @param dropPercent of the damaged bytes, the share (0 to 100) dropped; the rest are flipped
 * @param seed the seed of the faults' randomness
 */
public record LossProfile(int hostToBoardOneIn, int boardToHostOneIn, int dropPercent, long seed) {
    // Checks the ranges (the record's Javadoc gives them).
    public LossProfile {
        if (hostToBoardOneIn < 0 || boardToHostOneIn < 0) {
            throw new IllegalArgumentException("oneIn must be 0 (no faults) or positive: " + hostToBoardOneIn + ", " + boardToHostOneIn);
        }
        if (dropPercent < 0 || dropPercent > 100) {
            throw new IllegalArgumentException("dropPercent must be 0 to 100, was " + dropPercent);
        }
    }

    /**
     * @param oneIn one byte in this many is damaged, in each direction
     * @param seed the seed of the faults' randomness
     * @return a profile with the same rate both ways, half drops and half flips
     */
    public static LossProfile oneIn(int oneIn, long seed) {
        return new LossProfile(oneIn, oneIn, 50, seed);
    }

    /**
     * @param direction which way
     * @return one byte in how many is damaged that way (0 for none)
     */
    public int oneIn(Direction direction) {
        return direction == Direction.HOST_TO_BOARD ? hostToBoardOneIn : boardToHostOneIn;
    }
}
