package org.mpysdk.samples.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} alone, for the commands that cannot take picocli's standard help options because
 * their own {@code --version} (a MicroPython release) would clash with {@code -V/--version}.
 */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
