package org.mpysdk.core.repl;

/**
 * Receives a program's standard output as it arrives, for {@link Repl#execStreaming}. Called on the
 * thread running the exec: return quickly. Chunks split the output at arbitrary points (even inside a
 * UTF-8 character); the array is only valid during the call.
 *
 * <pre>{@code
 * repl.execStreaming("for i in range(3): print(i)", (b, off, len) -> System.out.write(b, off, len), Duration.ofSeconds(5));
 * }</pre>
 */
@FunctionalInterface
public interface OutputSink {
    /** A sink that drops everything. */
    OutputSink DISCARD = (bytes, off, len) -> { };

    /**
     * @param bytes buffer holding the chunk
     * @param off where the chunk starts
     * @param len how many bytes, at least 1
     */
    void accept(byte[] bytes, int off, int len);
}
