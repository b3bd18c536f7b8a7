package org.mpysdk.samples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashRegion;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code ADDRESS FILE ADDRESS FILE ...} arguments of {@code write-flash} and {@code merge-bin},
 * checked as esptool checks them: pairs, numbers, no two files touching the same 4 KiB flash sector
 * (a write erases whole sectors, so the second file would erase the end of the first) and, for writes,
 * every address at a sector start (else its erase would wipe the bytes before it).
 */
final class AddressedFiles {
    /** The flash sector: the unit of erasing. */
    static final long SECTOR = 0x1000;

    /**
     * One file and where it goes.
     *
     * @param address the flash address
     * @param file the file as given
     * @param bytes its content
     */
    record Entry(long address, Path file, byte[] bytes) {
        /** @return {@code file@0xADDRESS}, for summaries */
        String describe() {
            return String.format("%s@0x%x", file, address);
        }
    }

    private AddressedFiles() {
    }

    /**
     * @param spec the command, for usage errors
     * @param args the positional arguments
     * @param sectorAligned whether every address must start a sector (writes)
     * @return the files sorted by address, read
     * @throws CommandLine.ParameterException (exit 2) for an odd count, a bad number, an overlap or a misaligned address
     * @throws IOException when a file cannot be read (exit 1, with the file named)
     */
    static List<Entry> read(CommandSpec spec, List<String> args, boolean sectorAligned) throws IOException {
        if (args.isEmpty() || args.size() % 2 != 0) {
            throw usage(spec, "give pairs of an address and a file: 0x1000 bootloader.bin 0x8000 partitions.bin ...; got "
                    + args.size() + " argument(s)");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            long address;
            try {
                address = FlashNumber.parse(args.get(i));
            } catch (CommandLine.TypeConversionException e) {
                throw usage(spec, "address " + e.getMessage());
            }
            if (sectorAligned && address % SECTOR != 0) {
                throw usage(spec, String.format("address 0x%x (for %s) is not at a 4 KiB sector start: writing there "
                        + "would erase the 0x%x bytes before it; use 0x%x or 0x%x", address, args.get(i + 1),
                        address % SECTOR, address - address % SECTOR, address - address % SECTOR + SECTOR));
            }
            Path file = Path.of(args.get(i + 1));
            entries.add(new Entry(address, file, Files.readAllBytes(file)));
        }
        entries.sort(Comparator.comparingLong(Entry::address));
        long end = 0; // first sector not yet used
        Entry previous = null;
        for (Entry e : entries) {
            long firstSector = e.address() - e.address() % SECTOR;
            if (previous != null && firstSector < end) {
                throw usage(spec, String.format("%s overlaps %s: %s ends at 0x%x and so uses the sector up to 0x%x",
                        e.describe(), previous.describe(), previous.file(), previous.address() + previous.bytes().length, end));
            }
            end = ceilSector(e.address() + e.bytes().length);
            previous = e;
        }
        return entries;
    }

    /** @return the entries as one image (chip from the headers) */
    static FlashImage image(List<Entry> entries) {
        return new FlashImage(null, entries.stream().map(e -> new FlashRegion(e.address(), e.bytes())).toList());
    }

    private static long ceilSector(long n) {
        return (n + SECTOR - 1) / SECTOR * SECTOR;
    }

    private static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
