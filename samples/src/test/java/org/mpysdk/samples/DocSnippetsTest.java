package org.mpysdk.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet in the README and in docs/ compiles against the SDK as built: a snippet that
 * declares a class is compiled as a file, any other as the body of a method; both with the imports a
 * reader would add (the SDK's public packages, java.io/nio/time/util, JUnit). Snippets are documentation,
 * so they are compiled, not run: most need a board.
 */
class DocSnippetsTest {
    private static final Pattern SNIPPET = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = String.join("\n",
            "import java.io.*;", "import java.nio.file.*;", "import java.time.*;", "import java.util.*;",
            "import java.util.concurrent.*;", "import java.nio.charset.StandardCharsets;",
            "import static java.nio.charset.StandardCharsets.UTF_8;",
            "import org.mpysdk.*;", "import org.mpysdk.core.*;", "import org.mpysdk.core.repl.*;", "import org.mpysdk.core.flash.*;",
            "import org.mpysdk.serial.*;", "import org.mpysdk.serial.esp.*;",
            "import org.mpysdk.webrepl.*;", "import org.mpysdk.firmware.*;", "import org.mpysdk.firmware.mip.*;",
            "import org.mpysdk.serial.esp.protocol.*;",
            "import org.mpysdk.testkit.*;", "import org.mpysdk.testkit.micropython.*;", "import org.mpysdk.testkit.esp.*;",
            "import org.mpysdk.testkit.qemu.*;", "import org.mpysdk.testkit.webrepl.*;",
            "import org.junit.jupiter.api.*;", "import org.junit.jupiter.api.extension.*;", "import static org.junit.jupiter.api.Assertions.*;", "");

    /**
     * What snippets take as given, as a reader would from the text around them: fields, so that a snippet
     * declaring its own variable of the same name shadows them.
     */
    private static final String GIVENS = String.join("\n",
            "Board board; Repl repl; BoardFiles fs; Bootloader esp; FirmwareCatalog catalog; CatalogBoard b;",
            "byte[] bin, bootloader, partitions, app, image, bytes, boot, parts; okhttp3.OkHttpClient myOkHttpClient; QemuMicrobit qemu;", "");

    record Snippet(Path file, int index, int line, String code) {
        String name() {
            return file.getFileName() + " #" + index + " (line " + line + ")";
        }
    }

    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> everySnippetCompiles() throws IOException {
        List<Snippet> snippets = snippets();
        assertTrue(snippets.size() >= 10, "found only " + snippets.size() + " snippets; is the working directory the module?");
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> compile(s)));
    }

    private static List<Snippet> snippets() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> out = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher m = SNIPPET.matcher(text);
            int i = 0;
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                out.add(new Snippet(f, ++i, line, m.group(1)));
            }
        }
        return out;
    }

    private void compile(Snippet s) {
        String cls = "Snippet_" + s.file().getFileName().toString().replaceAll("\\W", "_") + "_" + s.index();
        String source;
        String code = s.code();
        if (Pattern.compile("^(public\\s+)?(final\\s+)?(class|record|interface)\\s", Pattern.MULTILINE).matcher(code).find()
                || code.contains("\n@")) {
            source = IMPORTS + code;
            Matcher named = Pattern.compile("(?:class|record|interface)\\s+(\\w+)").matcher(code);
            cls = named.find() ? named.group(1) : cls;
        } else {
            source = IMPORTS + "class " + cls + " {\n" + GIVENS + "@SuppressWarnings(\"unused\")\nvoid snippet() throws Exception {\n"
                    + code + "\n}\n}\n";
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String name = cls;
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, null, diagnostics,
                List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
                null, List.of(file)).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder(s.name() + " does not compile:\n");
            long offset = IMPORTS.lines().count() + (source.contains(GIVENS) ? GIVENS.lines().count() + 3 : 0);
            diagnostics.getDiagnostics().forEach(d -> sb.append("  line ").append(d.getLineNumber() - offset)
                    .append(": ").append(d.getMessage(null)).append('\n'));
            fail(sb.toString());
        }
    }
}
