package org.mpysdk.firmware.mip;

/**
 * A file an install will write.
 *
 * @param path where it goes, relative to the install target
 * @param url where to download it
 * @param shortHash the SHA-256 prefix the index gives for it, or "" for a file from a package's
 *     {@code urls}, which carry no hash
 * @param packageName the package it belongs to, for messages
 */
record PlannedFile(String path, String url, String shortHash, String packageName) {
}
