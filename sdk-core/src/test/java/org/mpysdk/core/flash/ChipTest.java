package org.mpysdk.core.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The chip table: names as tools and bootloaders write them, image chip ids, flash offsets. */
class ChipTest {

    @Test
    void namesAsBootloadersAndUsersWriteThem() {
        assertEquals(Optional.of(Chip.ESP32), Chip.fromName("ESP32-D0WD-V3 (revision v3.1)"));
        assertEquals(Optional.of(Chip.ESP32), Chip.fromName("ESP32-PICO-D4"));
        assertEquals(Optional.of(Chip.ESP32_S3), Chip.fromName("ESP32-S3 (QFN56)"));
        assertEquals(Optional.of(Chip.ESP32_S3), Chip.fromName("esp32s3"));
        assertEquals(Optional.of(Chip.ESP32_C6), Chip.fromName("ESP32-C6"));
        assertEquals(Optional.of(Chip.ESP32_C61), Chip.fromName("ESP32-C61"));
        assertEquals(Optional.of(Chip.ESP8266), Chip.fromName("ESP8266EX"));
        assertEquals(Optional.of(Chip.ESP8266), Chip.fromName("ESP8285H16"));
        assertEquals(Optional.empty(), Chip.fromName("ESP32-S4"), "an unknown family member is not an ESP32");
        assertEquals(Optional.empty(), Chip.fromName("RP2040"));
        assertEquals(Optional.empty(), Chip.fromName(""));
        assertEquals(Optional.empty(), Chip.fromName(null));
    }

    @Test
    void everyIdfTargetNameParsesBackToItsChip() {
        assertEquals("esp32s3", Chip.ESP32_S3.idfTarget());
        assertEquals("esp8266", Chip.ESP8266.idfTarget());
        assertEquals("esp32c61", Chip.ESP32_C61.idfTarget());
        for (Chip c : Chip.values()) {
            assertEquals(c, Chip.parse(c.idfTarget()));
            assertEquals(Optional.of(c), Chip.fromName(c.idfTarget()));
            assertEquals(Optional.of(c), Chip.fromName(c.displayName()));
        }
    }

    @Test
    void chipIdsOfTheImageHeader() {
        int[][] table = {{0, 0}, {2, 1}, {5, 2}, {9, 3}, {12, 4}, {13, 5}, {16, 6}, {18, 7}, {20, 8}, {23, 9}};
        Chip[] chips = {Chip.ESP32, Chip.ESP32_S2, Chip.ESP32_C3, Chip.ESP32_S3, Chip.ESP32_C2, Chip.ESP32_C6,
            Chip.ESP32_H2, Chip.ESP32_P4, Chip.ESP32_C61, Chip.ESP32_C5};
        for (int[] row : table) {
            assertEquals(Optional.of(chips[row[1]]), Chip.byImageChipId(row[0]));
            assertEquals(OptionalInt.of(row[0]), chips[row[1]].imageChipId());
        }
        assertEquals(OptionalInt.empty(), Chip.ESP8266.imageChipId());
        assertEquals(Optional.empty(), Chip.byImageChipId(-1), "ESP8266 images have no chip id");
        assertEquals(Optional.empty(), Chip.byImageChipId(77));
    }

    @Test
    void theC61IsRecognisedAtOffsetZero() {
        assertEquals(0, Chip.ESP32_C61.flashOffset());
        assertFalse(Chip.ESP32_C61.fullySupported());
        assertEquals(0x20, Chip.ESP32_C61.flashSizeCode("4MB"));
        assertEquals(0x2, Chip.ESP32_C61.flashFreqCode("20m"));
    }
}
