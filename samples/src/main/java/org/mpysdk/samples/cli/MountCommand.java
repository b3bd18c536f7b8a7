package org.mpysdk.samples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import org.mpysdk.core.repl.Mount;
import org.mpysdk.core.repl.MountOptions;
import org.mpysdk.core.repl.Repl;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mpy mount DIR}: mpremote's {@code mount}. The board sees the local folder at {@code /remote}
 * (its working directory) while the command runs: with {@code --exec} or {@code --run} it runs that
 * code and ends; without, it opens the REPL terminal, and mounts the folder again after a soft reset
 * (Ctrl-D) there.
 */
@Command(name = "mount", mixinStandardHelpOptions = true,
        description = {"Mount a local folder on the board (at /remote, the board's working directory), then run code or open the REPL.",
            "Requests and answers are checked (CRC-32) and repeated when damaged; '..' and links out of the folder are refused."})
final class MountCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the local folder")
    Path folder;

    @Option(names = "--mount-point", paramLabel = "PATH", description = "where the folder appears on the board (default /remote)")
    String mountPoint = "/remote";

    @Option(names = "--read-only", description = "the board may only read")
    boolean readOnly;

    @Option(names = "--unsafe-links", description = "follow symbolic links that lead out of the folder")
    boolean unsafeLinks;

    @Option(names = "--timeout", description = "seconds to allow --exec or --run (default 300)")
    long timeoutSeconds = 300;

    @ArgGroup(exclusive = true)
    Then then;

    static final class Then {
        @Option(names = "--exec", paramLabel = "CODE", description = "Python code to run with the folder mounted")
        String code;

        @Option(names = "--run", paramLabel = "SCRIPT", description = "a local script to run with the folder mounted")
        Path script;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(folder)) {
            throw new ParameterException(spec.commandLine(), folder + " is not a folder: give the local folder to mount");
        }
        MountOptions options;
        try {
            options = MountOptions.defaults().withMountPoint(mountPoint).withReadOnly(readOnly).withFollowLinksOutside(unsafeLinks);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--mount-point: " + e.getMessage());
        }
        String code = then == null ? null : then.code != null ? then.code : Files.readString(then.script);
        try (Board board = mpy.open()) {
            Repl repl = board.repl();
            try (Mount mount = repl.mount(folder, options)) {
                if (code != null) {
                    return Execution.run(board, code, Duration.ofSeconds(timeoutSeconds), mpy.json);
                }
                repl.leave();
                System.err.print("mounted " + folder + " at " + mount.mountPoint() + "\r\n");
                RebootWatch reboots = new RebootWatch();
                int exit = ReplCommand.session(board.transport(), new ReplCommand.OutputFilter() {
                    @Override
                    public byte[] apply(byte[] in, int off, int len) throws java.io.IOException {
                        byte[] shown = mount.serve(in, off, len);
                        if (reboots.feed(shown)) {
                            // Ctrl-D in the terminal: mount again, as mpremote does (on this thread, the only reader).
                            mount.remount();
                            repl.leave();
                            System.err.print("\r\nremounted " + folder + " at " + mount.mountPoint() + "\r\n");
                        }
                        return shown;
                    }

                    @Override
                    public byte[] idle() throws java.io.IOException {
                        mount.idle();
                        return new byte[0];
                    }
                });
                repl.enter(); // back to the raw REPL for the unmount
                return exit;
            }
        }
    }
}
