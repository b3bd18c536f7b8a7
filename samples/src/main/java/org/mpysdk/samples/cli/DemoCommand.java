package org.mpysdk.samples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mpy demo}: the first run on a fresh machine, with no hardware (see {@link Demo}). */
@Command(name = "demo", description = "Flash and run MicroPython on virtual boards: no hardware needed.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return new Demo(System.out).run();
    }
}
