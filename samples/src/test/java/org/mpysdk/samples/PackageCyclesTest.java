package org.mpysdk.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SDK's packages depend on each other in one direction only: {@code jdeps} (the JDK's own
 * dependency analyser) lists which package uses which in every module's compiled classes, and no group
 * of packages may reach itself. A cycle means two packages can only be understood (and changed)
 * together; see docs/architecture.md, "Package layering", for the layers this keeps.
 */
class PackageCyclesTest {
    private static final List<String> MODULES = List.of("sdk-core", "sdk-serial", "sdk-webrepl", "sdk-firmware", "sdk-testkit", "samples");
    /** A jdeps -verbose:package line: {@code    org.a   -> org.b   module}. */
    private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.mpysdk[\\w.]*)\\s+->\\s+(org\\.mpysdk[\\w.]*)\\s");

    @Test
    void noPackageCycles() {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.keySet().containsAll(List.of("org.mpysdk", "org.mpysdk.core", "org.mpysdk.serial.esp", "org.mpysdk.firmware")),
                "jdeps should have seen the SDK's packages, saw " + graph.keySet());
        List<Set<String>> cycles = cycles(graph);
        assertEquals(List.of(), cycles, () -> "package cycles: " + cycles.stream()
                .map(c -> c + " with " + c.stream().map(p -> p + " -> " + intersect(graph.get(p), c)).collect(Collectors.joining("; ")))
                .collect(Collectors.joining("\n")));
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of()));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(graph));
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.retainAll(b);
        return out;
    }

    /** Package to the SDK packages it uses, from the compiled classes of every module. */
    private static Map<String, Set<String>> packageGraph() {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> classes = MODULES.stream().map(m -> root.resolve(m).resolve("target/classes")).toList();
        classes.forEach(c -> assertTrue(Files.isDirectory(c), c + " is not built"));
        // The SDK's own modules come from their class folders; their dependencies from this test's class
        // path, less Jazzer (two of its jars hold one package, which a module path refuses).
        String modulePath = Stream.concat(classes.stream().map(Path::toString),
                Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                        .filter(e -> e.endsWith(".jar") && !e.startsWith(root.toString()) && !Path.of(e).getFileName().toString().startsWith("jazzer")))
                .collect(Collectors.joining(File.pathSeparator));
        Map<String, Set<String>> graph = new TreeMap<>();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        for (Path c : classes) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--module-path", modulePath, "--multi-release", "17",
                    "--ignore-missing-deps", "-verbose:package", "-filter:none", c.toString());
            assertEquals(0, rc, () -> "jdeps failed on " + c + ": " + err + out);
            for (String line : out.toString().split("\n")) {
                Matcher m = EDGE.matcher(line);
                if (m.find() && !m.group(1).equals(m.group(2))) {
                    graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                    graph.computeIfAbsent(m.group(2), k -> new TreeSet<>());
                }
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components of two or more packages, each one a cycle. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }
}
