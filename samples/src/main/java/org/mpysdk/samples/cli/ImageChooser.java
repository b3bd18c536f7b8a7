package org.mpysdk.samples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.FlashImageSource;
import org.mpysdk.firmware.CatalogBoard;
import org.mpysdk.firmware.Firmware;
import org.mpysdk.firmware.FirmwareCatalog;
import org.mpysdk.firmware.FirmwareChoice;
import picocli.CommandLine.Option;

/** Which image {@code mpy flash} writes: a file, or a board's release or preview from micropython.org. */
final class ImageChooser {
    @Option(names = "--file", description = "a local image, any file name: its header says which chip it is for "
            + "and where it goes (a micropython.org name also has its version and board checked)")
    Path file;

    @Option(names = "--board", description = "micropython.org board id, e.g. ESP32_GENERIC (default: the generic board for the detected chip)")
    String board;

    @Option(names = "--variant", description = "board variant, e.g. SPIRAM")
    String variant;

    @Option(names = "--version", description = "release version, e.g. 1.27.0 (default: latest release)")
    String version;

    @Option(names = "--preview", description = "the latest preview build instead of a release")
    boolean preview;

    @Option(names = "--offline", description = "use only cached firmware")
    boolean offline;

    /**
     * An image to flash and the name the summary shows for it.
     *
     * @param name the file name, with how it was placed for files named otherwise than micropython.org's
     * @param source what the flasher writes
     */
    record Chosen(String name, FlashImageSource source) {
    }

    /**
     * @param detected the chip the bootloader reported, for the default board
     * @param progress where download progress goes
     * @return the {@code --file} image, or the firmware for the chip, downloading (cached, verified) when needed
     * @throws IOException when the file cannot be used or the firmware cannot be found or downloaded
     */
    Chosen imageFor(Chip detected, org.mpysdk.core.ProgressListener progress) throws IOException {
        if (file != null) {
            return LocalImage.load(file);
        }
        FirmwareCatalog catalog = FirmwareCatalog.builder().offline(offline).build();
        CatalogBoard b = board != null ? catalog.board(board) : catalog.genericBoardFor(detected);
        Firmware fw = choose(b, variant, version, preview).download();
        return new Chosen(fw.fileName().toString(), fw);
    }

    /** @return the variant's latest release, a given release, or its latest preview, as the options say */
    static FirmwareChoice choose(CatalogBoard board, String variant, String version, boolean preview)
            throws org.mpysdk.core.BoardException {
        CatalogBoard b = variant == null ? board : board.variant(variant);
        return preview ? b.latestPreview() : version != null ? b.release(version) : b.latestRelease();
    }
}
