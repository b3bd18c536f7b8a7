package org.mpysdk.serial.esp.stub;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A stub flasher in esptool's JSON format: code ({@code text}) and initialised data ({@code data}),
 * each with its RAM load address, and the entry point.
 *
 * <pre>{@code
 * StubImage stub = StubImage.fromJson(Files.readString(Path.of("esp32.json")), "esp32.json");
 * }</pre>
 *
 * @param name where it came from, for messages
 * @param entry the entry point address
 * @param text the code segment
 * @param textStart where the code loads
 * @param data the data segment, or an empty array when the stub has none
 * @param dataStart where the data loads (ignored without data)
 */
public record StubImage(String name, long entry, byte[] text, long textStart, byte[] data, long dataStart) {
    /**
     * Copies the arrays.
     *
     * @param name where it came from, for messages
     * @param entry the entry point address
     * @param text the code segment, copied
     * @param textStart where the code loads
     * @param data the data segment, copied; null means none
     * @param dataStart where the data loads
     * @throws NullPointerException when {@code text} is null
     */
    public StubImage {
        text = text.clone();
        data = data == null ? new byte[0] : data.clone();
    }

    /**
     * Parses esptool's (and esptool-js's) stub JSON: {@code entry}, {@code text} (base64),
     * {@code text_start}, optional {@code data} (base64) with {@code data_start}; other fields are ignored.
     *
     * @param json the file's content
     * @param name where it came from (a path or classpath name), for messages
     * @return the stub's segments and entry point
     * @throws StubFormatException when the JSON is malformed or a field is missing or of the wrong type
     */
    public static StubImage fromJson(String json, String name) throws StubFormatException {
        Object root;
        try {
            root = JSON.std.anyFrom(json);
        } catch (IOException | RuntimeException e) {
            // jackson-jr reports malformed JSON (and nesting beyond its limit) as IOExceptions.
            throw new StubFormatException("stub " + name + " is not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new StubFormatException("stub " + name + " is not a JSON object");
        }
        long entry = address(map, "entry", name);
        byte[] text = base64(map, "text", name).orElseThrow(
                () -> new StubFormatException("stub " + name + " has no 'text' (the code segment)"));
        long textStart = address(map, "text_start", name);
        Optional<byte[]> data = base64(map, "data", name);
        long dataStart = data.isPresent() ? address(map, "data_start", name) : 0;
        if (text.length == 0) {
            throw new StubFormatException("stub " + name + " has an empty 'text' segment");
        }
        return new StubImage(name, entry, text, textStart, data.orElse(new byte[0]), dataStart);
    }

    private static long address(Map<?, ?> map, String key, String name) throws StubFormatException {
        Object v = map.get(key);
        // jackson-jr gives an Integer or a Long for a whole number, depending on its size.
        long l = v instanceof Integer i ? i : v instanceof Long x ? x : -1;
        if (l < 0 || l > 0xFFFF_FFFFL) {
            throw new StubFormatException("stub " + name + ": '" + key + "' must be a 32-bit address, found "
                    + (v == null ? "nothing" : v));
        }
        return l;
    }

    private static Optional<byte[]> base64(Map<?, ?> map, String key, String name) throws StubFormatException {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new StubFormatException("stub " + name + ": '" + key + "' must be a base64 string");
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            throw new StubFormatException("stub " + name + ": '" + key + "' is not base64 (" + e.getMessage() + ")");
        }
    }

    /** @return a copy of the code segment */
    @Override
    public byte[] text() {
        return text.clone();
    }

    /** @return a copy of the data segment, empty when the stub has none */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public String toString() {
        return String.format("StubImage[%s, text %d bytes @0x%08X, data %d bytes @0x%08X, entry 0x%08X]", name,
                text.length, textStart, data.length, dataStart, entry);
    }
}
