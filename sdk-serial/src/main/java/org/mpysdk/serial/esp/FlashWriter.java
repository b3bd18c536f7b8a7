package org.mpysdk.serial.esp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashNotVerifiedException;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashRegion;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.FlashState;
import org.mpysdk.core.flash.FlashVerificationException;
import org.mpysdk.core.flash.HeaderPatcher;
import org.mpysdk.core.flash.ImageChecks;
import org.mpysdk.core.flash.PartialFlashException;
import org.mpysdk.core.flash.RegionReport;
import org.mpysdk.core.internal.Md5;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a whole {@link FlashImage}, as esptool's {@code write_flash}: checks before erasing anything
 * (chip, size, header), patches the bootloader header when asked, then per region skips what the flash
 * already holds (MD5), writes compressed, and verifies by MD5 with one rewrite before a typed error.
 * Nothing half-done is reported as success: a failure after the first write is a
 * {@link PartialFlashException} listing the completed regions.
 *
 * <pre>{@code
 * FlashResult r = new FlashWriter(ops, chipInfo, 921600).flash(image, FlashOptions.defaults());
 * }</pre>
 */
final class FlashWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FlashWriter.class);
    /** Bytes read to tell a changed region without its MD5: one READ_FLASH_SLOW block on the ROM. */
    private static final int HEAD_BYTES = 64;
    /** The loader's commands: replaced when the chip reset and the session connected again. */
    private FlashOps ops;
    private final ChipInfo chip;
    private int lineBaud;
    private final FlashState state;
    /** The session, to connect again after a reset; null where there is none (then a reset fails the write). */
    private final EspBootloader session;

    /**
     * @param ops commands on the connected loader
     * @param chip what the chip is (for checks and header patching)
     * @param lineBaud the current line rate (for timeouts)
     */
    public FlashWriter(FlashOps ops, ChipInfo chip, int lineBaud) {
        this(ops, chip, lineBaud, FlashState.UNTOUCHED);
    }

    /**
     * @param ops commands on the connected loader
     * @param chip what the chip is (for checks and header patching)
     * @param lineBaud the current line rate (for timeouts)
     * @param state whether an earlier erase on this connection already wiped the flash (for refusals' messages)
     */
    public FlashWriter(FlashOps ops, ChipInfo chip, int lineBaud, FlashState state) {
        this(ops, chip, lineBaud, state, null);
    }

    /**
     * @param ops commands on the connected loader
     * @param chip what the chip is (for checks and header patching)
     * @param lineBaud the current line rate (for timeouts)
     * @param state whether an earlier erase on this connection already wiped the flash (for refusals' messages)
     * @param session the session that connects again when the chip resets mid-write, or null
     */
    FlashWriter(FlashOps ops, ChipInfo chip, int lineBaud, FlashState state, EspBootloader session) {
        this.ops = ops;
        this.chip = chip;
        this.lineBaud = lineBaud;
        this.state = state;
        this.session = session;
    }

    /** One region after padding, alignment and patching, with its MD5. */
    private record Prepared(long offset, byte[] data, byte[] md5) {
    }

    /**
     * Writes every region of the image, skipping and verifying as the options say.
     *
     * @param image the regions to write, with the chip they are built for
     * @param options compression, verification, skipping, forcing and header patch
     * @return per region what was written, skipped and verified, with the time taken
     * @throws IOException a {@link org.mpysdk.core.flash.ChipMismatchException},
     *     {@link org.mpysdk.core.flash.ImageTooLargeException} or {@link org.mpysdk.core.flash.MalformedImageException}
     *     before anything is written (unless forced)
     * @throws PartialFlashException (or its subtype {@link FlashVerificationException}) after writing began
     */
    public FlashResult flash(FlashImage image, FlashOptions options) throws IOException {
        long started = System.nanoTime();
        LoaderProfile profile = ops.profile();
        if (!options.force()) {
            ImageChecks.check(image, chip.chip(), chip.flashSize(), state);
        }
        List<Prepared> regions = prepare(image, options);
        if (options.eraseAll()) {
            // Only now, with the image checked: a refused image leaves the board as it was.
            ops.eraseAll(chip.flashSize());
        }
        long total = regions.stream().mapToLong(p -> p.data().length).sum();
        boolean md5 = profile.supportsMd5();
        if (options.verify() && !md5) {
            LOG.debug("the {} cannot compute MD5s: the write cannot be verified and will end in a "
                    + "FlashNotVerifiedException (connect with the stub flasher, or turn verify off)", profile);
        }
        // Deflate (level 9 is CPU-heavy) on another thread, so it overlaps the MD5 comparison of a region and
        // the transfer of the one before: the line does not wait for the compressor.
        boolean deflate = options.compress() && profile.supportsCompression();
        ExecutorService compressor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mpysdk-deflate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Deflate.Deflated>> compressed = new ArrayList<>();
            for (Prepared region : regions) {
                compressed.add(deflate ? compressor.submit(() -> Deflate.prepare(region.data(), profile.flashBlockSize())) : null);
            }
            List<RegionReport> reports = new ArrayList<>();
            long before = 0;
            for (int i = 0; i < regions.size(); i++) {
                Prepared region = regions.get(i);
                reports.add(writeRegion(region, compressed.get(i), options, md5, reports, before, total));
                before += region.data().length;
            }
            FlashResult result = new FlashResult(reports, Duration.ofNanos(System.nanoTime() - started));
            if (options.verify() && !md5) {
                throw new FlashNotVerifiedException(profile.toString(), result);
            }
            return result;
        } finally {
            compressor.shutdownNow();
        }
    }

    private static Deflate.Deflated await(Future<Deflate.Deflated> future) throws OperationCancelledException {
        if (future == null) {
            return null;
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException("flashing was interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("compressing failed", e.getCause());
        }
    }

    private List<Prepared> prepare(FlashImage image, FlashOptions options) throws IOException {
        LoaderProfile profile = ops.profile();
        List<Prepared> out = new ArrayList<>();
        for (FlashRegion r : image.regions()) {
            byte[] data = r.bytes();
            long offset = r.offset();
            if (offset == chip.chip().flashOffset() && !options.headerPatch().keepsAll()) {
                if (chip.secureDownloadMode()) {
                    LOG.warn("Secure Download Mode: the flash settings in the header are left as they are");
                } else {
                    data = HeaderPatcher.apply(data, chip.chip(), options.headerPatch(), chip.flashSize());
                }
            }
            data = padTo4(data);
            if (profile.needsSectorAlignedWrites() && offset % LoaderProfile.SECTOR != 0) {
                // The ROM writes whole sectors from the start: fill the gap with erased bytes, as esptool does.
                int gap = (int) (offset % LoaderProfile.SECTOR);
                byte[] aligned = new byte[gap + data.length];
                Arrays.fill(aligned, 0, gap, (byte) 0xFF);
                System.arraycopy(data, 0, aligned, gap, data.length);
                data = aligned;
                offset -= gap;
            }
            out.add(new Prepared(offset, data, Md5.of(data)));
        }
        return out;
    }

    private RegionReport writeRegion(Prepared region, Future<Deflate.Deflated> deflated, FlashOptions options, boolean md5,
            List<RegionReport> completed, long doneBefore, long total) throws IOException {
        String phase = String.format("write 0x%X", region.offset());
        var listener = ops.link().scope().listener();
        if (options.skipUnchanged() && md5 && guarded(() -> headMatches(region), region, completed)) {
            listener.onProgress(new Progress("flash", String.format("compare 0x%X", region.offset()), doneBefore, total));
            byte[] onFlash = guarded(() -> ops.md5(region.offset(), region.data().length), region, completed);
            if (Arrays.equals(onFlash, region.md5())) {
                LOG.debug("0x{} already holds the image, skipped", Long.toHexString(region.offset()));
                listener.onProgress(new Progress("flash", phase, doneBefore + region.data().length, total));
                return new RegionReport(region.offset(), region.data().length, 0, Duration.ZERO, true, true, 0);
            }
        }
        RegionWriter writer = new RegionWriter(ops, lineBaud);
        Deflate.Deflated compressed = await(deflated);
        for (int attempt = 0; ; attempt++) {
            long t0 = System.nanoTime();
            long wire;
            try {
                wire = writer.write(region.offset(), region.data(), compressed,
                        done -> listener.onProgress(new Progress("flash", phase, doneBefore + done, total)));
            } catch (UnsupportedCommandException e) {
                if (completed.isEmpty()) {
                    throw e;  // refused at its BEGIN: nothing was erased
                }
                throw partial("the loader refused a write command", region, completed, e);
            } catch (OperationCancelledException e) {
                settle();  // the block in flight is answered and dropped: the next call starts on a clean line
                throw partial("writing was cancelled", region, completed, e);
            } catch (TransportClosedException e) {
                throw partial("writing was stopped", region, completed, e);
            } catch (IOException e) {
                if (session != null && attempt == 0 && (e instanceof ChipResetException
                        || e instanceof OperationTimeoutException && session.resetSuspected())) {
                    // A reset costs the stub and the baud rate, not what is on the flash: the regions before
                    // stay verified, and this one is written again in full on a new connection.
                    writer = reconnected(region, completed, e);
                    continue;
                }
                if (attempt > 0) {
                    throw partial("writing failed twice", region, completed, e);
                }
                LOG.warn("write of 0x{} failed ({}); writing the region again", Long.toHexString(region.offset()),
                        e.getMessage());
                settle();
                continue;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            if (!options.verify() || !md5) {
                return new RegionReport(region.offset(), region.data().length, wire, elapsed, false, false, attempt);
            }
            listener.onProgress(new Progress("flash", String.format("verify 0x%X", region.offset()),
                    doneBefore + region.data().length, total));
            byte[] onFlash;
            try {
                onFlash = ops.md5(region.offset(), region.data().length);
            } catch (IOException e) {
                throw partial("verification could not run", region, completed, e);  // the region was written
            }
            if (Arrays.equals(onFlash, region.md5())) {
                return new RegionReport(region.offset(), region.data().length, wire, elapsed, false, true, attempt);
            }
            if (attempt > 0) {
                throw new FlashVerificationException(region.offset(), region.data().length, Md5.hex(region.md5()),
                        Md5.hex(onFlash), completed);
            }
            LOG.warn("MD5 of 0x{} does not match after writing ({} on flash, {} expected); writing it again",
                    Long.toHexString(region.offset()), Md5.hex(onFlash), Md5.hex(region.md5()));
        }
    }

    /**
     * Whether the flash starts with the region's first bytes: a 64-byte read answers "changed" for a new
     * image at once, where the MD5 of the whole region would make the chip read all of it first (about a
     * second per MiB in Espressif's QEMU). Only a match goes on to the full MD5.
     */
    private boolean headMatches(Prepared region) throws IOException {
        LoaderProfile profile = ops.profile();
        if (!profile.hasStubCommands() && !profile.supportsSlowRead()) {
            return true;  // no read command: let the MD5 decide
        }
        int n = Math.min(HEAD_BYTES, region.data().length);
        byte[] head = FlashReader.read(ops.link(), profile, region.offset(), n);
        return Arrays.equals(head, Arrays.copyOf(region.data(), n));
    }

    /** Drops stale answers of an aborted pipeline before the region starts again. */
    /** Connects again after a reset mid-write; @return a writer on the new connection, same loader as before */
    private RegionWriter reconnected(Prepared region, List<RegionReport> completed, IOException reset)
            throws IOException {
        LoaderProfile before = ops.profile();
        LOG.warn("the chip reset while 0x{} was written ({}); connecting again to write it again",
                Long.toHexString(region.offset()), reset instanceof ChipResetException r ? r.bootMessage()
                        : "its ROM loader answers at the starting rate");
        try {
            ops = session.reconnect();
        } catch (IOException e) {
            e.addSuppressed(reset);
            throw partial("the chip reset and did not come back into its loader", region, completed, e);
        }
        lineBaud = session.lineBaud();
        if (ops.profile().stub() != before.stub()) {
            // The data was prepared (block size, compression) for the loader that answered before.
            throw partial("the chip reset and came back with another loader (" + ops.profile() + ", was " + before + ")",
                    region, completed, reset);
        }
        return new RegionWriter(ops, lineBaud);
    }

    private void settle() throws IOException {
        ops.link().drain(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    private <T> T guarded(Step<T> step, Prepared region, List<RegionReport> completed) throws IOException {
        try {
            return step.run();
        } catch (IOException e) {
            if (completed.isEmpty()) {
                throw e;  // nothing changed on the flash yet
            }
            throw partial("flashing stopped", region, completed, e);
        }
    }

    private static PartialFlashException partial(String what, Prepared region, List<RegionReport> completed,
            IOException cause) {
        return new PartialFlashException(what + " (" + cause.getMessage() + ")", completed, region.offset(),
                region.data().length, cause);
    }

    private static byte[] padTo4(byte[] data) {
        int rem = data.length % 4;
        if (rem == 0) {
            return data;
        }
        byte[] padded = Arrays.copyOf(data, data.length + 4 - rem);
        Arrays.fill(padded, data.length, padded.length, (byte) 0xFF);
        return padded;
    }
}
