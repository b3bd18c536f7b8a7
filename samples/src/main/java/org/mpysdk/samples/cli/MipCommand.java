package org.mpysdk.samples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import org.mpysdk.firmware.mip.InstallReport;
import org.mpysdk.firmware.mip.InstalledPackage;
import org.mpysdk.firmware.mip.PackageInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mpy mip install}: mpremote's {@code mip install}, resolved and downloaded on the host. */
@Command(name = "mip", mixinStandardHelpOptions = true, description = "Install MicroPython packages from micropython-lib (or another index) onto the board.",
        subcommands = MipCommand.Install.class)
final class MipCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without {@code install} there is nothing to do: as a bare {@code mpy}. */
    @Override
    public Integer call() {
        return Mpy.missingSubcommand(spec, mpy.json);
    }

    /** {@code mpy mip install [--index URL] [--target /lib] [--no-mpy] PACKAGE[@VERSION]...}. */
    @Command(name = "install", mixinStandardHelpOptions = true, description = "Install packages and their dependencies: every file is downloaded and checked "
            + "against the index's SHA-256 before the first is written; files the board already has are skipped.")
    static final class Install implements Callable<Integer> {
        @ParentCommand
        MipCommand mip;

        @Option(names = {"-i", "--index"}, paramLabel = "URL",
                description = "the package index (default " + PackageInstaller.DEFAULT_INDEX + ")")
        String index = PackageInstaller.DEFAULT_INDEX;

        @Option(names = {"-t", "--target"}, paramLabel = "DIR", description = "board folder to install into (default /lib)")
        String target = PackageInstaller.DEFAULT_TARGET;

        @Option(names = "--no-mpy", description = "install the .py sources, not the board's .mpy bytecode")
        boolean noMpy;

        @Parameters(arity = "1..*", paramLabel = "PACKAGE[@VERSION]",
                description = "a name in the index (logging, logging@0.6.2) or an http(s) URL of a package.json or .py file")
        List<String> packages;

        @Override
        public Integer call() throws Exception {
            PackageInstaller installer = PackageInstaller.builder().index(index).target(target).mpy(!noMpy).build();
            try (Board board = mip.mpy.open()) {
                InstallReport r = installer.install(board, packages.toArray(new String[0]));
                if (mip.mpy.json) {
                    Output.json(r);
                } else {
                    for (InstalledPackage p : r.packages()) {
                        System.out.printf("%s %s (%s)%n", p.name(), p.version(), variant(p.variant()));
                    }
                    System.out.printf("%d files written (%,d bytes), %d already on the board, into %s%n",
                            r.written().size(), r.bytesWritten(), r.unchanged().size(), r.target());
                }
            }
            return 0;
        }

        private static String variant(String v) {
            return v.equals("py") ? "sources" : v.matches("\\d+") ? ".mpy, bytecode v" + v : v;
        }
    }
}
