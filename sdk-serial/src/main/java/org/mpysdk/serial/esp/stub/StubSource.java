package org.mpysdk.serial.esp.stub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mpysdk.core.flash.Chip;

/**
 * Where stub flasher images come from: a directory, the classpath, or nowhere (then everything goes
 * through the ROM). Files use esptool's names ({@code esp32s3.json}, also under {@code 2/} or {@code 1/})
 * or esptool-js's ({@code stub_flasher_32s3.json}), so a copy of either project's stub folder works.
 *
 * <pre>{@code
 * StubSource src = StubSource.directory(Path.of("node_modules/esptool-js/lib/targets/stub_flasher"));
 * Optional<StubImage> stub = src.find(Chip.ESP32);
 * }</pre>
 */
public interface StubSource {
    /** System property naming a stub directory. */
    String PROPERTY = "mpysdk.stubDir";
    /** Environment variable naming a stub directory. */
    String ENVIRONMENT = "MPYSDK_STUB_DIR";
    /**
     * Classpath folder searched by {@link #systemDefault()}. Stubs in a named module of the user's are
     * found only if that module {@code opens org.mpysdk.stubs} (a class loader sees no encapsulated
     * package); on the class path or in a directory they need nothing.
     */
    String CLASSPATH_FOLDER = "org/mpysdk/stubs/";

    /**
     * @param chip the connected chip's family
     * @return the stub for {@code chip}, or empty when this source has none
     * @throws StubFormatException when a file exists but is malformed
     * @throws IOException when a file exists but cannot be read
     */
    Optional<StubImage> find(Chip chip) throws IOException;

    /** @return where this source looks, for messages */
    String describe();

    /**
     * @param chip the chip family
     * @return the file names tried for {@code chip}, in order: the folder itself, esptool's {@code 1/} before {@code 2/}
     *     (esptool 4.8's order; the {@code 2/} builds fail where {@code 1/} works), then esptool-js's
     */
    static List<String> fileNames(Chip chip) {
        String esptool = chip.idfTarget();
        String js = "stub_flasher_" + esptool.replace("esp", "").replace("8266", "8266") + ".json";
        List<String> names = new ArrayList<>();
        for (String dir : new String[] {"", "1/", "2/"}) {
            names.add(dir + esptool + ".json");
        }
        names.add(js);
        return names;
    }

    /**
     * @param dir a folder holding esptool- or esptool-js-format stub JSON files
     * @return a source reading {@code dir}
     */
    static StubSource directory(Path dir) {
        return new StubSource() {
            @Override
            public Optional<StubImage> find(Chip chip) throws IOException {
                for (String name : fileNames(chip)) {
                    Path p = dir.resolve(name);
                    if (Files.isRegularFile(p)) {
                        return Optional.of(StubImage.fromJson(Files.readString(p, StandardCharsets.UTF_8), p.toString()));
                    }
                }
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "directory " + dir;
            }
        };
    }

    /**
     * @param loader the class loader to read resources with
     * @param folder the resource folder, ending in '/', e.g. {@link #CLASSPATH_FOLDER}
     * @return a source reading resources under {@code folder} from {@code loader}
     */
    static StubSource classpath(ClassLoader loader, String folder) {
        return new StubSource() {
            @Override
            public Optional<StubImage> find(Chip chip) throws IOException {
                for (String name : fileNames(chip)) {
                    try (InputStream in = loader.getResourceAsStream(folder + name)) {
                        if (in != null) {
                            return Optional.of(StubImage.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                                    "classpath:" + folder + name));
                        }
                    }
                }
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "classpath " + folder;
            }
        };
    }

    /** @return a source without stubs: the ROM does everything */
    static StubSource none() {
        return new StubSource() {
            @Override
            public Optional<StubImage> find(Chip chip) {
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "no stub source";
            }
        };
    }

    /**
     * @param sources the sources to ask, in order; copied
     * @return a source that asks each of {@code sources} in turn and returns the first stub found
     */
    static StubSource firstOf(List<StubSource> sources) {
        List<StubSource> copy = List.copyOf(sources);
        return new StubSource() {
            @Override
            public Optional<StubImage> find(Chip chip) throws IOException {
                for (StubSource s : copy) {
                    Optional<StubImage> found = s.find(chip);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }

            @Override
            public String describe() {
                return copy.stream().map(StubSource::describe).toList().toString();
            }
        };
    }

    /**
     * @return the directory named by the {@value #PROPERTY} system property or the {@value #ENVIRONMENT}
     *     environment variable (when set), then the classpath folder {@value #CLASSPATH_FOLDER}
     */
    static StubSource systemDefault() {
        List<StubSource> sources = new ArrayList<>();
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(ENVIRONMENT);
        }
        if (dir != null && !dir.isBlank()) {
            sources.add(directory(Path.of(dir)));
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        sources.add(classpath(loader != null ? loader : StubSource.class.getClassLoader(), CLASSPATH_FOLDER));
        return firstOf(sources);
    }
}
