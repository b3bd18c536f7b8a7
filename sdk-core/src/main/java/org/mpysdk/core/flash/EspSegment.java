package org.mpysdk.core.flash;

/**
 * One segment of an ESP image, as {@link EspImageHeader#parse(byte[], int, boolean)} found it.
 *
 * @param loadAddress where the ROM loads it
 * @param dataOffset where its data starts, relative to the start of the buffer the image was parsed from
 * @param length data length in bytes
 */
public record EspSegment(long loadAddress, int dataOffset, int length) {
}
