package org.mpysdk.core.repl;

/**
 * A file or folder on the board.
 *
 * @param path its full path as used on the board, for example {@code /lib/util.py} or {@code main.py}
 * @param name the last part of the path
 * @param size size in bytes (0 for folders, -1 when the firmware does not say)
 * @param directory whether it is a folder
 */
public record RemoteFile(String path, String name, long size, boolean directory) {
}
