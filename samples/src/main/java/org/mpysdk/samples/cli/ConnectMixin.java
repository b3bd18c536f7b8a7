package org.mpysdk.samples.cli;

import java.nio.file.Path;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.ResetMode;
import picocli.CommandLine.Option;

/** Options for reaching the ROM bootloader, shared by chip-info, erase and flash. */
final class ConnectMixin {
    @Option(names = "--reset", description = "how to enter the bootloader: ${COMPLETION-CANDIDATES} (default AUTO)")
    ResetMode reset = ResetMode.AUTO;

    @Option(names = "--no-stub", description = "talk to the ROM loader only (slower, always available)")
    boolean noStub;

    @Option(names = "--stub-dir", description = "folder with esptool's stub JSON files (default: bundled search path)")
    Path stubDir;

    @Option(names = "--flash-baud", description = "switch to this baud rate for flashing when the chip allows (e.g. 460800)")
    Integer flashBaud;

    @Option(names = "--timeout-scale", paramLabel = "N", description = "multiply every loader timeout by N, for slow links"
            + " (RFC 2217 or a socket across a network, an emulator on a busy host); default 1, esptool's timeouts")
    Double timeoutScale;

    ConnectOptions options() {
        ConnectOptions o = ConnectOptions.defaults().withReset(reset).withStub(!noStub);
        if (stubDir != null) {
            o = o.withStubDirectory(stubDir);
        }
        if (flashBaud != null) {
            o = o.withBaud(flashBaud);
        }
        if (timeoutScale != null) {
            o = o.withTimeoutScale(timeoutScale);
        }
        return o;
    }
}
