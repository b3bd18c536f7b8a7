package org.mpysdk.testkit.micropython;

/**
 * A system call of the board failed with an error number; the syscall layer turns it into the
 * negative return value MicroPython's libc expects. It never leaves the virtual board.
 */
final class ErrnoException extends Exception {
    private static final long serialVersionUID = 1L;
    final Errno errno;

    ErrnoException(Errno errno, String detail) {
        super(errno + ": " + detail, null, false, false);
        this.errno = errno;
    }
}
