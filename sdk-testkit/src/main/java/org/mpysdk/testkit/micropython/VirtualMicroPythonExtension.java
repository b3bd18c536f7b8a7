package org.mpysdk.testkit.micropython;

import java.io.IOException;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mpysdk.Board;
import org.mpysdk.testkit.Peers;

/**
 * The JUnit 5 extension behind {@link VirtualMicroPython}: resolves {@link Board} and
 * {@link MicroPythonTransport} parameters with a fresh board, closed when the test (or the class, for
 * constructor and {@code @BeforeAll} parameters) ends. In one method, a Board and a MicroPythonTransport
 * parameter are the same board.
 */
public final class VirtualMicroPythonExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(VirtualMicroPythonExtension.class);

    /** JUnit creates it (through {@link VirtualMicroPython} or {@code @ExtendWith}). */
    public VirtualMicroPythonExtension() {
    }

    /**
     * An open board, closed by JUnit with the store it lives in. JUnit 5.10-5.12 close only a
     * {@code CloseableResource}, JUnit 6 prefers {@code AutoCloseable}: it is both, and closing twice is
     * harmless ({@code Board.close()} is idempotent).
     */
    @SuppressWarnings("deprecation") // CloseableResource: the only kind JUnit 5.10 closes
    private record OpenBoard(Board board, MicroPythonTransport transport)
            implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            board.close();
        }
    }

    /** Skips the test (fails it under CI=true) when MicroPython's wasm is missing, before parameters are resolved. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Peers.require(available(), MicroPythonWasm.howToGet());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == Board.class || type == MicroPythonTransport.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Peers.require(available(), MicroPythonWasm.howToGet());
        // getOrComputeIfAbsent: computeIfAbsent exists only from JUnit 6; this works on 5.10 and later.
        @SuppressWarnings("deprecation")
        OpenBoard open = extension.getStore(NS).getOrComputeIfAbsent(OpenBoard.class, k -> start(), OpenBoard.class);
        return parameter.getParameter().getType() == Board.class ? open.board() : open.transport();
    }

    /** @return whether a board can start here (build-time compiled classes or a wasm file) */
    static boolean available() {
        try {
            Class.forName(MicroPythonImages.BUILD_TIME_CLASS, false, VirtualMicroPythonExtension.class.getClassLoader());
            return !MicroPythonWasm.explicit() || MicroPythonWasm.find().isPresent();
        } catch (ClassNotFoundException e) {
            return MicroPythonWasm.find().isPresent();
        }
    }

    private static OpenBoard start() {
        try {
            MicroPythonTransport transport = MicroPythonTransport.start();
            return new OpenBoard(Board.open(transport), transport);
        } catch (IOException e) {
            throw new ParameterResolutionException("virtual:micropython did not start: " + e.getMessage(), e);
        }
    }
}
