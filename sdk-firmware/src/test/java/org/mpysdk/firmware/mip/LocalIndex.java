package org.mpysdk.firmware.mip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a package index in micropython-lib's layout (what its tools/build.py writes): {@code index.json},
 * {@code package/{variant}/{name}/{version}.json} and {@code latest.json}, and {@code file/{h[:2]}/{h}}
 * with 8-digit hash prefixes. Tests fill it with packages of their own or ones read from micropython-lib
 * ({@link MicropythonLib}) at test time.
 */
final class LocalIndex {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One published version of a package in one variant. */
    record Release(String name, String version, String variant, Map<String, byte[]> files, List<List<String>> deps,
            List<List<String>> urls) {
        Release(String name, String version, String variant, Map<String, byte[]> files, List<List<String>> deps) {
            this(name, version, variant, files, deps, List.of());
        }
    }

    private final Path root;
    private final Map<String, Map<String, List<String>>> versions = new LinkedHashMap<>();
    private final Map<String, String> latest = new LinkedHashMap<>();

    LocalIndex(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Publishes a release; the last one published of a name and variant becomes its {@code latest}. */
    LocalIndex publish(Release r) throws IOException {
        List<List<String>> hashes = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : r.files().entrySet()) {
            String hash = FileDownloader.sha256(f.getValue()).substring(0, 8);
            Path file = root.resolve("file").resolve(hash.substring(0, 2)).resolve(hash);
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
            hashes.add(List.of(f.getKey(), hash));
        }
        Map<String, Object> pkg = new LinkedHashMap<>();
        pkg.put("v", 1);
        pkg.put("hashes", hashes);
        if (!r.urls().isEmpty()) {
            pkg.put("urls", r.urls());
        }
        if (!r.deps().isEmpty()) {
            pkg.put("deps", r.deps());
        }
        pkg.put("version", r.version());
        byte[] json = JSON.writeValueAsBytes(pkg);
        Path dir = root.resolve("package").resolve(r.variant()).resolve(r.name());
        Files.createDirectories(dir);
        Files.write(dir.resolve(r.version() + ".json"), json);
        Files.write(dir.resolve("latest.json"), json);
        versions.computeIfAbsent(r.name(), k -> new LinkedHashMap<>()).computeIfAbsent(r.variant(), k -> new ArrayList<>())
                .add(r.version());
        latest.put(r.name(), r.version());
        writeIndex();
        return this;
    }

    private void writeIndex() throws IOException {
        List<Map<String, Object>> packages = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<String>>> p : versions.entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.getKey());
            entry.put("version", latest.get(p.getKey()));
            entry.put("author", "");
            entry.put("description", "");
            entry.put("license", "MIT");
            entry.put("versions", p.getValue());
            packages.add(entry);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("v", 2);
        index.put("updated", 1_700_000_000);
        index.put("packages", packages);
        Files.write(root.resolve("index.json"), JSON.writeValueAsBytes(index));
    }

    /** @return the path of a file the index serves, by its content */
    Path fileFor(byte[] content) {
        String hash = FileDownloader.sha256(content).substring(0, 8);
        return root.resolve("file").resolve(hash.substring(0, 2)).resolve(hash);
    }

    static Map<String, byte[]> files(String... pathsAndSources) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndSources.length; i += 2) {
            m.put(pathsAndSources[i], pathsAndSources[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }
}
