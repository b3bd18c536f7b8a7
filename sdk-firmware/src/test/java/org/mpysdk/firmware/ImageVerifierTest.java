package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.EspImageHeader;
import org.mpysdk.testkit.images.TestFirmware;

class ImageVerifierTest {
    private final ImageVerifier verifier = new ImageVerifier();

    private static FirmwareFileName name(String s) throws Exception {
        return FirmwareFileName.parse(s);
    }

    @ParameterizedTest
    @EnumSource(value = Chip.class, names = {"ESP32", "ESP32_S2", "ESP32_S3", "ESP32_C2", "ESP32_C3", "ESP32_C5",
            "ESP32_C6", "ESP32_H2", "ESP32_P4"})
    void fullBinOfEveryEsp32FamilyChip(Chip chip) throws Exception {
        byte[] bin = TestFirmware.esp32Bin(chip, "v1.27.0");
        VerifiedImage v = verifier.verify(bin, name(GenericBoards.of(chip).orElseThrow() + "-20251209-v1.27.0.bin"),
                Optional.of(chip), OptionalLong.of(chip.flashOffset()));
        assertEquals(chip, v.chip());
        assertEquals(chip.flashOffset(), v.flashOffset());
        assertTrue(v.bootloader().orElseThrow().hashAppended());
        assertEquals(0x10000 - chip.flashOffset(), v.app().start());
        assertEquals("factory", v.partitionTable().orElseThrow().bootApp().orElseThrow().label());
        assertTrue(v.partitionTable().orElseThrow().md5Checked());
        assertEquals(java.util.List.of(FirmwareVersion.release(1, 27, 0)), v.bannerVersions());
        assertEquals(0x400000, v.minimumFlashSize());
        assertTrue(v.warnings().isEmpty(), v.warnings().toString());
    }

    @Test
    void esp8266Layout() throws Exception {
        byte[] bin = TestFirmware.esp8266Bin("v1.27.0");
        VerifiedImage v = verifier.verify(bin, name("ESP8266_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP8266),
                OptionalLong.of(0));
        assertEquals(Chip.ESP8266, v.chip());
        assertEquals(0, v.flashOffset());
        assertFalse(v.app().extended());
        assertTrue(ImageVerifier.looksLikeEsp8266(bin));
        assertFalse(ImageVerifier.looksLikeEsp8266(TestFirmware.esp32Bin(Chip.ESP32, "v1.27.0")));
    }

    @Test
    void esp8266Md5TrailerAndLengthWord() throws Exception {
        byte[] bin = TestFirmware.esp8266Bin("v1.27.0");
        byte[] flipped = bin.clone();
        flipped[0x9000 + 10] ^= 1; // inside irom0, covered only by the MD5
        assertThrows(FirmwareVerificationException.class, () -> verifier.verify(flipped,
                name("ESP8266_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP8266), OptionalLong.empty()));
        byte[] patchedHeader = bin.clone();
        patchedHeader[2] = 0; // flashers patch bytes 0-3; the MD5 leaves them out
        assertEquals(Chip.ESP8266, verifier.verify(patchedHeader, name("ESP8266_GENERIC-20251209-v1.27.0.bin"),
                Optional.of(Chip.ESP8266), OptionalLong.empty()).chip());
        byte[] truncated = Arrays.copyOf(bin, bin.length - 7);
        ImageVerificationException e = assertThrows(ImageVerificationException.class, () -> verifier.verify(truncated,
                name("ESP8266_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP8266), OptionalLong.empty()));
        assertTrue(e.getMessage().contains("0x8FFC"), e.getMessage());
    }

    @Test
    void imageForAnotherChipIsRefused() throws Exception {
        byte[] s3 = TestFirmware.esp32Bin(Chip.ESP32_S3, "v1.27.0");
        FirmwareChipMismatchException e = assertThrows(FirmwareChipMismatchException.class, () -> verifier.verify(s3,
                name("ESP32_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP32), OptionalLong.empty()));
        assertTrue(e.getMessage().contains("ESP32-S3") && e.getMessage().contains("ESP32_GENERIC"), e.getMessage());
        byte[] esp8266 = TestFirmware.esp8266Bin("v1.27.0");
        assertThrows(FirmwareChipMismatchException.class, () -> verifier.verify(esp8266,
                name("ESP32_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP32), OptionalLong.empty()));
    }

    @Test
    void bootloaderAndAppForDifferentChipsAreRefused() throws Exception {
        byte[] mixed = TestFirmware.esp32Bin(0, 9, 0x1000, "v1.27.0", 2);
        assertThrows(FirmwareChipMismatchException.class, () -> verifier.verify(mixed, name("ESP32_GENERIC-20251209-v1.27.0.bin"),
                Optional.empty(), OptionalLong.empty()));
    }

    @Test
    void layoutThatContradictsTheChipIdIsRefused() throws Exception {
        // C5 chip id but laid out for 0x0 (partition table at file offset 0x8000): the chip says 0x2000
        byte[] wrong = TestFirmware.esp32Bin(23, 23, 0x0, "v1.27.0", 2);
        ImageVerificationException e = assertThrows(ImageVerificationException.class, () -> verifier.verify(wrong,
                name("SEEED_XIAO_ESP32C5-20251209-v1.27.0.bin"), Optional.of(Chip.ESP32_C5), OptionalLong.of(0)));
        assertTrue(e.getMessage().contains("0x2000") && e.getMessage().contains("goes at 0x0"), e.getMessage());
    }

    @Test
    void wrongMetadataOffsetIsAWarningAndTheChipDecides() throws Exception {
        byte[] c5 = TestFirmware.esp32Bin(Chip.ESP32_C5, "v1.27.0");
        VerifiedImage v = verifier.verify(c5, name("SEEED_XIAO_ESP32C5-20251209-v1.27.0.bin"), Optional.of(Chip.ESP32_C5),
                OptionalLong.of(0));
        assertEquals(0x2000, v.flashOffset());
        assertEquals(1, v.warnings().size());
        assertTrue(v.warnings().get(0).contains("0x2000"), v.warnings().get(0));
    }

    @Test
    void fileMeantForFlashZeroWithBootloaderInside() throws Exception {
        byte[] bin = TestFirmware.esp32Bin(Chip.ESP32, "v1.27.0");
        byte[] padded = new byte[0x1000 + bin.length];
        Arrays.fill(padded, 0, 0x1000, (byte) 0xFF);
        System.arraycopy(bin, 0, padded, 0x1000, bin.length);
        VerifiedImage v = verifier.verify(padded, name("ESP32_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP32),
                OptionalLong.empty());
        assertEquals(0, v.flashOffset());
        assertEquals(0x1000, v.bootloader().orElseThrow().start());
    }

    @Test
    void corruptionsAreDetected() throws Exception {
        byte[] good = TestFirmware.esp32Bin(Chip.ESP32, "v1.27.0");
        FirmwareFileName n = name("ESP32_GENERIC-20251209-v1.27.0.bin");
        int appStart = 0x10000 - 0x1000;
        int[] offsets = {0, 1, 30, 0x7000, 0x7000 + 40, appStart + 100, good.length - 1, good.length - 40};
        for (int at : offsets) {
            byte[] bad = good.clone();
            bad[at] ^= 0x5A;
            assertThrows(FirmwareVerificationException.class, () -> verifier.verify(bad, n, Optional.of(Chip.ESP32),
                    OptionalLong.empty()), "flip at 0x" + Integer.toHexString(at));
        }
        for (int len : new int[] {0, 10, 0x7000, appStart + 20, good.length - 1}) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThrows(FirmwareVerificationException.class, () -> verifier.verify(cut, n, Optional.of(Chip.ESP32),
                    OptionalLong.empty()), "cut at " + len);
        }
    }

    @Test
    void bannerMustMatchTheFileName() throws Exception {
        byte[] bin = TestFirmware.esp32Bin(Chip.ESP32, "v1.26.1");
        FirmwareVerificationException e = assertThrows(FirmwareVerificationException.class, () -> verifier.verify(bin,
                name("ESP32_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP32), OptionalLong.empty()));
        assertTrue(e.getMessage().contains("v1.26.1") && e.getMessage().contains("v1.27.0"), e.getMessage());
        byte[] preview = TestFirmware.esp32Bin(Chip.ESP32, "v1.28.0-preview.19.gb81f0a77d");
        assertEquals(Chip.ESP32, verifier.verify(preview, name("ESP32_GENERIC-20251229-v1.28.0-preview.19.gb81f0a77d.bin"),
                Optional.of(Chip.ESP32), OptionalLong.empty()).chip());
        byte[] noBanner = TestFirmware.esp32Bin(0, 0, 0x1000, null, 2);
        VerifiedImage v = verifier.verify(noBanner, name("ESP32_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP32),
                OptionalLong.empty());
        assertTrue(v.warnings().stream().anyMatch(w -> w.contains("banner")), v.warnings().toString());
    }

    @Test
    void imageLargerThanTheDeclaredFlashIsRefused() throws Exception {
        byte[] small = TestFirmware.esp32Bin(0, 0, 0x1000, "v1.27.0", 0); // header declares 1 MB
        byte[] grown = Arrays.copyOf(small, 0x100000); // written at 0x1000 it ends past 1 MB
        FirmwareVerificationException e = assertThrows(FirmwareVerificationException.class, () -> verifier.verify(grown,
                name("ESP32_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP32), OptionalLong.empty()));
        assertTrue(e.getMessage().contains("1024 KB"), e.getMessage());
    }

    @Test
    void partitionsBeyondTheDeclaredFlashAreAWarning() throws Exception {
        byte[] big = TestFirmware.esp32Bin(0, 0, 0x1000, "v1.27.0", 2);
        byte[] tiny = big.clone();
        tiny[3] = 0x00; // 1 MB declared: still fits (file is small); the partitions reach 4 MB -> warning only
        tiny = reHash(tiny);
        VerifiedImage v = verifier.verify(tiny, name("ESP32_GENERIC-20251209-v1.27.0.bin"), Optional.of(Chip.ESP32),
                OptionalLong.empty());
        assertTrue(v.warnings().stream().anyMatch(w -> w.contains("beyond")), v.warnings().toString());
    }

    @Test
    void appBinAlone() throws Exception {
        VerifiedImage v = verifier.verify(TestFirmware.appBin(Chip.ESP32_C3, "v1.27.0"),
                name("ESP32_GENERIC_C3-20251209-v1.27.0.app-bin"), Optional.of(Chip.ESP32_C3), OptionalLong.of(0));
        assertEquals(0x10000, v.flashOffset());
        assertEquals(Chip.ESP32_C3, v.chip());
    }

    @Test
    void nonImagesAreNotVerified() throws Exception {
        assertThrows(FirmwareVerificationException.class, () -> verifier.verify(new byte[10], name("ESP32_GENERIC-20251209-v1.27.0.elf"),
                Optional.empty(), OptionalLong.empty()));
    }

    /** Recomputes the bootloader's appended SHA-256 after a header patch. */
    private static byte[] reHash(byte[] bin) throws Exception {
        EspImageHeader boot;
        byte[] copy = bin.clone();
        // the digest covers the image up to the digest itself; find where it sits by parsing without it
        copy[23] = 0;
        boot = EspImageHeader.parse(copy, 0, true);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(bin, 0, boot.end()));
        System.arraycopy(digest, 0, bin, boot.end(), 32);
        return bin;
    }
}
