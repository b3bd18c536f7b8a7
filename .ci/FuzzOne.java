import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Fuzzes one {@code @FuzzTest} method with Jazzer for a bounded time (called by {@code .ci/fuzz}, one JVM per
 * target, because Jazzer fuzzes only one {@code @FuzzTest} per JVM).
 *
 * <p>Arguments: {@code <test class> <method> <seconds> <per-input timeout seconds> <work dir>}. Jazzer's base
 * directory is the work dir, so the corpus it grows and any finding ({@code crash-*}, {@code timeout-*}) land
 * there and never in {@code src/test/resources}; the committed seeds are read from the test classpath.
 *
 * <p>Exits 0 only if the seeds passed and the fuzzing run itself finished without a finding. A finding is
 * anything the target lets escape (an assertion, an exception it does not catch as the typed refusal), an
 * input that runs longer than the timeout (libFuzzer ends the JVM with exit code 70), or a crash of the JVM.
 */
public class FuzzOne {
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: FuzzOne CLASS METHOD SECONDS TIMEOUT_SECONDS WORKDIR");
            System.exit(2);
        }
        String className = args[0];
        String method = args[1];
        Class<?> testClass = Class.forName(className);
        List<Method> named = Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(method)).collect(Collectors.toList());
        if (named.size() != 1) {
            System.err.println("expected one method " + method + " in " + className + ", found " + named.size());
            System.exit(2);
        }
        Method target = named.get(0);
        // Jazzer reads JAZZER_FUZZ once, from the environment or a system property.
        System.setProperty("JAZZER_FUZZ", "1");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(testClass, target))
                .configurationParameter("jazzer.internal.basedir", args[4])
                // libFuzzer arguments: argv0, then flags; they come last on libFuzzer's command line and win.
                .configurationParameter("jazzer.internal.arg.0", "fuzz-" + method)
                .configurationParameter("jazzer.internal.arg.1", "-max_total_time=" + args[2])
                .configurationParameter("jazzer.internal.arg.2", "-timeout=" + args[3])
                .configurationParameter("jazzer.internal.arg.3", "-print_final_stats=1")
                .build();
        List<String> failed = new ArrayList<>();
        int[] seeds = {0};
        boolean[] fuzzed = {false};
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                failed.add(id.getDisplayName() + " skipped: " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failed.add(id.getDisplayName() + ": " + result.getStatus()
                            + result.getThrowable().map(FuzzOne::compactTrace).orElse(""));
                } else if (id.isTest() && id.getDisplayName().equals("Fuzzing...")) {
                    fuzzed[0] = true;
                } else if (id.isTest()) {
                    seeds[0]++;
                }
            }
        });
        if (!fuzzed[0]) {
            failed.add("the fuzzing invocation did not run");
        }
        if (failed.isEmpty()) {
            System.out.println("FUZZ OK " + className + "#" + method + " (" + seeds[0] + " seed inputs, then "
                    + args[2] + " s of fuzzing)");
            System.exit(0);
        }
        System.out.println("FUZZ FAILED " + className + "#" + method);
        failed.forEach(f -> System.out.println("  " + f));
        System.exit(1);
    }

    /** The exception and its causes, each with its first frame and the project's frames. */
    static String compactTrace(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c == t ? " " : "\n      caused by: ").append(c);
            StackTraceElement[] frames = c.getStackTrace();
            for (int i = 0; i < frames.length; i++) {
                if (i == 0 || frames[i].getClassName().startsWith("org.mpysdk.")) {
                    sb.append("\n        at ").append(frames[i]);
                }
            }
        }
        return sb.toString();
    }
}
