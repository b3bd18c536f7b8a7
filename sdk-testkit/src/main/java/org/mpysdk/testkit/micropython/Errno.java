package org.mpysdk.testkit.micropython;

/**
 * The error numbers the virtual board's system calls return. They are MicroPython's own numbers
 * (those of Linux, and of {@code errno.ENOENT} on every MicroPython board), not Emscripten's WASI
 * numbers: so {@code OSError: [Errno 2] ENOENT} reads as it does on real hardware.
 */
enum Errno {
    EPERM(1), ENOENT(2), EIO(5), EBADF(9), ENOMEM(12), EACCES(13), EEXIST(17), EXDEV(18), ENOTDIR(20),
    EISDIR(21), EINVAL(22), EMFILE(24), ENOTTY(25), EFBIG(27), ENOSPC(28), ESPIPE(29), ERANGE(34),
    ENAMETOOLONG(36), ENOSYS(38), ENOTEMPTY(39);

    final int code;

    Errno(int code) {
        this.code = code;
    }
}
