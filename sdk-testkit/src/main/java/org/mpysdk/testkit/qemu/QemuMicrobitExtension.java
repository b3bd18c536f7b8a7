package org.mpysdk.testkit.qemu;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link QemuMicrobit} per test class (CI machines have two cores) and
 * injects it into test methods and constructors. Skips the class (fails it under {@code CI=true}) when
 * QEMU or the firmware is missing. If a test leaves QEMU dead, the next test gets a fresh one.
 *
 * <pre>{@code
 * @Tag("peer")
 * @ExtendWith(QemuMicrobitExtension.class)
 * @Timeout(60)
 * class MyTest {
 *     @Test void runs(QemuMicrobit qemu) throws IOException {
 *         try (Board b = Board.open(qemu.pty())) { assertEquals("2", b.repl().eval("1+1")); }
 *     }
 * }
 * }</pre>
 */
public final class QemuMicrobitExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(QemuMicrobitExtension.class);
    private static final String KEY = "qemu";

    /** JUnit creates it ({@code @ExtendWith(QemuMicrobitExtension.class)}). */
    public QemuMicrobitExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        QemuMicrobit.require();
        store(context).put(KEY, QemuMicrobit.start());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ExtensionContext.Store store = classStore(context);
        QemuMicrobit q = store.get(KEY, QemuMicrobit.class);
        if (q != null && !q.isAlive()) {
            q.close();
            store.put(KEY, QemuMicrobit.start());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        QemuMicrobit q = store(context).remove(KEY, QemuMicrobit.class);
        if (q != null) {
            q.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == QemuMicrobit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        QemuMicrobit q = classStore(extension).get(KEY, QemuMicrobit.class);
        if (q == null) {
            throw new ParameterResolutionException("no QEMU micro:bit was started for this class");
        }
        return q;
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(NS);
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c.getStore(NS);
    }
}
