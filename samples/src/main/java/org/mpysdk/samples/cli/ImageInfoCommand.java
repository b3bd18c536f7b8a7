package org.mpysdk.samples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.EspAppDescriptor;
import org.mpysdk.core.flash.EspImageHeader;
import org.mpysdk.core.flash.EspSegment;
import org.mpysdk.core.flash.FlashMode;
import org.mpysdk.core.flash.FlashSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mpy image-info FILE}: esptool's {@code image_info} for the ESP image at the start of a file
 * (or after the 0xFF padding of a merged file): chip, flash mode, size and frequency, entry point,
 * segments, checksum, appended SHA-256 and, for an ESP-IDF application, its app description. No board
 * is needed. Exits 1 when the checksum or the digest does not match: the image would not boot.
 */
@Command(name = "image-info", mixinStandardHelpOptions = true,
        description = "Show an ESP image's header, segments, checksum, SHA-256 and app description (esptool image_info).")
final class ImageInfoCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Parameters(index = "0", paramLabel = "FILE", description = "an ESP image: .bin, bootloader, application or merged file")
    Path file;

    @Override
    public Integer call() throws Exception {
        byte[] data = Files.readAllBytes(file);
        int at = LocalImage.bootloaderAt(data);
        EspImageHeader h;
        try {
            h = at == 0 ? EspImageHeader.parse(data) : EspImageHeader.parse(data, at, true);
        } catch (org.mpysdk.core.flash.MalformedImageException e) {
            throw new org.mpysdk.core.flash.MalformedImageException(file + " is not an ESP image: " + e.getMessage());
        }
        Map<String, Object> info = describe(data, h);
        String broken = !h.checksumValid() ? "its checksum does not match its segments"
                : !h.hashValid() ? "its appended SHA-256 does not match its content" : null;
        if (broken != null) {
            info.put("error", file + ": " + broken + "; the chip would refuse to boot it");
        }
        if (mpy.json) {
            Output.json(info); // the one document on stdout; "error" in it says what is wrong
        } else {
            print(data.length, info);
            if (broken != null) {
                System.err.println("error: " + info.get("error"));
            }
        }
        return broken == null ? 0 : Mpy.EXIT_FAILED;
    }

    /** What there is to say about the image, in esptool's terms; also the {@code --json} document. */
    static Map<String, Object> describe(byte[] data, EspImageHeader h) {
        Optional<Chip> chip = h.chip();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileBytes", data.length);
        m.put("imageOffset", h.start());
        m.put("chip", chip.map(Chip::displayName).orElse("unknown chip id " + h.chipId()));
        m.put("chipId", h.extended() ? h.chipId() : null);
        m.put("entry", hex(h.entry()));
        m.put("flashMode", FlashMode.values()[h.flashMode()].name());
        long size = h.declaredFlashSize();
        m.put("flashSize", size > 0 ? FlashSizes.argument(size) : String.format("invalid (code 0x%x)", h.flashSizeCode()));
        m.put("flashFreq", chip.flatMap(c -> c.flashFreqName(h.flashFreqCode()))
                .orElse(String.format("invalid (code 0x%x)", h.flashFreqCode())));
        if (h.extended()) {
            m.put("minChipRevision", revision(h.minRevFull()));
            m.put("maxChipRevision", revision(h.maxRevFull()));
        }
        List<Map<String, Object>> segments = new ArrayList<>();
        for (EspSegment s : h.segments()) {
            Map<String, Object> seg = new LinkedHashMap<>();
            seg.put("length", s.length());
            seg.put("loadAddress", hex(s.loadAddress()));
            seg.put("fileOffset", hex(s.dataOffset()));
            segments.add(seg);
        }
        m.put("segments", segments);
        m.put("checksum", String.format("0x%02x", h.storedChecksum()));
        m.put("checksumValid", h.checksumValid());
        m.put("checksumComputed", String.format("0x%02x", h.checksum()));
        m.put("sha256Appended", h.hashAppended());
        if (h.hashAppended()) {
            m.put("sha256", sha256(data, h.start(), h.dataLength()));
            m.put("sha256Valid", h.hashValid());
        }
        EspAppDescriptor.find(data, h).ifPresent(d -> {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("projectName", d.projectName());
            app.put("version", d.version());
            app.put("compiled", d.compileDate() + " " + d.compileTime());
            app.put("idfVersion", d.idfVersion());
            app.put("elfSha256", d.elfSha256());
            app.put("secureVersion", d.secureVersion());
            app.put("minEfuseBlockRevision", revision(d.minEfuseBlockRevision()).substring(1));
            app.put("maxEfuseBlockRevision", revision(d.maxEfuseBlockRevision()).substring(1));
            app.put("mmuPageSize", d.mmuPageSize() == 0 ? null : FlashSizes.argument(d.mmuPageSize()));
            m.put("app", app);
        });
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void print(int fileBytes, Map<String, Object> m) {
        System.out.printf("Image size: %d bytes%n", fileBytes);
        if ((int) m.get("imageOffset") != 0) {
            System.out.printf("Image at file offset 0x%x, after 0xFF padding (a merged file for flash 0x0)%n", m.get("imageOffset"));
        }
        System.out.println("Detected image type: " + m.get("chip"));
        System.out.println("Entry point: " + m.get("entry"));
        List<Map<String, Object>> segments = (List<Map<String, Object>>) m.get("segments");
        System.out.println("Segments: " + segments.size());
        System.out.println("Flash size: " + m.get("flashSize"));
        System.out.println("Flash freq: " + m.get("flashFreq"));
        System.out.println("Flash mode: " + m.get("flashMode"));
        if (m.get("chipId") != null) {
            System.out.printf("Chip ID: %s (%s)%n", m.get("chipId"), m.get("chip"));
            System.out.printf("Chip revision: %s to %s%n", m.get("minChipRevision"), m.get("maxChipRevision"));
        }
        System.out.printf("%nSegment   Length  Load addr   File offs%n");
        for (int i = 0; i < segments.size(); i++) {
            Map<String, Object> s = segments.get(i);
            System.out.printf("%7d  %7d  %10s  %10s%n", i, s.get("length"), s.get("loadAddress"), s.get("fileOffset"));
        }
        System.out.println();
        System.out.println("Checksum: " + m.get("checksum") + ((boolean) m.get("checksumValid") ? " (valid)"
                : " (invalid - calculated " + m.get("checksumComputed") + ")"));
        if ((boolean) m.get("sha256Appended")) {
            System.out.println("Validation hash: " + m.get("sha256") + ((boolean) m.get("sha256Valid") ? " (valid)" : " (invalid)"));
        } else {
            System.out.println("Validation hash: not appended");
        }
        Map<String, Object> app = (Map<String, Object>) m.get("app");
        if (app != null) {
            System.out.println();
            System.out.println("Application information");
            System.out.println("Project name: " + app.get("projectName"));
            System.out.println("App version: " + app.get("version"));
            System.out.println("Compile time: " + app.get("compiled"));
            System.out.println("ELF file SHA256: " + app.get("elfSha256"));
            System.out.println("ESP-IDF: " + app.get("idfVersion"));
            System.out.println("Minimal eFuse block revision: " + app.get("minEfuseBlockRevision"));
            System.out.println("Maximal eFuse block revision: " + app.get("maxEfuseBlockRevision"));
            if (app.get("mmuPageSize") != null) {
                System.out.println("MMU page size: " + app.get("mmuPageSize"));
            }
            System.out.println("Secure version: " + app.get("secureVersion"));
        }
    }

    private static String hex(long n) {
        return String.format("0x%08x", n);
    }

    private static String revision(int full) {
        return "v" + full / 100 + "." + full % 100;
    }

    /** The digest the image's own SHA-256 field should hold: over the image up to and including its checksum byte. */
    private static String sha256(byte[] data, int start, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, start, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
