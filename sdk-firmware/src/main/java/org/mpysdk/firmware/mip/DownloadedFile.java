package org.mpysdk.firmware.mip;

/**
 * A planned file with its content, checked against the index's hash where it has one.
 *
 * @param file what it is and where it goes
 * @param data its content
 */
record DownloadedFile(PlannedFile file, byte[] data) {
}
