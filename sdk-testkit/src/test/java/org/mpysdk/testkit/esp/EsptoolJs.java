package org.mpysdk.testkit.esp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpysdk.testkit.internal.esp.EsptoolJsPackage;

/**
 * Test fixture: flashes an image into a {@link VirtualEsp} with Espressif's esptool-js running under
 * node, over TCP, and returns what esptool-js reported. Flasher tests use it to get a reference flash
 * content written by Espressif's own code, then compare their own result with it byte for byte.
 *
 * <pre>{@code
 * Peers.require(EsptoolJsPackage.available(), EsptoolJsPackage.INSTALL_HINT);
 * EsptoolJs.Result r = EsptoolJs.flash(esp, image, 0x1000);
 * assertEquals(r.imageMd5(), r.flashMd5());
 * }</pre>
 */
public final class EsptoolJs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EsptoolJs() {
    }

    /**
     * What esptool-js reported.
     *
     * @param chip the chip family it detected ({@code ESP32})
     * @param description its chip description ({@code ESP32-D0WD-V3 (revision 3)})
     * @param mac the MAC it read from the eFuses
     * @param flashId the JEDEC id it read through the SPI registers
     * @param stub whether it ran the stub
     * @param baud the baud rate it ended at
     * @param imageMd5 MD5 of the image file
     * @param flashMd5 MD5 the chip computed over the written region
     * @param readBackMatches whether READ_FLASH of the first 8 KiB returned the image
     * @param output everything esptool-js logged, for failure messages
     * @param writeMs milliseconds esptool-js spent in writeFlash (erase, compressed write, its MD5 check)
     * @param jobMs milliseconds from connecting to the verified write (sync, detect, stub, baud, write, MD5)
     */
    public record Result(String chip, String description, String mac, long flashId, boolean stub, int baud,
            String imageMd5, String flashMd5, boolean readBackMatches, String output, long writeMs, long jobMs) {
    }

    /** Flashes at 115200 baud with a 120 s limit. */
    public static Result flash(VirtualEsp esp, byte[] image, int offset) throws IOException, InterruptedException {
        return flash(esp, image, offset, 115200, Duration.ofSeconds(120));
    }

    /**
     * @param baud the rate esptool-js switches to after the stub starts (115200 keeps it)
     * @param timeout the bound on the whole node run
     * @throws IOException when node fails or esptool-js reports an error (the message has its log)
     */
    public static Result flash(VirtualEsp esp, byte[] image, int offset, int baud, Duration timeout)
            throws IOException, InterruptedException {
        Path dir = EsptoolJsPackage.esptoolJsDir().orElseThrow(() -> new IOException("esptool-js missing: " + EsptoolJsPackage.INSTALL_HINT));
        Path work = Files.createTempDirectory("esptool-js-run");
        Path imageFile = work.resolve("image.bin");
        Path log = work.resolve("stderr.txt");
        Files.write(imageFile, image);
        try (VirtualEspServer server = esp.serveTcp()) {
            Process node = new ProcessBuilder(List.of("node", script().toString(), dir.toString(), "127.0.0.1",
                    Integer.toString(server.port()), imageFile.toString(), Integer.toString(offset), Integer.toString(baud)))
                    .redirectError(log.toFile())
                    .start();
            byte[] out;
            try {
                if (!node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("esptool-js did not finish within " + timeout.toSeconds() + " s; its log:\n"
                            + Files.readString(log));
                }
                out = node.getInputStream().readAllBytes();
            } finally {
                node.destroyForcibly();
            }
            String stderr = Files.readString(log);
            String stdout = new String(out, StandardCharsets.UTF_8).strip();
            String last = stdout.isEmpty() ? "{}" : stdout.substring(stdout.lastIndexOf('\n') + 1);
            JsonNode json = JSON.readTree(last);
            if (node.exitValue() != 0 || json.has("error")) {
                throw new IOException("esptool-js failed (exit " + node.exitValue() + "): " + json.path("error").asText(stdout)
                        + "\n--- esptool-js log ---\n" + stderr);
            }
            return new Result(json.path("chip").asText(), json.path("description").asText(), json.path("mac").asText(),
                    json.path("flashId").asLong(), json.path("stub").asBoolean(), json.path("baud").asInt(),
                    json.path("imageMd5").asText(), json.path("flashMd5").asText(), json.path("readBackMatches").asBoolean(),
                    stderr, json.path("writeMs").asLong(), json.path("jobMs").asLong());
        } finally {
            Files.deleteIfExists(imageFile);
            Files.deleteIfExists(log);
            Files.deleteIfExists(work);
        }
    }

    private static Path script() throws IOException {
        try {
            return Path.of(EsptoolJs.class.getResource("/esptool-js/flash-virtual-esp.mjs").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("test resource esptool-js/flash-virtual-esp.mjs is missing from the classpath", e);
        }
    }
}
