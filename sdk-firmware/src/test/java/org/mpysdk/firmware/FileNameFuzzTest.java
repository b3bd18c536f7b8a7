package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.LocalDate;

/** Property and fuzz tests of the file-name grammar and version ordering. */
class FileNameFuzzTest {
    private static final String BOARD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    private static final String HEX = "0123456789abcdef";

    /** Any text either parses (and then formats back to itself) or throws the typed exception. */
    @FuzzTest(maxDuration = "10s")
    void parseIsTotal(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            FirmwareFileName n = FirmwareFileName.parse(text);
            assertEquals(text, n.fileName());
            FirmwareFileName again = FirmwareFileName.parse(
                    FirmwareFileName.format(n.board(), n.variant(), n.buildDate(), n.version(), n.type()));
            assertEquals(n.board(), again.board());
            assertEquals(n.variant(), again.variant());
            assertEquals(n.version(), again.version());
            assertEquals(n.buildDate(), again.buildDate());
            assertEquals(n.type(), again.type());
        } catch (CatalogFormatException expected) {
            assertTrue(expected.getMessage().length() > 10);
        }
    }

    /** Names built from parts parse back to the same parts. */
    @FuzzTest(maxDuration = "10s")
    void formatThenParse(FuzzedDataProvider data) throws CatalogFormatException {
        String board = word(data, BOARD_CHARS, 1, 30);
        String variant = data.consumeBoolean() ? "" : word(data, BOARD_CHARS, 1, 20);
        LocalDate date = LocalDate.of(data.consumeInt(1990, 2100), data.consumeInt(1, 12), data.consumeInt(1, 28));
        boolean preview = data.consumeBoolean();
        FirmwareVersion version = new FirmwareVersion(data.consumeInt(0, 99), data.consumeInt(0, 999), data.consumeInt(0, 99),
                preview ? data.consumeInt(0, 100_000) : -1, preview ? word(data, HEX, 1, 12) : "");
        FileType type = data.pickValue(FileType.values());
        String name = FirmwareFileName.format(board, variant, date, version, type);
        FirmwareFileName n = FirmwareFileName.parse(name);
        assertEquals(board, n.board());
        assertEquals(variant, n.variant());
        assertEquals(date, n.buildDate());
        assertEquals(version, n.version());
        assertEquals(type, n.type());
        assertEquals(n, FirmwareFileName.fromUrl("https://micropython.org/resources/firmware/" + name));
    }

    /** Ordering is a total order consistent with equals, with previews before their release. */
    @FuzzTest(maxDuration = "10s")
    void versionOrdering(FuzzedDataProvider data) {
        FirmwareVersion a = version(data);
        FirmwareVersion b = version(data);
        FirmwareVersion c = version(data);
        assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
        assertEquals(a.equals(b), a.compareTo(b) == 0);
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertTrue(a.compareTo(c) <= 0);
        }
        if (a.isPreview()) {
            assertTrue(a.compareTo(a.base()) < 0, a + " before " + a.base());
        }
        try {
            assertEquals(a, FirmwareVersion.parse(a.toString()));
        } catch (CatalogFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static FirmwareVersion version(FuzzedDataProvider data) {
        boolean preview = data.consumeBoolean();
        return new FirmwareVersion(data.consumeInt(0, 3), data.consumeInt(0, 30), data.consumeInt(0, 3),
                preview ? data.consumeInt(0, 500) : -1, preview ? word(data, HEX, 1, 3) : "");
    }

    private static String word(FuzzedDataProvider data, String alphabet, int min, int max) {
        int n = data.consumeInt(min, max);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return sb.toString();
    }
}
