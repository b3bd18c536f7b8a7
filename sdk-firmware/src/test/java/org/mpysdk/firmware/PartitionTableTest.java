package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mpysdk.testkit.images.TestFirmware;

class PartitionTableTest {

    @Test
    void parsesEntriesAndChecksMd5() throws Exception {
        PartitionTable t = PartitionTable.parse(TestFirmware.partitionTable(true), 0);
        assertEquals(4, t.partitions().size());
        assertEquals(new Partition("factory", 0, 0, 0x10000, 0x1F0000, 0), t.partitions().get(2));
        assertEquals(0x400000, t.end());
        PartitionTable noMd5 = PartitionTable.parse(TestFirmware.partitionTable(false), 0);
        assertFalse(noMd5.md5Checked());
    }

    @Test
    void corruptEntryFailsTheMd5() {
        byte[] table = TestFirmware.partitionTable(true);
        table[70] ^= 1; // factory's offset
        assertThrows(ImageVerificationException.class, () -> PartitionTable.parse(table, 0));
    }

    @Test
    void missingEndMarker() {
        byte[] table = new byte[PartitionTable.MAX_LENGTH + 64];
        for (int i = 0; i < table.length; i += 32) {
            table[i] = (byte) 0xAA;
            table[i + 1] = 0x50;
            table[i + 4] = (byte) (i / 32); // distinct offsets, zero sizes: no overlap
        }
        assertThrows(ImageVerificationException.class, () -> PartitionTable.parse(table, 0));
    }
}
