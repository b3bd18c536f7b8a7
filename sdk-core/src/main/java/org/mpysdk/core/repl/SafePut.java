package org.mpysdk.core.repl;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.internal.PyLiterals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a board file so that it is never left half-written: the content goes to a temporary file
 * next to the target ({@link RemotePaths#temporarySibling}), the board's digest of that file is compared
 * with the host's digest of what was sent (SHA-256, or CRC-16 without hashlib), and only then is it
 * renamed onto the target. Without {@code os.rename} (the micro:bit) the board copies it onto the target
 * itself, which no longer depends on the link.
 *
 * <p>On any failure the temporary file is closed and removed; where that is impossible (the link is
 * gone, the board hangs) a {@link PartialUploadException} says what is left. A copy that arrives damaged
 * is sent once more before the upload fails with {@link TransferVerificationException}.
 */
final class SafePut {
    private static final Logger LOG = LoggerFactory.getLogger(SafePut.class);
    private static final int ATTEMPTS = 2;
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(3);

    /** Opens the content afresh for each attempt. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }

    private final Repl repl;
    private final ChunkedUpload upload;

    SafePut(Repl repl) {
        this.repl = repl;
        this.upload = new ChunkedUpload(repl);
    }

    /**
     * @param content the new content
     * @param total its size
     * @param target the checked board path to replace (firmware-normal form)
     * @throws TransferVerificationException when the board's copy differed twice (the target is unchanged)
     * @throws PartialUploadException when the upload failed and left something on the board
     * @throws IOException as the REPL or the content failed; the target is unchanged then
     */
    void put(Content content, long total, String target) throws IOException {
        FirmwareFeatures f = repl.features();
        DigestKind kind = DigestKind.of(f);
        String temp = RemotePaths.temporarySibling(target);
        for (int attempt = 1; ; attempt++) {
            ContentDigest sent = kind.newHostDigest();
            String onBoard;
            try (InputStream in = content.open()) {
                upload.send(in, total, temp, target, sent);
                onBoard = digestOnBoard(temp, kind, f, total);
            } catch (IOException e) {
                throw afterFailure(e, temp, target);
            } catch (RuntimeException e) {
                removeTemp(temp, e);
                throw e;
            }
            String expected = sent.count() + " " + sent.hex();
            if (onBoard.equals(expected)) {
                replace(temp, target, f);
                return;
            }
            TransferVerificationException mismatch = new TransferVerificationException("the board's copy of " + target
                    + " differs from what was sent (" + kind.label() + " and size on the board: " + onBoard + ", sent: "
                    + expected + ") after " + attempt + " attempt(s); " + target + " is unchanged"
                    + "; the link damages data: try a lower baud rate or a shorter cable");
            IOException reported = afterFailure(mismatch, temp, target);
            if (reported != mismatch || attempt >= ATTEMPTS) {
                throw reported;
            }
            LOG.debug("copy of {} arrived damaged ({} vs {}), sending it again", target, onBoard, expected);
        }
    }

    /** @return {@code "size hex"} of the board file, computed on the board */
    private String digestOnBoard(String file, DigestKind kind, FirmwareFeatures f, long total) throws IOException {
        String code = kind.setup(f) + "__mf=open(" + PyLiterals.stringLiteral(file) + ",'rb')\n__mn=0\n__mh=" + kind.start() + "\n"
                + "while 1:\n __mb=__mf.read(256)\n if not __mb:break\n __mn+=len(__mb)\n " + kind.update("__mh", "__mb") + "\n"
                + "__mf.close()\nprint(__mn," + kind.hex("__mh") + ")\ndel __mf,__mb,__mn,__mh\n" + kind.teardown();
        return repl.exec(code, FsCode.transferTimeout(repl, total)).text();
    }

    /** Moves the verified temporary file onto the target. */
    private void replace(String temp, String target, FirmwareFeatures f) throws IOException {
        String t = PyLiterals.stringLiteral(temp);
        String p = PyLiterals.stringLiteral(target);
        if (f.rename()) {
            try {
                repl.exec("import os\nos.rename(" + t + "," + p + ")\n");
            } catch (IOException e) {
                // A link lost during the rename leaves it unknown whether it happened.
                throw afterFailure(e, temp, target, "is unchanged unless the rename went through");
            }
            return;
        }
        try {
            // A cancel now must not be mistaken for a copy that failed half-way.
            repl.currentCancellation().throwIfCancelled("put of " + target + " (verified, not yet copied onto it)");
        } catch (OperationCancelledException e) {
            throw afterFailure(e, temp, target);
        }
        try {
            repl.exec(FsCode.copyOnBoard(t, p) + "import os\nos.remove(" + t + ")\n",
                    FsCode.transferTimeout(repl, 0));
        } catch (IOException e) {
            // The verified content is only in the temporary file now: keep it, and say so.
            throw new PartialUploadException("copying the verified upload " + temp + " onto " + target + " on the board failed ("
                    + e.getMessage() + "): " + target + " may be incomplete; the complete content is still in " + temp
                    + " on the board (this firmware has no os.rename); free some space and put the file again",
                    target, temp, e);
        }
    }

    /**
     * Tidies up after a failed attempt.
     *
     * @return the exception to throw: {@code failure} itself when nothing is left on the board (a cancel
     *     says so in its message), else a {@link PartialUploadException} naming the temporary file
     */
    private IOException afterFailure(IOException failure, String temp, String target) {
        return afterFailure(failure, temp, target, "is unchanged");
    }

    private IOException afterFailure(IOException failure, String temp, String target, String targetState) {
        if (!removeTemp(temp, failure)) {
            return new PartialUploadException(failure.getMessage() + "; " + target + " " + targetState + ", but the temporary file "
                    + temp + " may be left on the board (it could not be removed: see the suppressed exception);"
                    + " remove it with files().rm(\"" + temp + "\")", target, temp, failure);
        }
        if (failure instanceof OperationCancelledException) {
            OperationCancelledException told = new OperationCancelledException(failure.getMessage() + "; " + target
                    + " is unchanged and the partial copy was removed");
            told.initCause(failure);
            return told;
        }
        return failure;
    }

    /** @return whether the temporary file is gone (or never existed) */
    private boolean removeTemp(String temp, Throwable failure) {
        String t = PyLiterals.stringLiteral(temp);
        try {
            // The upload may have stopped anywhere: the file may be open, or the names gone after a reset.
            // Two small execs, the first freeing the upload's objects: on a full heap (the micro:bit's 9 KB)
            // one bigger exec could fail to compile.
            repl.runCleanup("try:\n __mf.close()\nexcept Exception:\n pass\n"
                    + "for __mn in ('__mf','__mw','__mo','__ma','__mx'):\n globals().pop(__mn,None)\n", CLEANUP_TIMEOUT);
            repl.runCleanup("import os,gc\ngc.collect()\ntry:\n os.remove(" + t + ")\nexcept OSError:\n pass\n", CLEANUP_TIMEOUT);
            return true;
        } catch (IOException e) {
            LOG.debug("could not remove {} after a failed put: {}", temp, e.toString());
            failure.addSuppressed(e);
            return false;
        }
    }
}
