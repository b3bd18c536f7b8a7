package org.mpysdk.core.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link FlashImage#toMergedBin}: esptool merge_bin's raw output; and reading header frequency codes back. */
class FlashImageMergeTest {

    @Test
    void gapsAreErasedBytesAndOffsetsAreRelativeToTheTarget() {
        FlashImage image = FlashImage.of(new FlashRegion(0x3000, new byte[] {1, 2}), new FlashRegion(0x1000, new byte[] {7}));
        byte[] merged = image.toMergedBin(0x1000, 0);
        assertEquals(0x2002, merged.length);
        assertEquals(7, merged[0]);
        assertEquals((byte) 0xFF, merged[1]);
        assertEquals((byte) 0xFF, merged[0x1FFF]);
        assertEquals(1, merged[0x2000]);
        assertEquals(2, merged[0x2001]);
    }

    @Test
    void padsUpToTheGivenAddress() {
        byte[] merged = FlashImage.at(0, new byte[] {5}).toMergedBin(0, 0x4000);
        assertEquals(0x4000, merged.length);
        assertEquals((byte) 0xFF, merged[0x3FFF]);
    }

    @Test
    void aRegionBeforeTheTargetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FlashImage.at(0x1000, new byte[1]).toMergedBin(0x2000, 0));
    }

    @Test
    void frequencyCodesReadBackAsEsptoolPrintsThem() {
        assertEquals(Optional.of("40m"), Chip.ESP32.flashFreqName(0x0));
        assertEquals(Optional.of("80m"), Chip.ESP32.flashFreqName(0xF));
        assertEquals(Optional.of("80m"), Chip.ESP32_C6.flashFreqName(0x0), "80 and 40 MHz share code 0 on the C6");
        assertEquals(Optional.empty(), Chip.ESP32.flashFreqName(0x7));
    }
}
