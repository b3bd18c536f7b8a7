package org.mpysdk.samples.cli;

import java.io.PrintStream;

/** Placeholder until the demo is wired: see DemoCommand. */
final class Demo {
    private final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    int run() {
        out.println("demo not wired yet");
        return 1;
    }
}
