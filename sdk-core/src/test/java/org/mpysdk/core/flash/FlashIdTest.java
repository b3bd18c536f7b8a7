package org.mpysdk.core.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** JEDEC id decoding as esptool's flash_id does it. */
class FlashIdTest {

    @Test
    void decodesWinbondFourMegabytes() {
        FlashId id = FlashId.fromRdid(0x1640EF);
        assertEquals(0xEF, id.manufacturer());
        assertEquals("Winbond", id.manufacturerName());
        assertEquals(0x4016, id.deviceId());
        assertEquals(OptionalLong.of(4L << 20), id.sizeBytes());
        assertTrue(id.plausible());
    }

    @Test
    void decodesTheOtherCapacityRangesAndAdesto() {
        assertEquals(OptionalLong.of(256L << 10), FlashId.fromRdid(0x1240C8).sizeBytes());
        assertEquals(OptionalLong.of(256L << 20), FlashId.fromRdid(0x1C4020).sizeBytes());
        assertEquals(OptionalLong.of(64L << 20), FlashId.fromRdid(0x2040C2).sizeBytes());
        assertEquals(OptionalLong.of(1L << 20), FlashId.fromRdid(0x346020).sizeBytes());
        assertEquals(OptionalLong.of(2L << 20), FlashId.fromRdid(0x00461F).sizeBytes(), "Adesto 0x06 = 2MB");
        assertEquals(OptionalLong.empty(), FlashId.fromRdid(0x0F40EF).sizeBytes());
        assertFalse(FlashId.fromRdid(0xFFFFFF).plausible());
        assertFalse(FlashId.fromRdid(0).plausible());
    }

    @FuzzTest(maxDuration = "10s")
    void everyIdRoundTripsAndSizesArePowersOfTwo(FuzzedDataProvider data) {
        int raw = data.consumeInt(0, 0xFFFFFF);
        FlashId id = FlashId.fromRdid(raw);
        assertEquals(raw, id.toRdid());
        id.sizeBytes().ifPresent(size -> {
            assertEquals(1, Long.bitCount(size));
            assertTrue(size >= 256 * 1024 && size <= 256L << 20);
        });
        assertFalse(id.toString().isEmpty());
    }
}
