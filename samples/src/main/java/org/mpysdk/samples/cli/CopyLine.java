package org.mpysdk.samples.cli;

import java.nio.file.Path;

/**
 * The line {@code mpy cp} prints per file, as mpremote does: {@code cp main.py :main.py}, with
 * {@code (unchanged)} for a file the board already had and was therefore not sent.
 */
final class CopyLine {
    private CopyLine() {
    }

    /**
     * @param from the source as the user would type it ({@code main.py}, {@code :main.py})
     * @param to the destination likewise
     * @param unchanged whether nothing was sent because the board's copy was the same
     * @return the line
     */
    static String of(String from, String to, boolean unchanged) {
        return "cp " + from + " " + to + (unchanged ? " (unchanged)" : "");
    }

    /**
     * A file of a folder copied to the board.
     *
     * @param localDir the local folder given
     * @param remoteDir the board folder it went to
     * @param remoteFile a board path the library reported, under {@code remoteDir}
     * @param unchanged whether it was skipped as the same
     * @return the line, with the local file the board path came from
     */
    static String toBoard(Path localDir, String remoteDir, String remoteFile, boolean unchanged) {
        String relative = relativeTo(remoteDir, remoteFile);
        String from = relative == null ? localDir.toString() + "/..." : localDir.resolve(relative).toString();
        return of(from, ":" + remoteFile, unchanged);
    }

    /**
     * A file of a board folder copied to the host.
     *
     * @param remoteDir the board folder given
     * @param localDir the local folder it went to
     * @param localFile a file the library wrote, under {@code localDir}
     * @return the line, with the board path the file came from
     */
    static String fromBoard(String remoteDir, Path localDir, Path localFile) {
        String relative = localFile.startsWith(localDir) ? localDir.relativize(localFile).toString().replace('\\', '/') : null;
        String from = relative == null ? ":" + remoteDir + "/..." : ":" + join(remoteDir, relative);
        return of(from, localFile.toString(), false);
    }

    /** @return {@code file} relative to {@code dir}, or null when it does not lie under it */
    private static String relativeTo(String dir, String file) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        return file.startsWith(prefix) ? file.substring(prefix.length()) : null;
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
