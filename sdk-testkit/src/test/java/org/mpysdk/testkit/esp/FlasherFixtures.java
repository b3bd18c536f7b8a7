package org.mpysdk.testkit.esp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.mpysdk.core.Transport;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.OperationScope;
import org.mpysdk.core.flash.ResetMode;
import org.mpysdk.serial.esp.EspBootloader;
import org.mpysdk.serial.esp.stub.StubSource;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.images.TestFirmware;
import org.mpysdk.testkit.internal.ForwardingTransport;
import org.mpysdk.testkit.internal.esp.EsptoolJsPackage;

/** Shared helpers of the flasher tests: images, stubs, connections, a byte-counting transport. */
final class FlasherFixtures {
    static final String STUB_HINT = "esptool-js's stub JSON files: " + EsptoolJsPackage.INSTALL_HINT
            + ", or -Dmpysdk.stubDir=DIR / MPYSDK_STUB_DIR=DIR naming a folder of esptool stub JSON files";

    private FlasherFixtures() {
    }

    /** @return the stub directory: -Dmpysdk.stubDir, MPYSDK_STUB_DIR, or esptool-js in sdk-testkit/node */
    static Optional<Path> stubDir() {
        Optional<Path> found = EsptoolJsPackage.stubDir();
        if (found.isPresent()) {
            return found;
        }
        String env = System.getenv(StubSource.ENVIRONMENT);
        if (env != null && !env.isBlank() && Files.isRegularFile(Path.of(env, "esp32.json"))) {
            return Optional.of(Path.of(env));
        }
        return Optional.empty();
    }

    /** Skips (or fails under CI) a test that needs the real stub files. */
    static Path requireStubs() {
        Optional<Path> dir = stubDir();
        Peers.require(dir.isPresent(), STUB_HINT);
        return dir.orElseThrow();
    }

    /** Connects through the ROM only (no stub), without reset. */
    static EspBootloader romOnly(Transport t) throws IOException {
        return EspBootloader.connect(t, ConnectOptions.defaults().withReset(ResetMode.NO_RESET).withStub(false),
                OperationScope.none(), StubSource.none());
    }

    /** Connects and uploads the real stub, without reset. */
    static EspBootloader withStub(Transport t, Path stubs, int baud) throws IOException {
        return EspBootloader.connect(t, ConnectOptions.defaults().withReset(ResetMode.NO_RESET).withBaud(baud),
                OperationScope.none(), StubSource.directory(stubs));
    }

    /**
     * A valid image for {@code chip} (bootloader-like header with checksum and, on the ESP32 family, an
     * appended SHA-256, built by {@link TestFirmware#espImage}), followed by {@code appBytes} of
     * compressible, realistic-looking data.
     */
    static byte[] firmware(Chip chip, int appBytes, long seed) {
        boolean ext = chip.hasExtendedHeader();
        byte[] image = TestFirmware.espImage(chip.imageChipId().orElse(-1), ext, TestFirmware.SIZE_CODE,
                new long[] {ext ? 0x3FFF0000L : 0x40100000L}, new byte[][] {payload(4096, seed)});
        byte[] out = Arrays.copyOf(image, image.length + appBytes);
        System.arraycopy(payload(appBytes, seed + 1), 0, out, image.length, appBytes);
        return out;
    }

    /** Text-like data with some randomness: compresses to roughly a third, like a firmware image. */
    static byte[] payload(int length, long seed) {
        Random r = new Random(seed);
        String[] words = {"machine", "network", "esp32", "flash", "import ", "def ", "return ", "socket", "0x4008",
            "MicroPython", "\u0000\u0000\u0000\u0000", "\u00ff\u00ff"};
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 64);
        while (out.size() < length) {
            if (r.nextInt(4) == 0) {
                byte[] noise = new byte[8];
                r.nextBytes(noise);
                out.writeBytes(noise);
            } else {
                out.writeBytes(words[r.nextInt(words.length)].getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    /** Wraps a transport and counts the bytes the host writes (to aim byte faults at a known block). */
    static class CountingTransport extends ForwardingTransport {
        private long written;

        CountingTransport(Transport inner) {
            super(inner);
        }

        synchronized long written() {
            return written;
        }

        @Override
        public void write(byte[] data, int off, int len) throws IOException {
            synchronized (this) {
                written += len;
            }
            super.write(data, off, len);
        }
    }
}
