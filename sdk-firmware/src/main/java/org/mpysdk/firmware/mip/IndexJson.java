package org.mpysdk.firmware.mip;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code index.json} and package descriptions in micropython-lib's format (tools/build.py writes
 * them). Unknown fields are ignored, so newer indexes still read; anything of the wrong shape, a path
 * that would leave the install target, or a hash that is not hex is refused with
 * {@link MalformedPackageIndexException}, since paths and hashes end up in board paths and URLs.
 */
final class IndexJson {
    /** build.py's shortest hash prefix is 4 digits; a shorter one would prove next to nothing. */
    private static final Pattern SHORT_HASH = Pattern.compile("[0-9a-f]{4,64}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IndexJson() {
    }

    static PackageIndex index(byte[] json, String where) throws MalformedPackageIndexException {
        JsonNode root = tree(json, where);
        JsonNode packages = root.get("packages");
        if (packages == null || !packages.isArray()) {
            throw malformed(where, "has no \"packages\" list");
        }
        List<IndexEntry> entries = new ArrayList<>();
        for (JsonNode p : packages) {
            if (!p.isObject()) {
                throw malformed(where, "lists a package that is not an object: " + clip(p));
            }
            String name = text(p, "name", where, true);
            if (name.isEmpty()) {
                throw malformed(where, "lists a package with an empty name");
            }
            entries.add(new IndexEntry(name, text(p, "version", where, false), versions(p.get("versions"), name, where)));
        }
        return new PackageIndex(entries);
    }

    static PackageManifest manifest(byte[] json, String where) throws MalformedPackageIndexException {
        JsonNode root = tree(json, where);
        List<PackageManifest.HashedFile> hashes = new ArrayList<>();
        for (JsonNode pair : pairs(root, "hashes", where)) {
            String path = relativePath(pair.get(0).asText(), where);
            String hash = pair.get(1).asText().toLowerCase(Locale.ROOT);
            if (!SHORT_HASH.matcher(hash).matches()) {
                throw malformed(where, "gives " + path + " the hash '" + clip(pair.get(1)) + "', not 4 to 64 hex digits");
            }
            hashes.add(new PackageManifest.HashedFile(path, hash));
        }
        List<PackageManifest.LinkedFile> urls = new ArrayList<>();
        for (JsonNode pair : pairs(root, "urls", where)) {
            String url = pair.get(1).asText();
            if (url.isBlank()) {
                throw malformed(where, "gives " + clip(pair.get(0)) + " an empty URL");
            }
            urls.add(new PackageManifest.LinkedFile(relativePath(pair.get(0).asText(), where), url));
        }
        List<PackageRequest> deps = new ArrayList<>();
        for (JsonNode pair : pairs(root, "deps", where)) {
            String name = pair.get(0).asText();
            if (name.isBlank()) {
                throw malformed(where, "names a dependency with an empty name");
            }
            try {
                deps.add(new PackageRequest(name, pair.get(1).isNull() ? "" : pair.get(1).asText()));
            } catch (IllegalArgumentException e) {
                throw malformed(where, "names the dependency " + clip(name) + " with a bad version: " + e.getMessage());
            }
        }
        return new PackageManifest(text(root, "version", where, false), hashes, urls, deps);
    }

    /**
     * Checks a path from a package description: relative, with "/" between parts and no part that is
     * empty, "." or "..", so that {@code target + "/" + path} stays under the target.
     */
    static String relativePath(String path, String where) throws MalformedPackageIndexException {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.length() > 255) {
            throw malformed(where, "has the file path '" + clip(path) + "', not a relative path with '/' between parts");
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw malformed(where, "has a file path with a control character: '" + clip(path) + "'");
            }
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw malformed(where, "has the file path '" + clip(path) + "', which would leave the install folder");
            }
        }
        return path;
    }

    private static JsonNode tree(byte[] json, String where) throws MalformedPackageIndexException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new MalformedPackageIndexException(where + " is not valid JSON (" + e.getOriginalMessage()
                    + "); check that the index URL points at a micropython-lib style index", e);
        } catch (IOException e) {
            throw new MalformedPackageIndexException(where + " could not be read as JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw malformed(where, "is not a JSON object; check that the index URL points at a micropython-lib style index");
        }
        return root;
    }

    /** mpremote reads these as {@code for a, b in list}: each item is exactly two values. */
    private static List<JsonNode> pairs(JsonNode root, String field, String where) throws MalformedPackageIndexException {
        JsonNode list = root.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw malformed(where, "has \"" + field + "\" that is not a list");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode pair : list) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()
                    || !(pair.get(1).isTextual() || field.equals("deps") && pair.get(1).isNull())) {
                throw malformed(where, "has an entry in \"" + field + "\" that is not a pair of strings: " + clip(pair));
            }
            out.add(pair);
        }
        return out;
    }

    private static Map<String, List<String>> versions(JsonNode node, String name, String where)
            throws MalformedPackageIndexException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw malformed(where, "gives package " + name + " \"versions\" that are not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw malformed(where, "gives package " + name + " versions for " + clip(e.getKey()) + " that are not a list");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                if (!v.isTextual()) {
                    throw malformed(where, "gives package " + name + " a version that is not a string: " + clip(v));
                }
                list.add(v.asText());
            }
            out.put(e.getKey(), List.copyOf(list));
        }
        return out;
    }

    private static String text(JsonNode node, String field, String where, boolean required)
            throws MalformedPackageIndexException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw malformed(where, "has an entry without \"" + field + "\": " + clip(node));
            }
            return "";
        }
        if (!v.isTextual()) {
            throw malformed(where, "has \"" + field + "\" that is not a string: " + clip(v));
        }
        return v.asText();
    }

    private static MalformedPackageIndexException malformed(String where, String what) {
        return new MalformedPackageIndexException(where + " " + what);
    }

    /** Keeps messages readable when the input is huge or binary. */
    private static String clip(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
