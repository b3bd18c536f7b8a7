package org.mpysdk.testkit.esp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpysdk.serial.esp.stub.StubImage;

/**
 * The shape of a stub (segment addresses and lengths, entry point) without its code: the transcripts
 * record it, and the replay uploads a stand-in of that shape, since esptool's stub files (GPL) are never
 * committed. The ROM's answers depend only on the shape (MEM_BEGIN sizes, block count); the MEM_DATA
 * checksums of the real code are not compared.
 */
final class StubShape {
    private static final Pattern FORM = Pattern.compile(
            "entry=0x([0-9a-f]+) text=0x([0-9a-f]+)\\+(\\d+) data=0x([0-9a-f]+)\\+(\\d+)");

    private StubShape() {
    }

    static String describe(StubImage s) {
        return String.format("entry=0x%x text=0x%x+%d data=0x%x+%d", s.entry(), s.textStart(), s.text().length,
                s.dataStart(), s.data().length);
    }

    /** @return a stub of the described shape holding zeros */
    static StubImage standIn(String description) {
        Matcher m = FORM.matcher(description);
        if (!m.find()) {
            throw new IllegalArgumentException("no stub shape in '" + description + "'");
        }
        return new StubImage("stand-in of the recorded stub", Long.parseLong(m.group(1), 16),
                new byte[Integer.parseInt(m.group(3))], Long.parseLong(m.group(2), 16),
                new byte[Integer.parseInt(m.group(5))], Long.parseLong(m.group(4), 16));
    }
}
