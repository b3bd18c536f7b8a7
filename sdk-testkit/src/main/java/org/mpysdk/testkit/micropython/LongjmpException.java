package org.mpysdk.testkit.micropython;

/**
 * Emscripten's {@code longjmp}: thrown by the {@code _emscripten_throw_longjmp} import and caught by the
 * {@code invoke_*} trampoline of the frame that called {@code setjmp}. MicroPython raises every Python
 * exception this way, so it is thrown often: it carries no stack trace.
 */
final class LongjmpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LongjmpException() {
        super("longjmp", null, false, false);
    }
}
