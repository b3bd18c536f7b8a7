package org.mpysdk.core.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Host files written so that nobody (this process or another) ever sees them half done: the content
 * goes to a temporary file beside the target, which replaces the target only once complete. A failed or
 * cancelled copy from a board leaves the old file as it was and no partial file behind.
 *
 * <pre>{@code
 * LocalFiles.writeAtomically(Path.of("main.py"), out -> files.cat("/main.py", out));
 * }</pre>
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    /** Writes a file's whole content to a stream. */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * @param out where the content goes; closed by the caller
         * @throws IOException when producing the content fails (the target is then left untouched)
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Creates or replaces {@code target} with what {@code writer} produces, atomically where the file
     * system allows; missing parent folders are created.
     *
     * @param target the file to create or replace
     * @param writer produces the content
     * @throws IOException from the writer, or when the temporary file cannot be written or renamed;
     *     either way {@code target} is unchanged and the temporary file is gone
     */
    public static void writeAtomically(Path target, ContentWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.writeTo(out);
            }
            moveAtomically(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Renames {@code source} over {@code target}, atomically where the file system allows.
     *
     * @param source a complete file, normally in the same folder as {@code target}
     * @param target the file to replace
     * @throws IOException when the rename fails
     */
    public static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
