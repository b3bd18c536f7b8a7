package org.mpysdk.serial.esp;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.mpysdk.core.Progress;
import org.mpysdk.core.Transport;
import org.mpysdk.core.flash.Bootloader;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.FlashException;
import org.mpysdk.core.flash.FlashId;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.FlashState;
import org.mpysdk.core.flash.OperationScope;
import org.mpysdk.core.flash.ResetMode;
import org.mpysdk.core.flash.chips.ChipRevision;
import org.mpysdk.core.flash.chips.Identity;
import org.mpysdk.core.flash.chips.RegisterReader;
import org.mpysdk.core.flash.chips.RomLoader;
import org.mpysdk.serial.esp.internal.targets.Target;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.stub.StubImage;
import org.mpysdk.serial.esp.stub.StubSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session with an ESP ROM loader or stub flasher over a {@link Transport}: connect (reset, sync,
 * identify, stub, baud, flash attach and id), then erase, write, read, verify and reset.
 *
 * <pre>{@code
 * try (EspBootloader esp = EspBootloader.connect(transport, ConnectOptions.defaults(), OperationScope.none())) {
 *     System.out.println(esp.chip());
 *     esp.flash(FlashImage.forChip(esp.chip().chip(), bin));
 *     esp.hardReset();
 * }
 * }</pre>
 */
public final class EspBootloader implements Bootloader {
    private static final Logger LOG = LoggerFactory.getLogger(EspBootloader.class);
    /** The rate the ROM loaders start at (they auto-baud on SYNC; a link without a line rate is taken as this). */
    public static final int ROM_BAUD = RomLoader.ROM_BAUD;

    private final EspLink link;
    private final ConnectOptions options;
    private LoaderProfile profile;
    private ChipInfo info;
    private int baud;
    /** The rate the session started at, where a chip that reset listens again. */
    private final int startBaud;
    /** Where the stub came from, to load it again after a reset. */
    private StubSource stubs = StubSource.none();
    private boolean closed;
    /** Whether an erase on this connection has changed the flash (for truthful refusals). */
    private boolean erasedEarlier;

    private EspBootloader(EspLink link, ConnectOptions options, LoaderProfile profile, int baud) {
        this.link = link;
        this.options = options;
        this.profile = profile;
        this.baud = baud;
        this.startBaud = baud;
    }

    /**
     * Connects with the default stub source ({@link StubSource#systemDefault()}, or the options' directory).
     *
     * @param transport the open link to the chip; not closed by the session
     * @param options reset strategy, attempts, stub and baud rate
     * @param scope where progress goes and cancellation comes from
     * @return the session, chip identified, stub running when asked for and available
     * @throws org.mpysdk.core.flash.BootloaderNotRespondingException when no loader answers
     * @throws IOException another {@link org.mpysdk.core.flash.FlashException} (unknown chip, stub
     *     upload refused), a timeout or a transport failure
     */
    public static EspBootloader connect(Transport transport, ConnectOptions options, OperationScope scope)
            throws IOException {
        StubSource stubs = options.stubDirectory() != null ? StubSource.directory(options.stubDirectory())
                : StubSource.systemDefault();
        return connect(transport, options, scope, stubs);
    }

    /**
     * As {@link #connect(Transport, ConnectOptions, OperationScope)} with an explicit stub source.
     *
     * @param transport the open link to the chip; not closed by the session
     * @param options reset strategy, attempts, stub and baud rate
     * @param scope where progress goes and cancellation comes from
     * @param stubs where the stub flasher images come from
     * @return the session, chip identified, stub running when asked for and available
     * @throws org.mpysdk.core.flash.BootloaderNotRespondingException when no loader answers
     * @throws IOException another {@link org.mpysdk.core.flash.FlashException}, a timeout or a transport failure
     */
    public static EspBootloader connect(Transport transport, ConnectOptions options, OperationScope scope,
            StubSource stubs) throws IOException {
        EspLink link = new EspLink(transport, scope, options.timeoutScale());
        try (EspLink.Operation op = link.operation()) {
            EspConnector.Connection c = EspConnector.connect(link, options);
            ChipDetector.Detection d = ChipDetector.detect(link);
            int baud = transport.baudRate() > 0 ? transport.baudRate() : d.target().spec().rom().baud();
            EspBootloader esp = new EspBootloader(link, options,
                    new LoaderProfile(d.target(), c.stubDetected(), d.secureDownloadMode()), baud);
            esp.start(stubs);
            return esp;
        }
    }

    private void start(StubSource stubs) throws IOException {
        this.stubs = stubs;
        Target target = profile.target();
        Chip chip = target.facts().chip();
        scope().listener().onProgress(new Progress("connect", "identify " + chip.displayName(), 0, 1));
        Identity identity = new Identity(chip.displayName(), ChipRevision.UNKNOWN);
        String mac = "";
        int crystal = 0;
        if (!profile.secureDownloadMode()) {
            RegisterReader regs = link::readReg;
            identity = target.identify(regs);
            mac = target.readMac(regs);
            crystal = target.crystalMhz(regs, baud);
        }
        stubAndBaud(chip);
        attachFlash();
        FlashId id = null;
        long size = -1;
        if (!profile.secureDownloadMode()) {
            FlashId read = SpiFlash.readId(link, target.facts().spi());
            if (read.plausible()) {
                id = read;
                size = read.sizeBytes().orElse(-1);
            } else {
                LOG.warn("the flash on {} answered RDID with 0x{}: no flash, or not attached", link.transport().name(),
                        Integer.toHexString(read.toRdid()));
            }
        }
        setFlashParameters(size);
        info = new ChipInfo(chip, identity.description(), identity.revision(), mac, crystal, id, size,
                profile.secureDownloadMode(), profile.stub());
        LOG.info("connected to {} on {} ({})", info, link.transport().name(), profile);
        scope().listener().onProgress(new Progress("connect", "identify " + chip.displayName(), 1, 1));
    }

    private void stubAndBaud(Chip chip) throws IOException {
        if (!profile.stub() && options.useStub()) {
            loadStub(stubs, chip);
        }
        if (options.baud() > 0 && options.baud() != baud) {
            changeBaud(options.baud());
        }
    }

    private void setFlashParameters(long size) throws IOException {
        if (size > 0 && profile.supportsSpiCommands()) {
            link.check("set the SPI flash parameters", Opcode.SPI_SET_PARAMS,
                    EspLink.words(0, size, 64 * 1024, 4 * 1024, 256, 0xFFFF), 0, 0, Timeouts.DEFAULT);
        }
    }

    /**
     * Connects again after the chip reset mid-session (a {@link ChipResetException}): back to the rate the
     * session started at, the reset and SYNC of the connect options, the stub and the baud rate again, the
     * flash attached and configured as before. The chip is the same one, so it is not identified again.
     *
     * @return the loader's commands on the new connection
     * @throws IOException when the chip does not come back into its loader
     */
    FlashOps reconnect() throws IOException {
        scope().listener().onProgress(new Progress("connect", "connect again after a reset", 0, 1));
        link.transport().setBaudRate(startBaud);
        baud = startBaud;
        link.clearInput();
        EspConnector.Connection c = EspConnector.connect(link, options);
        profile = new LoaderProfile(profile.target(), c.stubDetected(), profile.secureDownloadMode());
        stubAndBaud(info.chip());
        attachFlash();
        setFlashParameters(info.flashSize());
        scope().listener().onProgress(new Progress("connect", "connect again after a reset", 1, 1));
        return new FlashOps(link, profile);
    }

    /**
     * Whether a chip that stopped answering has reset. Its ROM prints the boot message at the rate the
     * session started at, so on a session that changed the rate the message arrives as noise, or not at
     * all: listen at the starting rate for one SYNC. A ROM that answers it has reset; otherwise the rate
     * is put back and nothing else changed.
     *
     * @return true when the ROM loader answers at the starting rate
     * @throws IOException when the transport fails
     */
    boolean resetSuspected() throws IOException {
        if (baud == startBaud) {
            return false;  // at this rate a reset shows its boot message (ChipResetException)
        }
        link.drain(Duration.ofMillis(50), Duration.ofMillis(500));
        link.transport().setBaudRate(startBaud);
        // A stub answers SYNC with value 0: on a link where the rate means nothing (a socket to an
        // emulator) the stub that is still running answers, and that is no reset.
        Optional<Boolean> stub = EspConnector.syncOnce(link);
        boolean rom = stub.isPresent() && !stub.get();
        if (!rom) {
            link.transport().setBaudRate(baud);
            link.clearInput();
        }
        LOG.debug("{}: {} at {}", link.transport().name(), rom ? "the ROM loader answers, so the chip reset"
                : "no ROM loader answers", startBaud);
        return rom;
    }

    /** @return the line rate now, after a {@link #reconnect} too */
    int lineBaud() {
        return baud;
    }

    private void loadStub(StubSource stubs, Chip chip) throws IOException {
        if (profile.secureDownloadMode()) {
            LOG.info("Secure Download Mode: the stub flasher cannot be loaded; using the ROM");
            return;
        }
        Optional<StubImage> stub = stubs.find(chip);
        if (stub.isEmpty()) {
            LOG.info("no stub flasher for {} in {}; using the ROM loader (slower, fewer commands)", chip,
                    stubs.describe());
            return;
        }
        scope().listener().onProgress(new Progress("connect", "upload stub", 0, 1));
        StubUploader.upload(link, stub.get());
        profile = profile.withStub();
        LOG.debug("stub {} running", stub.get().name());
    }

    private void attachFlash() throws IOException {
        if (profile.supportsSpiCommands()) {
            // The ROM takes a second word ("legacy" flag, 0); the stub only the pin configuration.
            byte[] arg = profile.stub() ? EspLink.words(0) : EspLink.words(0, 0);
            link.check("attach the SPI flash", Opcode.SPI_ATTACH, arg, 0, 0, Timeouts.DEFAULT);
        } else {
            // The ESP8266 ROM has no SPI_ATTACH: an empty FLASH_BEGIN enables the flash.
            new FlashOps(link, profile).eraseRegionlessBegin();
        }
    }

    private OperationScope scope() {
        return link.scope();
    }

    private FlashOps ops() throws FlashException {
        if (closed) {
            throw new FlashException("this bootloader session has ended (after reset or close); call "
                    + "board.bootloader() again to reconnect");
        }
        return new FlashOps(link, profile);
    }

    @Override
    public ChipInfo chip() {
        return info;
    }

    /** @return which loader answers now */
    LoaderProfile profile() {
        return profile;
    }

    /** @return the command layer (for tests and advanced use) */
    public EspLink link() {
        return link;
    }

    @Override
    public void eraseFlash() throws IOException {
        try (EspLink.Operation op = link.operation()) {
            erasedEarlier = true;  // from the first byte erased, a refused image must not claim an untouched flash
            ops().eraseAll(info.flashSize());
        }
    }

    @Override
    public void eraseRegion(long offset, long length) throws IOException {
        try (EspLink.Operation op = link.operation()) {
            erasedEarlier = true;
            ops().eraseRegion(offset, length);
        }
    }

    @Override
    public FlashResult flash(FlashImage image, FlashOptions options) throws IOException {
        try (EspLink.Operation op = link.operation()) {
            FlashResult r = new FlashWriter(ops(), info, baud,
                    erasedEarlier ? FlashState.ERASED_EARLIER : FlashState.UNTOUCHED, this).flash(image, options);
            LOG.info("{} on {}", r, link.transport().name());
            return r;
        }
    }

    @Override
    public byte[] readFlash(long offset, int length) throws IOException {
        try (EspLink.Operation op = link.operation()) {
            return FlashReader.read(ops().link(), profile, offset, length);
        }
    }

    @Override
    public byte[] md5(long offset, long length) throws IOException {
        try (EspLink.Operation op = link.operation()) {
            return ops().md5(offset, length);
        }
    }

    @Override
    public void changeBaud(int newBaud) throws IOException {
        if (newBaud <= 0) {
            throw new IllegalArgumentException("baud must be positive, got " + newBaud);
        }
        ops();
        if (!profile.supportsBaudChange()) {
            throw new UnsupportedCommandException("changing the baud rate on the " + profile
                    + " (connect with the stub flasher, or stay at " + baud + ")", Opcode.CHANGE_BAUDRATE.code());
        }
        link.check("change the baud rate to " + newBaud, Opcode.CHANGE_BAUDRATE,
                EspLink.words(newBaud, profile.stub() ? baud : 0), 0, 0, Timeouts.DEFAULT);
        link.transport().setBaudRate(newBaud);
        // The switch produces a little noise on real lines: let it pass and drop it.
        link.drain(Duration.ofMillis(10), Duration.ofMillis(50));
        baud = newBaud;
        LOG.debug("line rate now {}", newBaud);
    }

    @Override
    public int baudRate() {
        return baud;
    }

    @Override
    public void hardReset() throws IOException {
        ops();
        Transport t = link.transport();
        if (t.hasControlLines()) {
            ResetStrategy.hardReset(options.reset() == ResetMode.USB_JTAG_SERIAL).apply(t);
        } else {
            LOG.info("{} has no DTR/RTS lines: leaving the loader with its run command instead of a reset", t.name());
            runUserCode();
        }
        closed = true;
    }

    @Override
    public void runUserCode() throws IOException {
        FlashOps ops = ops();
        if (profile.stub() && profile.target().spec().stub().runsUserCode()) {
            link.send(Opcode.RUN_USER_CODE, new byte[0], 0);  // no answer: the stub jumps away
        } else {
            // FLASH_BEGIN of nothing, then FLASH_END: 1 runs the application from the ROM; the stub can only
            // reboot (0), which starts the application unless the boot pins still select download mode.
            ops.eraseRegionlessBegin();
            int flag = profile.stub() ? 0 : 1;
            link.send(Opcode.FLASH_END, EspLink.words(flag), 0);
            try {
                link.await(Opcode.FLASH_END, Duration.ofMillis(500), "leave the loader");
            } catch (IOException e) {
                LOG.debug("no answer to FLASH_END (the loader may have left first): {}", e.getMessage());
            }
        }
        closed = true;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "EspBootloader[" + link.transport().name() + ", " + profile + "]";
    }
}
