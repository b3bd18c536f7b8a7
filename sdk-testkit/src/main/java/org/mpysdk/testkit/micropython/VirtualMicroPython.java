package org.mpysdk.testkit.micropython;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a fresh virtual board running the real MicroPython interpreter: declare a
 * {@link org.mpysdk.Board} (or {@link MicroPythonTransport}) parameter. The first board in a JVM
 * takes a few hundred milliseconds, each further one tens of milliseconds; each is closed after its test.
 *
 * <pre>{@code
 * @VirtualMicroPython
 * class MyDeviceScriptTest {
 *     @Test void adds(Board board) throws IOException {
 *         assertEquals("3", board.repl().eval("1 + 2"));
 *     }
 * }
 * }</pre>
 *
 * <p>When MicroPython's wasm is missing the test is skipped (it fails under {@code CI=true}), with a
 * message saying how to get it. Run tests with {@code -XX:-DontCompileHugeMethods} (Surefire
 * {@code argLine}) for full speed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(VirtualMicroPythonExtension.class)
public @interface VirtualMicroPython {
}
