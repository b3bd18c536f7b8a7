package org.mpysdk.testkit.micropython;

import org.mpysdk.core.BoardOption;

/**
 * Sizes of a virtual MicroPython board. Pass to {@code Board.open("virtual:micropython", options)}.
 *
 * <pre>{@code
 * Board.open("virtual:micropython", MicroPythonOptions.defaults().withFileSystemBytes(4 << 20));
 * }</pre>
 *
 * @param heapBytes the Python heap MicroPython starts with (it grows on demand up to the memory limit)
 * @param pystackWords MicroPython's Python-frame stack, in 4-byte words; it bounds recursion depth
 * @param maxMemoryBytes the most wasm memory the board may use; beyond it Python raises MemoryError
 * @param fileSystemBytes the size of the in-memory flash file system ({@code os.statvfs('/')})
 * @param threadStackBytes the Java stack of the board's thread (deep recursion needs a deep stack)
 */
public record MicroPythonOptions(int heapBytes, int pystackWords, long maxMemoryBytes, long fileSystemBytes,
        long threadStackBytes) implements BoardOption {

    /**
     * Validates the sizes.
     *
     * @param heapBytes the initial Python heap, at least 16 KiB
     * @param pystackWords the Python-frame stack in words, at least 256
     * @param maxMemoryBytes the wasm memory limit, 32 MiB to 2 GiB
     * @param fileSystemBytes the flash file system size, at least one block
     * @param threadStackBytes the board thread's Java stack, at least 1 MiB
     * @throws IllegalArgumentException when a size is out of its range
     */
    public MicroPythonOptions {
        if (heapBytes < 16 * 1024) {
            throw new IllegalArgumentException("heapBytes must be at least 16 KiB, got " + heapBytes);
        }
        if (pystackWords < 256) {
            throw new IllegalArgumentException("pystackWords must be at least 256, got " + pystackWords);
        }
        if (maxMemoryBytes < 32L << 20 || maxMemoryBytes > 2L << 30) {
            throw new IllegalArgumentException("maxMemoryBytes must be 32 MiB to 2 GiB, got " + maxMemoryBytes);
        }
        if (fileSystemBytes < MemoryFileSystem.BLOCK_SIZE) {
            throw new IllegalArgumentException("fileSystemBytes must be at least one block, got " + fileSystemBytes);
        }
        if (threadStackBytes < 1L << 20) {
            throw new IllegalArgumentException("threadStackBytes must be at least 1 MiB, got " + threadStackBytes);
        }
    }

    /**
     * @return 1 MiB heap (what MicroPython's JavaScript loader uses), 2048-word pystack (likewise),
     *     128 MiB memory limit, 2 MiB file system (an ESP32 with 4 MB flash), 16 MiB thread stack
     */
    public static MicroPythonOptions defaults() {
        return new MicroPythonOptions(1 << 20, 2048, 128L << 20, 2L << 20, 16L << 20);
    }

    /**
     * @param bytes the file system size
     * @return a copy with another file system size
     */
    public MicroPythonOptions withFileSystemBytes(long bytes) {
        return new MicroPythonOptions(heapBytes, pystackWords, maxMemoryBytes, bytes, threadStackBytes);
    }

    /**
     * @param bytes the initial Python heap
     * @return a copy with another initial Python heap
     */
    public MicroPythonOptions withHeapBytes(int bytes) {
        return new MicroPythonOptions(bytes, pystackWords, maxMemoryBytes, fileSystemBytes, threadStackBytes);
    }

    /**
     * @param bytes the wasm memory limit
     * @return a copy with another memory limit
     */
    public MicroPythonOptions withMaxMemoryBytes(long bytes) {
        return new MicroPythonOptions(heapBytes, pystackWords, bytes, fileSystemBytes, threadStackBytes);
    }

    /**
     * @param bytes the board thread's Java stack
     * @return a copy with another Java stack size for the board's thread
     */
    public MicroPythonOptions withThreadStack(long bytes) {
        return new MicroPythonOptions(heapBytes, pystackWords, maxMemoryBytes, fileSystemBytes, bytes);
    }

    /**
     * @param words the pystack size in 4-byte words
     * @return a copy with another pystack size
     */
    public MicroPythonOptions withPystackWords(int words) {
        return new MicroPythonOptions(heapBytes, words, maxMemoryBytes, fileSystemBytes, threadStackBytes);
    }
}
