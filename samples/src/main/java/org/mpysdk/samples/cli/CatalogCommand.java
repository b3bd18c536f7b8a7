package org.mpysdk.samples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpysdk.firmware.BoardDetails;
import org.mpysdk.firmware.BoardSummary;
import org.mpysdk.firmware.CatalogBoard;
import org.mpysdk.firmware.DownloadOptions;
import org.mpysdk.firmware.Firmware;
import org.mpysdk.firmware.FirmwareCatalog;
import org.mpysdk.firmware.FirmwareChoice;
import org.mpysdk.firmware.FirmwareFile;
import org.mpysdk.firmware.Port;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mpy catalog list|show|download}: the micropython.org download pages as commands. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Browse and download MicroPython firmware from micropython.org.",
        subcommands = {CatalogCommand.ListBoards.class, CatalogCommand.Show.class, CatalogCommand.Download.class})
final class CatalogCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--offline", scope = picocli.CommandLine.ScopeType.INHERIT, description = "use only cached pages and files")
    boolean offline;

    /** Without {@code list}, {@code show} or {@code download} there is nothing to do: as a bare {@code mpy}. */
    @Override
    public Integer call() {
        return Mpy.missingSubcommand(spec, mpy.json);
    }

    FirmwareCatalog catalog() {
        return FirmwareCatalog.builder().offline(offline).build();
    }

    /** {@code mpy catalog list [--port esp32]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List boards, optionally of one port (esp32, esp8266).")
    static final class ListBoards implements Callable<Integer> {
        @ParentCommand
        CatalogCommand catalog;

        @Option(names = "--mcu-port", description = "only boards of this MicroPython port: ${COMPLETION-CANDIDATES}")
        Port port;

        @Override
        public Integer call() throws Exception {
            FirmwareCatalog c = catalog.catalog();
            List<BoardSummary> boards = port == null ? c.boards() : c.boards(port);
            if (catalog.mpy.json) {
                Output.json(boards);
            } else {
                boards.forEach(b -> System.out.printf("%-32s %s %s%n", b.id(), b.vendor(), b.product()));
            }
            return 0;
        }
    }

    /** {@code mpy catalog show BOARD}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a board: MCU, variants, releases and previews.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        CatalogCommand catalog;

        @Parameters(index = "0", paramLabel = "BOARD")
        String board;

        @Option(names = "--variant")
        String variant;

        @Override
        public Integer call() throws Exception {
            CatalogBoard b = variant == null ? catalog.catalog().board(board) : catalog.catalog().board(board).variant(variant);
            BoardDetails d = b.details();
            List<FirmwareFile> releases = b.releases();
            List<FirmwareFile> previews = b.previews();
            if (catalog.mpy.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("board", d);
                m.put("releases", releases.stream().map(f -> f.url().toString()).toList());
                m.put("previews", previews.stream().map(f -> f.url().toString()).toList());
                Output.json(m);
                return 0;
            }
            System.out.printf("%s: %s %s, MCU %s, variants %s%n", d.id(), d.vendor(), d.product(), d.mcu(), d.variants());
            System.out.println("releases:");
            releases.forEach(f -> System.out.println("  " + f.version() + "  " + f.url()));
            System.out.println("previews:");
            previews.forEach(f -> System.out.println("  " + f.version() + "  " + f.url()));
            return 0;
        }
    }

    /** {@code mpy catalog download BOARD [--version V | --preview]}. */
    @Command(name = "download", description = "Download (into the cache) and verify a firmware file.")
    static final class Download implements Callable<Integer> {
        @ParentCommand
        CatalogCommand catalog;

        @Mixin
        HelpOption help; // not the standard help options: --version is a release here

        @Parameters(index = "0", paramLabel = "BOARD")
        String board;

        @Option(names = "--variant")
        String variant;

        @Option(names = "--version")
        String version;

        @Option(names = "--preview")
        boolean preview;

        @Option(names = "--sha256", description = "refuse the file unless it has this SHA-256")
        String sha256;

        @Override
        public Integer call() throws Exception {
            FirmwareChoice choice = ImageChooser.choose(catalog.catalog().board(board), variant, version, preview);
            DownloadOptions options = DownloadOptions.defaults().withProgress(catalog.mpy.progress());
            if (sha256 != null) {
                options = options.withExpectedSha256(sha256);
            }
            Firmware fw = choice.download(options);
            if (catalog.mpy.json) {
                Output.json(Map.of("file", fw.file().toString(), "sha256", fw.sha256(), "origin", fw.origin().name(),
                        "version", fw.version().toString()));
            } else {
                System.out.println(fw + "\n  " + fw.file() + "\n  sha256 " + fw.sha256() + " (" + fw.origin() + ")");
            }
            return 0;
        }
    }
}
