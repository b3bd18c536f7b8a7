package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help as esptool and mpremote give it: {@code CMD --help}, {@code CMD -h}, {@code mpy help CMD}; a bare {@code mpy} is a usage error. */
class CliHelpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void flashAndExecTakeHelp(String flag) {
        CliRun flash = CliRun.of("flash", flag);
        assertEquals(0, flash.exitCode(), flash.stderr());
        assertTrue(flash.stdout().contains("Usage: mpy flash"), flash.stdout());
        assertTrue(flash.stdout().contains("--version"), "flash's own --version (a release) stays: " + flash.stdout());
        CliRun exec = CliRun.of("exec", flag);
        assertEquals(0, exec.exitCode(), exec.stderr());
        assertTrue(exec.stdout().contains("Usage: mpy exec"), exec.stdout());
    }

    @Test
    void helpCommandShowsASubcommandsHelp() {
        CliRun run = CliRun.of("help", "flash");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("Usage: mpy flash"), run.stdout());
    }

    @Test
    void everyCommandAndSubcommandTakesHelp() {
        List<String[]> failures = new ArrayList<>();
        for (String[] path : commandPaths(new CommandLine(new Mpy()), new ArrayList<>())) {
            String[] args = java.util.Arrays.copyOf(path, path.length + 1);
            args[path.length] = "--help";
            CliRun run = CliRun.of(args);
            if (run.exitCode() != 0 || !run.stdout().contains("Usage: mpy")) {
                failures.add(args);
            }
        }
        assertTrue(failures.isEmpty(), () -> "no help: " + failures.stream().map(a -> String.join(" ", a)).toList());
    }

    @Test
    void bareMpyPrintsUsageOnStderrAndExitsTwo() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("Usage: mpy"), run.stderr());
    }

    @Test
    void bareCatalogIsAUsageErrorToo() {
        CliRun run = CliRun.of("catalog");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("Usage: mpy catalog"), run.stderr());
    }

    @Test
    void aUsageErrorWithJsonIsOneJsonObjectOnStdout() throws Exception {
        CliRun run = CliRun.of("--json", "flash", "--bogus");
        assertEquals(2, run.exitCode());
        JsonNode error = JSON.readTree(run.stdout());
        assertTrue(error.get("error").asText().contains("--bogus"), run.stdout());
        assertEquals("usage", error.get("type").asText());
        assertEquals(2, error.get("exitCode").asInt());
        assertEquals("", run.stderr());
    }

    private static List<String[]> commandPaths(CommandLine cli, List<String> prefix) {
        List<String[]> paths = new ArrayList<>();
        for (var sub : cli.getSubcommands().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(sub.getKey());
            if (!sub.getKey().equals("help")) { // 'help --help' is picocli's own
                paths.add(path.toArray(new String[0]));
            }
            paths.addAll(commandPaths(sub.getValue(), path));
        }
        return paths;
    }
}
