package org.mpysdk.testkit.esp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.serial.esp.protocol.CommandPacket;
import org.mpysdk.serial.esp.protocol.EspProtocolException;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.protocol.ResponsePacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The behaviour of the chip's serial loader: the ROM's until a flasher stub is uploaded and started,
 * the stub's after it sends "OHAI". One engine per chip keeps its state across connections; one
 * connection at a time drives it through {@link #serve(ChipLine)}.
 *
 * <p>Behaviour follows Espressif's serial-protocol documentation and esptool; the stub behaviour follows
 * esp-flasher-stub, the stub esptool-js ships: it acknowledges a data block first and writes it while the
 * next one arrives, so a write error is reported in the answer to the next command; it answers SYNC
 * eight times with value 0; its status is two bytes holding a 16-bit code such as 0xC100, big-endian.
 */
final class LoaderEngine {
    private static final Logger LOG = LoggerFactory.getLogger(LoaderEngine.class);
    /** The value field of the ROM's SYNC answers (the SYNC pattern's first word); the stub answers 0. */
    static final int ROM_SYNC_VALUE = 0x20120707;
    /** The opcode VirtualEsp puts in the ROM's "invalid message" answer to an unknown command (not an echo). */
    static final int UNSUPPORTED_REPLY_OPCODE = 0x00;
    private static final int SYNC_ANSWERS = 8;
    private static final int UNSUPPORTED_REPEATS = 8;
    private static final long READ_FLASH_ACK_TIMEOUT_MS = 10_000;
    private static final int MAX_READ_PACKET = 4096;
    private static final byte[] OHAI = "OHAI".getBytes(StandardCharsets.US_ASCII);
    private static final Set<Opcode> SECURE_DOWNLOAD_ALLOWED = EnumSet.of(Opcode.SYNC, Opcode.SPI_ATTACH,
            Opcode.SPI_SET_PARAMS, Opcode.CHANGE_BAUDRATE, Opcode.FLASH_BEGIN, Opcode.FLASH_DATA, Opcode.FLASH_END,
            Opcode.GET_SECURITY_INFO);

    /** A reset requested through the control lines or by the chip itself. */
    record ResetEvent(boolean downloadMode) {
    }

    private final VirtualEsp chip;
    private final ChipProfile profile;
    private final NorFlash flash;
    private final EspRegisters registers;
    private final LineClock clock;
    private final FaultState faults;
    private final List<int[]> ram = new ArrayList<>();
    private volatile EspMode mode;
    private volatile int baud;
    private volatile boolean baudFixed;
    private boolean synced;
    private boolean attached;
    private FlashWrite write;
    private MemUpload mem;
    private int pendingStubError;
    private int[] spiParams = new int[0];
    private ChipLine line;

    LoaderEngine(VirtualEsp chip, EspMode initialMode) {
        this.chip = chip;
        this.profile = chip.profile();
        this.flash = chip.flash();
        this.clock = chip.config().clock();
        this.faults = chip.faultState();
        this.mode = initialMode;
        this.baud = chip.config().baud();
        this.registers = new EspRegisters(profile, flash.size(), this::currentBaud);
    }

    EspMode mode() {
        return mode;
    }

    int baud() {
        return baud;
    }

    int[] spiParams() {
        return spiParams.clone();
    }

    EspRegisters registers() {
        return registers;
    }

    private int currentBaud() {
        ChipLine l = line;
        return l == null ? baud : l.effectiveBaud();
    }

    /**
     * Runs the loader on one connection until the host goes away.
     *
     * @param greet whether to print the ROM's boot text first (the chip was just reset into download mode)
     */
    void serve(ChipLine line, boolean greet) throws InterruptedException {
        this.line = line;
        if (baudFixed) {
            line.setBaud(baud);
        } else {
            line.resetBaud(baud);
        }
        try {
            if (greet && mode == EspMode.ROM_LOADER) {
                line.sendText(bytes(profile.downloadBootText()), profile.bootBaud());
            }
            while (true) {
                Object item = line.next(200);
                if (item == null) {
                    continue;
                }
                if (item instanceof ResetEvent r) {
                    reset(r.downloadMode());
                } else if (item instanceof byte[] frame) {
                    handle(frame);
                }
            }
        } catch (TransportClosedException e) {
            LOG.debug("virtual {} lost its host: {}", profile.name(), e.getMessage());
        } catch (IOException e) {
            LOG.debug("virtual {} could not answer: {}", profile.name(), e.toString());
        } finally {
            this.line = null;
        }
    }

    /** Resets the chip: the stub, the flash session and the baud rate are gone; it boots into {@code download} mode or the app. */
    void reset(boolean download) throws IOException, InterruptedException {
        if (write != null) {
            write.close();
        }
        write = null;
        mem = null;
        ram.clear();
        pendingStubError = 0;
        attached = false;
        synced = false;
        baudFixed = false;
        baud = chip.config().baud();
        mode = download ? EspMode.ROM_LOADER : EspMode.APPLICATION;
        ChipLine l = line;
        if (l != null) {
            l.dropPending();
            l.resetBaud(baud);
            String text = download ? profile.downloadBootText()
                    : profile.appBootText() + chip.config().applicationOutput();
            l.sendText(bytes(text), profile.bootBaud());
        }
    }

    private void handle(byte[] frame) throws IOException, InterruptedException {
        switch (mode) {
            case APPLICATION -> {
                line.sendText(bytes(chip.config().applicationOutput()), currentBaud());
                return;
            }
            case HALTED -> {
                return;
            }
            default -> {
                // the loaders below
            }
        }
        if (chip.heldInReset()) {
            return;
        }
        boolean stub = mode == EspMode.STUB;
        if (frame.length < CommandPacket.HEADER || frame[0] != 0x00) {
            // The ROM drops what is not a command; the stub answers with its "invalid command" code.
            if (stub) {
                replyStub(frame.length > 1 ? frame[1] & 0xFF : 0, Refusal.STUB_INVALID_COMMAND, null, 0);
            }
            return;
        }
        int op = frame[1] & 0xFF;
        int size = (frame[2] & 0xFF) | (frame[3] & 0xFF) << 8;
        chip.record(op);
        if (faults.dropCommand(op)) {
            return;
        }
        if (size != frame.length - CommandPacket.HEADER) {
            replyError(op, new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_DATA_LEN,
                    "size field " + size + " but " + (frame.length - CommandPacket.HEADER) + " data bytes"));
            return;
        }
        if (!stub && !synced && op != Opcode.SYNC.code()) {
            // Until a SYNC has set the baud rate the ROM cannot read anything the host sends.
            return;
        }
        if (stub && pendingStubError != 0) {
            int code = pendingStubError;
            pendingStubError = 0;
            replyStub(op, code, null, 0);
            return;
        }
        CommandPacket cmd;
        try {
            cmd = CommandPacket.decode(frame);
        } catch (EspProtocolException e) {
            unknown(op);
            return;
        }
        Opcode opcode = cmd.opcode();
        if (!stub && (!profile.romOpcodes().contains(opcode)
                || chip.config().secureDownloadMode() && !SECURE_DOWNLOAD_ALLOWED.contains(opcode))) {
            unknown(op);
            return;
        }
        if (stub && opcode == Opcode.READ_FLASH_SLOW) {
            unknown(op);
            return;
        }
        try {
            dispatch(opcode, cmd, stub);
        } catch (Refusal r) {
            LOG.debug("virtual {} refuses {}: {}", profile.name(), opcode, r.getMessage());
            replyError(op, r);
        }
    }

    private void dispatch(Opcode op, CommandPacket cmd, boolean stub) throws Refusal, IOException, InterruptedException {
        byte[] d = cmd.data();
        switch (op) {
            case SYNC -> sync(d, stub);
            case READ_REG -> {
                need(d, 4);
                reply(op, registers.read(u32(d, 0)), new byte[0]);
            }
            case WRITE_REG -> writeReg(d);
            case SPI_ATTACH -> {
                if (d.length != 4 && (stub || d.length != 8)) {
                    throw lengthRefusal(d.length);
                }
                attached = true;
                ok(op);
            }
            case SPI_SET_PARAMS -> {
                need(d, 24);
                spiParams = new int[] {u32(d, 0), u32(d, 4), u32(d, 8), u32(d, 12), u32(d, 16), u32(d, 20)};
                ok(op);
            }
            case CHANGE_BAUDRATE -> changeBaud(d);
            case GET_SECURITY_INFO -> securityInfo(d, stub);
            case MEM_BEGIN -> memBegin(d);
            case MEM_DATA -> memData(cmd, stub);
            case MEM_END -> memEnd(d, stub);
            case FLASH_BEGIN -> flashBegin(d, false, stub);
            case FLASH_DEFL_BEGIN -> flashBegin(d, true, stub);
            case FLASH_DATA -> flashData(cmd, false, stub);
            case FLASH_DEFL_DATA -> flashData(cmd, true, stub);
            case FLASH_END, FLASH_DEFL_END -> flashEnd(op, d, stub);
            case SPI_FLASH_MD5 -> md5(d, stub);
            case READ_FLASH_SLOW -> readFlashSlow(d);
            case ERASE_FLASH -> {
                flash.eraseAll();
                clock.sleep(chip.config().chipEraseNanos());
                ok(op);
            }
            case ERASE_REGION -> eraseRegion(d);
            case READ_FLASH -> readFlash(d);
            case RUN_USER_CODE -> {
                // No answer: the stub jumps to the application.
                reset(false);
            }
            default -> unknown(op.code());
        }
    }

    private void sync(byte[] d, boolean stub) throws Refusal, IOException, InterruptedException {
        if (!isSyncPattern(d)) {
            if (stub) {
                throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_DATA_LEN, "not the SYNC pattern");
            }
            return; // the ROM's auto-baud does not lock onto anything else
        }
        synced = true;
        int value = stub ? 0 : ROM_SYNC_VALUE;
        for (int i = 0; i < SYNC_ANSWERS; i++) {
            reply(Opcode.SYNC, value, new byte[0]);
        }
    }

    private static boolean isSyncPattern(byte[] d) {
        if (d.length != 36 || d[0] != 0x07 || d[1] != 0x07 || d[2] != 0x12 || d[3] != 0x20) {
            return false;
        }
        for (int i = 4; i < 36; i++) {
            if (d[i] != 0x55) {
                return false;
            }
        }
        return true;
    }

    private void writeReg(byte[] d) throws Refusal, IOException, InterruptedException {
        if (d.length == 0 || d.length % 16 != 0) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_NOT_ENOUGH_DATA,
                    "WRITE_REG takes groups of 16 bytes, got " + d.length);
        }
        for (int i = 0; i < d.length; i += 16) {
            long delayUs = u32(d, i + 12) & 0xFFFFFFFFL;
            clock.sleep(Math.min(delayUs, 1_000_000) * 1000);
            registers.write(u32(d, i), u32(d, i + 4), u32(d, i + 8));
        }
        ok(Opcode.WRITE_REG);
    }

    private void changeBaud(byte[] d) throws Refusal, IOException, InterruptedException {
        need(d, 8);
        int newBaud = u32(d, 0);
        if (newBaud <= 0) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_DATA_LEN, "baud rate " + newBaud);
        }
        baud = newBaud;
        baudFixed = true;
        chip.baudChanged(newBaud);
        // The answer still goes out at the old rate; both sides switch after it.
        ok(Opcode.CHANGE_BAUDRATE);
        line.setBaud(newBaud);
    }

    private void securityInfo(byte[] d, boolean stub) throws Refusal, IOException, InterruptedException {
        if (!profile.hasSecurityInfo()) {
            // Only the stub gets here (the ROM answered "unsupported" already): esp-flasher-stub says "not implemented".
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_NOT_IMPLEMENTED, "no security info on " + profile.name());
        }
        need(d, 0);
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        int flags = chip.config().secureDownloadMode() ? 1 << 2 : 0;
        b.putInt(flags).put((byte) 0).put(new byte[7]).putInt(profile.chipId()).putInt(0);
        byte[] payload = new byte[profile.securityInfoLength()];
        System.arraycopy(b.array(), 0, payload, 0, payload.length);
        reply(Opcode.GET_SECURITY_INFO, 0, payload);
    }

    private void memBegin(byte[] d) throws Refusal, IOException, InterruptedException {
        need(d, 16);
        mem = new MemUpload(u32(d, 0), u32(d, 12));
        ok(Opcode.MEM_BEGIN);
    }

    private void memData(CommandPacket cmd, boolean stub) throws Refusal, IOException, InterruptedException {
        byte[] d = cmd.data();
        if (d.length < 16) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_NOT_ENOUGH_DATA, "MEM_DATA without its 16-byte header");
        }
        if (mem == null) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_NOT_IN_FLASH_MODE, "MEM_DATA without MEM_BEGIN");
        }
        int len = u32(d, 0);
        int seq = u32(d, 4);
        if (len != d.length - 16 || len > mem.remaining) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_TOO_MUCH_DATA,
                    "MEM_DATA says " + len + " bytes, carries " + (d.length - 16) + ", " + mem.remaining + " expected at most");
        }
        if (!stub && CommandPacket.checksumOf(d, 16, len) != (cmd.checksum() & 0xFF)) {
            throw new Refusal(Refusal.ROM_BAD_CHECKSUM, Refusal.STUB_BAD_CHECKSUM, "MEM_DATA checksum mismatch");
        }
        if (!stub && seq != mem.nextSeq) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_DATA_LEN,
                    "MEM_DATA sequence " + seq + ", expected " + mem.nextSeq);
        }
        ram.add(new int[] {mem.address, len});
        mem.address += len;
        mem.remaining -= len;
        mem.nextSeq++;
        ok(Opcode.MEM_DATA);
    }

    private void memEnd(byte[] d, boolean stub) throws Refusal, IOException, InterruptedException {
        need(d, 8);
        if (stub && mem == null) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_NOT_IN_FLASH_MODE, "MEM_END without MEM_BEGIN");
        }
        int flag = u32(d, 0);
        long entry = u32(d, 4) & 0xFFFFFFFFL;
        mem = null;
        boolean halts = flag == 0 && (stub || !inUploadedRam(entry));
        if (halts) {
            // Decided when the command is taken, before the reply leaves: whoever sees the reply sees the halt.
            LOG.debug("virtual {} jumped to 0x{} outside uploaded code and stopped", profile.name(), Long.toHexString(entry));
            mode = EspMode.HALTED;
        }
        ok(Opcode.MEM_END);
        if (flag != 0 || halts) {
            return; // stay in the loader, or stopped
        }
        // Code uploaded to RAM and started at an address inside it: a flasher stub. It greets the host.
        mode = EspMode.STUB;
        pendingStubError = 0;
        chip.stubStarted(entry);
        line.sendFrame(-1, OHAI);
    }

    private boolean inUploadedRam(long entry) {
        for (int[] seg : ram) {
            long start = seg[0] & 0xFFFFFFFFL;
            if (entry >= start && entry < start + seg[1]) {
                return true;
            }
        }
        return false;
    }

    private void flashBegin(byte[] d, boolean compressed, boolean stub) throws Refusal, IOException, InterruptedException {
        // Each loader takes one length: every stub exactly 16 bytes (esptool 4.8.1's ESP32 stub refuses a
        // 20-byte FLASH_DEFL_BEGIN), each ROM its own (see ChipProfile.romBeginLength).
        int expected = stub ? 16 : profile.romBeginLength();
        if (d.length != expected) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_BEGIN_LENGTH,
                    "wrong data length " + d.length + " for a BEGIN, expected " + expected);
        }
        if (!stub && profile.romNeedsSpiAttach() && !attached) {
            throw new Refusal(Refusal.ROM_FAILED_TO_ACT, Refusal.STUB_FAILED_SPI_OP,
                    "flash not attached: the " + profile.name() + " ROM needs SPI_ATTACH before flash commands");
        }
        int size = u32(d, 0);
        int blocks = u32(d, 4);
        int blockSize = u32(d, 8);
        int offset = u32(d, 12);
        if (!flash.contains(offset & 0xFFFFFFFFL, size & 0xFFFFFFFFL)) {
            throw new Refusal(Refusal.ROM_FAILED_TO_ACT, Refusal.STUB_FAILED_SPI_OP, String.format(
                    "region 0x%X + %d is outside the %d-byte flash", offset, size & 0xFFFFFFFFL, flash.size()));
        }
        if (write != null) {
            write.close();
        }
        int region = size;
        if (!stub) {
            // The ROM erases the whole region before it answers.
            region = romEraseRegion(offset, size, compressed);
            int sectors = region == 0 ? 0 : flash.erase(offset / NorFlash.SECTOR_SIZE * NorFlash.SECTOR_SIZE,
                    Math.min(flash.size() - offset / NorFlash.SECTOR_SIZE * NorFlash.SECTOR_SIZE,
                            region + offset % NorFlash.SECTOR_SIZE));
            clock.sleep(sectors * chip.config().eraseSectorNanos());
        }
        write = new FlashWrite(flash, stub, compressed, offset, region, blocks, blockSize);
        ok(compressed ? Opcode.FLASH_DEFL_BEGIN : Opcode.FLASH_BEGIN);
    }

    /** @return the bytes the ROM really erases for a FLASH_BEGIN of {@code size} bytes at {@code offset} */
    private int romEraseRegion(int offset, int size, boolean compressed) {
        if (!profile.romEraseBug() || compressed || size == 0) {
            return size;
        }
        // ESP8266 ROM bug: it erases the sectors up to the next 64 KiB boundary and then the whole
        // requested count again, so it erases head + requested sectors. esptool asks for less to compensate.
        int sector = NorFlash.SECTOR_SIZE;
        int requested = (size + sector - 1) / sector;
        int head = 16 - (offset / sector) % 16;
        long sectors = (long) Math.min(head, requested) + requested;
        return (int) Math.min(sectors * sector, flash.size() - offset / sector * sector);
    }

    private void flashData(CommandPacket cmd, boolean compressed, boolean stub)
            throws Refusal, IOException, InterruptedException {
        byte[] d = cmd.data();
        Opcode op = compressed ? Opcode.FLASH_DEFL_DATA : Opcode.FLASH_DATA;
        if (d.length < 16) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_NOT_ENOUGH_DATA, op + " without its 16-byte header");
        }
        if (write == null || write.compressed() != compressed) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_NOT_IN_FLASH_MODE,
                    op + " without " + (compressed ? "FLASH_DEFL_BEGIN" : "FLASH_BEGIN"));
        }
        int len = u32(d, 0);
        int seq = u32(d, 4);
        if (len != d.length - 16) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_TOO_MUCH_DATA,
                    op + " says " + len + " bytes but carries " + (d.length - 16));
        }
        if (CommandPacket.checksumOf(d, 16, len) != (cmd.checksum() & 0xFF)) {
            throw new Refusal(Refusal.ROM_BAD_CHECKSUM, Refusal.STUB_BAD_CHECKSUM, op + " block " + seq + " checksum mismatch");
        }
        if (!stub && (seq != write.nextSeq() || seq >= write.numBlocks())) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_DATA_LEN,
                    op + " sequence " + seq + ", expected " + write.nextSeq() + " of " + write.numBlocks());
        }
        if (faults.flashBlockResets()) {
            LOG.debug("fault plan: virtual {} resets in the middle of flashing", profile.name());
            reset(faults.resetIntoDownloadMode());
            return;
        }
        if (stub) {
            // Acknowledge at once and write while the next block arrives; a failure shows up in the next answer.
            ok(op);
            try {
                write.accept(d, 16, len);
            } catch (Refusal r) {
                LOG.debug("virtual {} stub: {}", profile.name(), r.getMessage());
                pendingStubError = r.stubCode();
            }
            sleepForWork();
            if (compressed && line.queuedFrames() >= 2 && pendingStubError == 0) {
                // The stub has one spare receive buffer: a host two blocks ahead (sending the next block on the
                // answer to this one, before the one after it was answered) overwrote a buffer in use. esptool
                // 4.8.1's real stub answered such a block with an inflate error (Espressif's QEMU).
                LOG.debug("virtual {} stub: a third block arrived while writing, its receive buffer overflowed",
                        profile.name());
                pendingStubError = Refusal.STUB_INFLATE_ERROR;
            }
        } else {
            write.accept(d, 16, len);
            sleepForWork();
            ok(op);
        }
    }

    private void sleepForWork() throws InterruptedException {
        long nanos = write.takeSectorsErased() * chip.config().eraseSectorNanos()
                + write.takeBytesWritten() * chip.config().writeSectorNanos() / NorFlash.SECTOR_SIZE;
        clock.sleep(nanos);
    }

    private void flashEnd(Opcode op, byte[] d, boolean stub) throws Refusal, IOException, InterruptedException {
        need(d, 4);
        int flag = u32(d, 0);
        if (stub) {
            if (write == null) {
                throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_NOT_IN_FLASH_MODE, op + " without BEGIN");
            }
            if (!write.complete()) {
                throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_DATA_LEN, op + " before all promised bytes arrived");
            }
            write.close();
            write = null;
            ok(op);
            if (flag == 0) {
                // "Reboot" from the stub goes back to the ROM loader (esptool uses this to leave the stub).
                mode = EspMode.ROM_LOADER;
                ram.clear();
            }
            return;
        }
        if (write != null) {
            write.close();
            write = null;
        }
        // The ROM leaves the loader on END: 0 reboots, 1 runs the user code; either way the application runs.
        mode = EspMode.APPLICATION;
        line.sendFrame(op.code(), new ResponsePacket(op, 0, romStatus(0, 0)).encode());
        ChipLine l = line;
        if (l != null) {
            String text = (flag == 0 ? profile.appBootText() : "") + chip.config().applicationOutput();
            l.sendText(bytes(text), flag == 0 ? profile.bootBaud() : currentBaud());
        }
    }

    private void md5(byte[] d, boolean stub) throws Refusal, IOException, InterruptedException {
        need(d, 16);
        long addr = u32(d, 0) & 0xFFFFFFFFL;
        long size = u32(d, 4) & 0xFFFFFFFFL;
        if (!flash.contains(addr, size)) {
            throw new Refusal(Refusal.ROM_FLASH_READ, Refusal.STUB_FAILED_SPI_OP,
                    String.format("MD5 of 0x%X + %d is outside the flash", addr, size));
        }
        byte[] digest = flash.md5((int) addr, (int) size);
        byte[] payload = stub ? digest : HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        reply(Opcode.SPI_FLASH_MD5, 0, payload);
    }

    private void readFlashSlow(byte[] d) throws Refusal, IOException, InterruptedException {
        need(d, 8);
        long addr = u32(d, 0) & 0xFFFFFFFFL;
        int len = u32(d, 4);
        if (len < 0 || len > 64) {
            throw new Refusal(Refusal.ROM_READ_LENGTH, Refusal.STUB_BAD_DATA_LEN, "READ_FLASH_SLOW reads at most 64 bytes, asked " + len);
        }
        if (!flash.contains(addr, len)) {
            throw new Refusal(Refusal.ROM_FLASH_READ, Refusal.STUB_FAILED_SPI_OP, "READ_FLASH_SLOW outside the flash");
        }
        byte[] payload = new byte[64]; // always 64 bytes, whatever was asked
        System.arraycopy(flash.read((int) addr, len), 0, payload, 0, len);
        reply(Opcode.READ_FLASH_SLOW, 0, payload);
    }

    private void eraseRegion(byte[] d) throws Refusal, IOException, InterruptedException {
        need(d, 8);
        long addr = u32(d, 0) & 0xFFFFFFFFL;
        long size = u32(d, 4) & 0xFFFFFFFFL;
        if (addr % NorFlash.SECTOR_SIZE != 0 || size % NorFlash.SECTOR_SIZE != 0) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_DATA_LEN, "ERASE_REGION must be 4 KiB aligned");
        }
        if (!flash.contains(addr, size)) {
            throw new Refusal(Refusal.ROM_FAILED_TO_ACT, Refusal.STUB_FAILED_SPI_OP, "ERASE_REGION outside the flash");
        }
        int sectors = flash.erase((int) addr, (int) size);
        clock.sleep(sectors * chip.config().eraseSectorNanos());
        ok(Opcode.ERASE_REGION);
    }

    private void readFlash(byte[] d) throws Refusal, IOException, InterruptedException {
        need(d, 16);
        long addr = u32(d, 0) & 0xFFFFFFFFL;
        long size = u32(d, 4) & 0xFFFFFFFFL;
        int packet = u32(d, 8);
        int inFlight = Math.max(1, u32(d, 12));
        if (packet <= 0 || packet > MAX_READ_PACKET) {
            throw new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_DATA_LEN, "READ_FLASH packet size " + packet);
        }
        if (!flash.contains(addr, size)) {
            throw new Refusal(Refusal.ROM_FLASH_READ, Refusal.STUB_FAILED_SPI_OP, "READ_FLASH outside the flash");
        }
        ok(Opcode.READ_FLASH);
        MessageDigest md5 = md5();
        long sent = 0;
        long acked = 0;
        int packetsSent = 0;
        int packetsAcked = 0;
        while (acked < size) {
            while (sent < size && packetsSent - packetsAcked < inFlight) {
                int n = (int) Math.min(packet, size - sent);
                byte[] data = flash.read((int) (addr + sent), n);
                md5.update(data);
                line.sendFrame(-1, data);
                sent += n;
                packetsSent++;
            }
            Object item = line.next(READ_FLASH_ACK_TIMEOUT_MS);
            if (item == null) {
                LOG.debug("virtual {} stub: no READ_FLASH acknowledgement, giving up", profile.name());
                return;
            }
            if (item instanceof ResetEvent r) {
                reset(r.downloadMode());
                return;
            }
            byte[] ack = (byte[]) item;
            if (ack.length != 4) {
                LOG.debug("virtual {} stub: READ_FLASH got a {}-byte frame instead of an acknowledgement", profile.name(), ack.length);
                return;
            }
            acked = u32(ack, 0) & 0xFFFFFFFFL;
            packetsAcked++;
        }
        line.sendFrame(-1, md5.digest());
    }

    private void unknown(int op) throws IOException, InterruptedException {
        if (mode == EspMode.STUB) {
            replyStub(op, Refusal.STUB_INVALID_COMMAND, null, 0);
            return;
        }
        // The ROM answers a command it does not know with "invalid message" under another opcode, several
        // times over; hosts recognise it by the opcode mismatch and drain the repeats.
        byte[] status = romStatus(1, Refusal.ROM_INVALID_MESSAGE);
        for (int i = 0; i < UNSUPPORTED_REPEATS; i++) {
            line.sendFrame(op, raw(UNSUPPORTED_REPLY_OPCODE, 0, status));
        }
    }

    private void ok(Opcode op) throws IOException, InterruptedException {
        reply(op, 0, new byte[0]);
    }

    private void reply(Opcode op, int value, byte[] payload) throws IOException, InterruptedException {
        byte[] status = mode == EspMode.STUB ? new byte[2] : romStatus(0, 0);
        byte[] data = new byte[payload.length + status.length];
        System.arraycopy(payload, 0, data, 0, payload.length);
        System.arraycopy(status, 0, data, payload.length, status.length);
        line.sendFrame(op.code(), new ResponsePacket(op, value, data).encode());
    }

    private void replyError(int op, Refusal r) throws IOException, InterruptedException {
        if (mode == EspMode.STUB) {
            replyStub(op, r.stubCode(), null, 0);
        } else {
            line.sendFrame(op, raw(op, 0, romStatus(1, r.romError())));
        }
    }

    private void replyStub(int op, int code, byte[] payload, int value) throws IOException, InterruptedException {
        byte[] p = payload == null ? new byte[0] : payload;
        byte[] data = new byte[p.length + 2];
        System.arraycopy(p, 0, data, 0, p.length);
        data[p.length] = (byte) (code >> 8);
        data[p.length + 1] = (byte) code;
        line.sendFrame(op, raw(op, value, data));
    }

    private byte[] romStatus(int status, int error) {
        byte[] s = new byte[profile.romStatusLength()];
        s[0] = (byte) status;
        s[1] = (byte) error;
        return s;
    }

    /** Builds a response for any opcode byte, including ones {@link Opcode} does not know. */
    private static byte[] raw(int op, int value, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(ResponsePacket.HEADER + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x01).put((byte) op).putShort((short) data.length).putInt(value).put(data);
        return b.array();
    }

    private static void need(byte[] d, int len) throws Refusal {
        if (d.length != len) {
            throw lengthRefusal(d.length);
        }
    }

    private static Refusal lengthRefusal(int got) {
        return new Refusal(Refusal.ROM_INVALID_MESSAGE, Refusal.STUB_BAD_DATA_LEN, "wrong data length " + got);
    }

    private static int u32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /** A MEM_BEGIN .. MEM_END upload in progress. */
    private static final class MemUpload {
        private int address;
        private int remaining;
        private int nextSeq;

        MemUpload(int size, int address) {
            this.address = address;
            this.remaining = size;
        }
    }
}
