package org.mpysdk.core.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

/** The esp_app_desc_t of an ESP-IDF application, found at the start of its segment by its magic word. */
class EspAppDescriptorTest {

    @Test
    void readsTheFieldsWhereEspIdfPutsThem() throws Exception {
        ByteBuffer d = ByteBuffer.allocate(EspAppDescriptor.LENGTH + 16).order(ByteOrder.LITTLE_ENDIAN);
        d.putInt(0, (int) EspAppDescriptor.MAGIC).putInt(4, 3);
        put(d, 16, "v1.27.0");
        put(d, 48, "micropython");
        put(d, 80, "12:34:56");
        put(d, 96, "Dec  9 2025");
        put(d, 112, "v5.5.1");
        d.put(144, (byte) 0xAB).putShort(176, (short) 1).putShort(178, (short) 199).put(180, (byte) 16);
        byte[] img = TestImages.image(0, true, new byte[32], d.array());
        EspAppDescriptor a = EspAppDescriptor.find(img, EspImageHeader.parse(img)).orElseThrow();
        assertEquals(3, a.secureVersion());
        assertEquals("v1.27.0", a.version());
        assertEquals("micropython", a.projectName());
        assertEquals("12:34:56", a.compileTime());
        assertEquals("Dec  9 2025", a.compileDate());
        assertEquals("v5.5.1", a.idfVersion());
        assertTrue(a.elfSha256().startsWith("ab00"), a.elfSha256());
        assertEquals(64, a.elfSha256().length());
        assertEquals(1, a.minEfuseBlockRevision());
        assertEquals(199, a.maxEfuseBlockRevision());
        assertEquals(64 * 1024, a.mmuPageSize());
    }

    @Test
    void aBootloaderHasNone() throws Exception {
        byte[] img = TestImages.image(0, true, new byte[300], new byte[300]);
        assertTrue(EspAppDescriptor.find(img, EspImageHeader.parse(img)).isEmpty());
    }

    @FuzzTest(maxDuration = "10s")
    void anySegmentStartingWithTheMagicGivesPrintableFields(FuzzedDataProvider data) throws Exception {
        byte[] segment = data.consumeBytes(EspAppDescriptor.LENGTH + 64);
        if (segment.length >= 4 && data.consumeBoolean()) {
            ByteBuffer.wrap(segment).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) EspAppDescriptor.MAGIC);
        }
        byte[] img = TestImages.image(0, data.consumeBoolean(), segment, data.consumeRemainingAsBytes());
        EspAppDescriptor.find(img, EspImageHeader.parse(img)).ifPresent(d -> {
            assertTrue((d.projectName() + d.version() + d.idfVersion() + d.compileDate()).matches("[\\x20-\\x7E]*"), d.toString());
            assertEquals(64, d.elfSha256().length());
        });
    }

    private static void put(ByteBuffer d, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            d.put(at + i, b[i]);
        }
    }
}
