package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NorFlashTest {

    @Test
    void startsErased() {
        NorFlash flash = new NorFlash(64 * 1024);
        assertTrue(flash.isErased(0, flash.size()));
        assertEquals(0, flash.sectorsErased());
    }

    @Test
    void programmingOnlyClearsBits() {
        NorFlash flash = new NorFlash(64 * 1024);
        flash.program(10, new byte[] {(byte) 0xF0, 0x0F});
        flash.program(10, new byte[] {(byte) 0x3C, (byte) 0xFF});
        // 0xF0 & 0x3C = 0x30; 0x0F & 0xFF = 0x0F: the second write cannot set bits back.
        assertArrayEquals(new byte[] {0x30, 0x0F}, flash.read(10, 2));
        assertEquals(4, flash.bytesProgrammed());
    }

    @Test
    void eraseSetsWholeSectorsTo0xFF() {
        NorFlash flash = new NorFlash(64 * 1024);
        flash.program(0, new byte[3 * NorFlash.SECTOR_SIZE]);
        int sectors = flash.erase(NorFlash.SECTOR_SIZE + 100, 10);
        assertEquals(1, sectors);
        assertTrue(flash.isErased(NorFlash.SECTOR_SIZE, NorFlash.SECTOR_SIZE), "the whole sector, not just 10 bytes");
        assertFalse(flash.isErased(0, 1));
        assertFalse(flash.isErased(2 * NorFlash.SECTOR_SIZE, 1));
        assertEquals(2, flash.erase(NorFlash.SECTOR_SIZE - 1, 2), "a range across a boundary erases both sectors");
    }

    @Test
    void md5MatchesTheJdk() throws Exception {
        NorFlash flash = new NorFlash(64 * 1024);
        byte[] data = "hello, flash".getBytes();
        flash.program(0x100, data);
        assertArrayEquals(java.security.MessageDigest.getInstance("MD5").digest(data), flash.md5(0x100, data.length));
    }

    @Test
    void refusesRangesOutsideTheChip() {
        NorFlash flash = new NorFlash(64 * 1024);
        assertThrows(IllegalArgumentException.class, () -> flash.program(64 * 1024 - 1, new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> flash.read(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new NorFlash(1000));
    }
}
