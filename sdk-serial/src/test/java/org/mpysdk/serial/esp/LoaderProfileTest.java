package org.mpysdk.serial.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.serial.esp.internal.targets.Targets;

/** What each loader can do, and the ESP8266 ROM erase-size workaround (values computed by esptool's formula). */
class LoaderProfileTest {

    @Test
    void esp8266RomEraseSizeWorkaround() {
        LoaderProfile rom = new LoaderProfile(Targets.of(Chip.ESP8266), false, false);
        // 1 MB at 0: 256 sectors, head 16 -> (256 - 16) sectors
        assertEquals(240L * 4096, rom.eraseSize(0, 1 << 20));
        // 3 sectors at 0x1000: head 15, 3 < 30 -> (3 + 1) / 2 = 2 sectors
        assertEquals(2L * 4096, rom.eraseSize(0x1000, 3 * 4096));
        assertEquals(1 << 20, rom.withStub().eraseSize(0, 1 << 20));
        assertEquals(1 << 20, new LoaderProfile(Targets.of(Chip.ESP32), false, false).eraseSize(0, 1 << 20));
    }

    @Test
    void capabilitiesFollowEsptool() {
        LoaderProfile e8266 = new LoaderProfile(Targets.of(Chip.ESP8266), false, false);
        assertFalse(e8266.supportsCompression());
        assertFalse(e8266.supportsMd5());
        assertFalse(e8266.supportsBaudChange());
        assertEquals(2, e8266.statusLength());
        LoaderProfile esp32 = new LoaderProfile(Targets.of(Chip.ESP32), false, false);
        assertTrue(esp32.supportsCompression());
        assertFalse(esp32.beginTakesEncryptedFlag());
        assertEquals(4, esp32.statusLength());
        assertEquals(0x400, esp32.flashBlockSize());
        assertTrue(new LoaderProfile(Targets.of(Chip.ESP32_S3), false, false).beginTakesEncryptedFlag());
        LoaderProfile stub = esp32.withStub();
        assertEquals(2, stub.statusLength());
        assertEquals(0x4000, stub.flashBlockSize());
        assertTrue(stub.hasStubCommands());
        assertFalse(new LoaderProfile(Targets.of(Chip.ESP32_S2), false, true).supportsMd5(), "no MD5 in SDM");
    }

    @Test
    void everyChipsRomCapabilitiesComeFromItsSpec() {
        for (Chip c : Chip.values()) {
            LoaderProfile rom = new LoaderProfile(Targets.of(c), false, false);
            boolean esp32Commands = c.spec().rom().esp32Commands();
            assertEquals(esp32Commands, rom.supportsCompression(), c.displayName());
            assertEquals(esp32Commands, rom.supportsMd5(), c.displayName());
            assertEquals(esp32Commands, rom.supportsSlowRead(), c.displayName());
            assertEquals(esp32Commands, rom.supportsSpiCommands(), c.displayName());
            assertEquals(esp32Commands, rom.supportsBaudChange(), c.displayName());
            assertEquals(c.spec().rom().encryptedFlash(), rom.beginTakesEncryptedFlag(), c.displayName());
            assertEquals(c.spec().rom().statusLength(), rom.statusLength(), c.displayName());
            assertTrue(rom.withStub().supportsMd5(), "every stub has MD5");
        }
        // the pre-production chips are later-ROM chips like the others
        assertTrue(new LoaderProfile(Targets.of(Chip.ESP32_H2_BETA1), false, false).beginTakesEncryptedFlag());
    }

    @Test
    void timeoutsScalePerMegabyteWithinBounds() {
        assertEquals(Timeouts.DEFAULT, Timeouts.perMb(8, 100_000));
        assertEquals(40_000, Timeouts.perMb(40, 1_000_000).toMillis());
        assertEquals(Timeouts.MAX, Timeouts.perMb(40, 100_000_000));
    }
}
