package org.mpysdk.core.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing image headers, telling chips apart, and patching with a consistent SHA-256. */
class EspImageHeaderTest {

    @Test
    void readsChipAndFlashSettingsOfAnEsp32FamilyImage() throws Exception {
        byte[] img = TestImages.image(9, true, new byte[] {1, 2, 3, 4}, new byte[100]);
        EspImageHeader h = EspImageHeader.parse(img);
        assertTrue(h.extended());
        assertEquals(Optional.of(Chip.ESP32_S3), h.chip());
        assertEquals(2, h.flashMode());
        assertEquals(2, h.flashSizeCode());
        assertEquals(0, h.flashFreqCode());
        assertTrue(h.checksumValid());
        assertTrue(h.hashAppended());
        assertTrue(h.hashValid());
        assertEquals(img.length - 32, h.dataLength());
        assertEquals(0, h.dataLength() % 16);
    }

    @Test
    void anImageWithoutExtendedHeaderIsForTheEsp8266() throws Exception {
        EspImageHeader h = EspImageHeader.parse(TestImages.image(-1, false, new byte[64]));
        assertFalse(h.extended());
        assertEquals(Optional.of(Chip.ESP8266), h.chip());
        assertEquals(-1, h.chipId());
    }

    @Test
    void corruptionIsReportedClearly() {
        byte[] img = TestImages.image(0, true, new byte[200]);
        byte[] badMagic = img.clone();
        badMagic[0] = 0x00;
        assertTrue(assertThrows(MalformedImageException.class, () -> EspImageHeader.parse(badMagic)).getMessage()
                .contains("0xE9"));
        byte[] truncated = Arrays.copyOf(img, 100);
        assertTrue(assertThrows(MalformedImageException.class, () -> EspImageHeader.parse(truncated)).getMessage()
                .contains("segment 0"));
        byte[] flipped = img.clone();
        flipped[40] ^= 1;
        EspImageHeader h = assertThrowsNothing(flipped);
        assertFalse(h.checksumValid());
        assertFalse(h.hashValid());
    }

    @Test
    void patchingChangesModeAndSizeAndKeepsTheHashConsistent() throws Exception {
        byte[] app = new byte[300];
        Arrays.fill(app, (byte) 7);
        byte[] boot = TestImages.image(0, true, new byte[500]);
        byte[] merged = new byte[boot.length + app.length];
        System.arraycopy(boot, 0, merged, 0, boot.length);
        System.arraycopy(app, 0, merged, boot.length, app.length);
        byte[] patched = HeaderPatcher.apply(merged, Chip.ESP32,
                HeaderPatch.keep().withMode(FlashMode.DOUT).withSize(HeaderPatch.DETECT).withFreq("80m"), 8 << 20);
        assertEquals(3, patched[2]);
        assertEquals(0x3F, patched[3] & 0xFF);
        EspImageHeader h = EspImageHeader.parse(patched);
        assertTrue(h.hashValid(), "SHA-256 recomputed");
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(merged, h.dataLength(), h.dataLength() + 32)),
                Arrays.toString(Arrays.copyOfRange(patched, h.dataLength(), h.dataLength() + 32)));
        assertArrayEquals(app, Arrays.copyOfRange(patched, boot.length, patched.length), "rest of the merged bin kept");
        assertSame(merged, HeaderPatcher.apply(merged, Chip.ESP32, HeaderPatch.keep(), -1));
    }

    @Test
    void patchRefusesAnImageWhoseHashWasAlreadyWrong() {
        byte[] img = TestImages.image(0, true, new byte[50]);
        img[img.length - 1] ^= 1;
        assertThrows(MalformedImageException.class,
                () -> HeaderPatcher.apply(img, Chip.ESP32, HeaderPatch.keep().withMode(FlashMode.DIO), -1));
        assertThrows(IllegalArgumentException.class, () -> HeaderPatcher.apply(TestImages.image(0, false, new byte[4]),
                Chip.ESP32, HeaderPatch.keep().withSize("3MB"), -1));
    }

    @Test
    void chipTablesMatchEsptool() {
        assertEquals(0x1000, Chip.ESP32.flashOffset());
        assertEquals(0x1000, Chip.ESP32_S2.flashOffset());
        assertEquals(0x2000, Chip.ESP32_C5.flashOffset());
        assertEquals(0x2000, Chip.ESP32_P4.flashOffset());
        assertEquals(0, Chip.ESP32_S3.flashOffset());
        assertEquals(Optional.of(Chip.ESP32_C6), Chip.byImageChipId(13));
        assertEquals(Chip.ESP32_S3, Chip.parse("esp32s3"));
        assertEquals(Chip.ESP32_C3, Chip.parse("ESP32-C3"));
        assertEquals(0x40, Chip.ESP8266.flashSizeCode("4MB"));
        assertEquals(0x20, Chip.ESP32.flashSizeCode("4MB"));
        assertEquals(0xF, Chip.ESP32_C2.flashFreqCode("60m"));
        assertThrows(IllegalArgumentException.class, () -> Chip.parse("esp31"));
    }

    @Test
    void anImageInsideALargerBufferIsParsedAtItsOffsetWithItsSegments() throws Exception {
        byte[] img = TestImages.image(5, true, new byte[] {1, 2, 3}, new byte[40]);
        byte[] file = new byte[0x100 + img.length + 7];
        Arrays.fill(file, (byte) 0xFF);
        System.arraycopy(img, 0, file, 0x100, img.length);
        EspImageHeader h = EspImageHeader.parse(file, 0x100, true).requireIntact();
        assertEquals(0x100, h.start());
        assertEquals(0x100 + img.length, h.end());
        assertEquals(img.length, h.length());
        assertEquals(Optional.of(Chip.ESP32_C3), h.chip());
        assertEquals(2, h.segmentCount());
        assertEquals(new EspSegment(0x3FFB0000L, 0x100 + 24 + 8, 3), h.segments().get(0));
        assertEquals(new EspSegment(0x3FFB1000L, 0x100 + 24 + 8 + 3 + 8, 40), h.segments().get(1));
        assertEquals(4L << 20, h.declaredFlashSize());
        assertEquals(1L << 20, EspImageHeader.parse(TestImages.image(-1, false, new byte[8])).declaredFlashSize(),
                "code 2 is 1MB in the ESP8266 table");
        assertTrue(assertThrows(MalformedImageException.class, () -> EspImageHeader.parse(file, 0x80, true)).getMessage()
                .contains("no ESP image at 0x80"));
    }

    @Test
    void requireIntactNamesTheCheckThatFailed() throws Exception {
        byte[] img = TestImages.image(0, true, new byte[64]);
        byte[] badSum = img.clone();
        badSum[40] ^= 1;
        EspImageHeader h = EspImageHeader.parse(badSum);
        assertNotEquals(h.checksum(), h.storedChecksum());
        assertTrue(assertThrows(MalformedImageException.class, h::requireIntact).getMessage().contains("checksum byte"));
        byte[] badHash = img.clone();
        badHash[img.length - 1] ^= 1;
        assertTrue(EspImageHeader.parse(badHash).checksumValid());
        assertTrue(assertThrows(MalformedImageException.class, () -> EspImageHeader.parse(badHash).requireIntact())
                .getMessage().contains("SHA-256"));
    }

    @Test
    void flashSizeCodesReadBack() {
        assertEquals(4L << 20, Chip.ESP32.flashSizeBytes(2));
        assertEquals(128L << 20, Chip.ESP32_S3.flashSizeBytes(7));
        assertEquals(-1, Chip.ESP32.flashSizeBytes(8));
        assertEquals(512L << 10, Chip.ESP8266.flashSizeBytes(0));
        assertEquals(2L << 20, Chip.ESP8266.flashSizeBytes(5), "2MB-c1");
        assertEquals(-1, Chip.ESP8266.flashSizeBytes(7));
        assertEquals(16L << 20, Chip.ESP8266.flashSizeBytes(9));
        for (Chip c : Chip.values()) {
            for (String size : new String[] {"1MB", "4MB", "16MB"}) {
                assertEquals(Long.parseLong(size.replace("MB", "")) << 20, c.flashSizeBytes(c.flashSizeCode(size) >> 4));
            }
        }
    }

    private static EspImageHeader assertThrowsNothing(byte[] img) {
        try {
            return EspImageHeader.parse(img);
        } catch (MalformedImageException e) {
            throw new AssertionError("a flipped data byte must not break parsing: " + e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void garbageParsesOrFailsTyped(byte[] bytes) {
        try {
            EspImageHeader h = EspImageHeader.parse(bytes);
            assertTrue(h.dataLength() <= bytes.length);
            assertTrue(h.segmentCount() >= 1 && h.segmentCount() <= 16);
        } catch (MalformedImageException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void garbageAtAnOffsetKeepsTheInvariantsOrFailsNamingTheOffset(FuzzedDataProvider data) {
        boolean extended = data.consumeBoolean();
        int offset = data.consumeInt(-4, 64);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            EspImageHeader image = EspImageHeader.parse(bytes, offset, extended);
            assertTrue(image.end() <= bytes.length && image.start() == offset);
            assertTrue(image.length() % 16 == 0 || image.hashAppended());
            for (EspSegment s : image.segments()) {
                assertTrue(s.dataOffset() >= offset && s.dataOffset() + (long) s.length() <= bytes.length);
            }
        } catch (MalformedImageException expected) {
            assertTrue(expected.getMessage().contains("0x"));
        }
    }

    @FuzzTest(maxDuration = "10s")
    void builtImagesRoundTripAndPatchKeepsThemValid(FuzzedDataProvider data) throws Exception {
        int segments = data.consumeInt(1, 4);
        byte[][] segs = new byte[segments][];
        for (int i = 0; i < segments; i++) {
            segs[i] = data.consumeBytes(data.consumeInt(0, 300));
        }
        Chip chip = data.pickValue(new Chip[] {Chip.ESP32, Chip.ESP32_S3, Chip.ESP32_C3});
        byte[] img = TestImages.image(chip.imageChipId().getAsInt(), data.consumeBoolean(), segs);
        EspImageHeader h = EspImageHeader.parse(img);
        assertEquals(Optional.of(chip), h.chip());
        assertTrue(h.checksumValid() && h.hashValid());
        FlashMode mode = data.pickValue(FlashMode.values());
        byte[] patched = HeaderPatcher.apply(img, chip, HeaderPatch.keep().withMode(mode).withSize("16MB"), -1);
        EspImageHeader p = EspImageHeader.parse(patched);
        assertEquals(mode.code(), p.flashMode());
        assertTrue(p.hashValid() && p.checksumValid());
    }
}
