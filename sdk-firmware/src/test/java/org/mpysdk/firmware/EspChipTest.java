package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EspChipTest {

    @Test
    void namesAsBootloadersAndUsersWriteThem() {
        assertEquals(Optional.of(EspChip.ESP32), EspChip.fromName("ESP32-D0WD-V3 (revision v3.1)"));
        assertEquals(Optional.of(EspChip.ESP32), EspChip.fromName("ESP32-PICO-D4"));
        assertEquals(Optional.of(EspChip.ESP32_S3), EspChip.fromName("ESP32-S3 (QFN56)"));
        assertEquals(Optional.of(EspChip.ESP32_S3), EspChip.fromName("esp32s3"));
        assertEquals(Optional.of(EspChip.ESP32_C6), EspChip.fromName("ESP32-C6"));
        assertEquals(Optional.of(EspChip.ESP32_C61), EspChip.fromName("ESP32-C61"));
        assertEquals(Optional.of(EspChip.ESP8266), EspChip.fromName("ESP8266EX"));
        assertEquals(Optional.of(EspChip.ESP8266), EspChip.fromName("ESP8285H16"));
        assertEquals(Optional.empty(), EspChip.fromName("ESP32-S4"), "an unknown family member is not an ESP32");
        assertEquals(Optional.empty(), EspChip.fromName("RP2040"));
        assertEquals(Optional.empty(), EspChip.fromName(null));
    }

    @Test
    void genericBoardsAndOffsets() {
        assertEquals("ESP32_GENERIC", EspChip.ESP32.genericBoard().orElseThrow());
        assertEquals("ESP32_GENERIC_S3", EspChip.ESP32_S3.genericBoard().orElseThrow());
        assertEquals("ESP8266_GENERIC", EspChip.ESP8266.genericBoard().orElseThrow());
        assertEquals("ESP32_GENERIC_P4", EspChip.ESP32_P4.genericBoard().orElseThrow());
        assertTrue(EspChip.ESP32_C61.genericBoard().isEmpty());
        assertEquals(0x1000, EspChip.ESP32.flashOffset());
        assertEquals(0x1000, EspChip.ESP32_S2.flashOffset());
        assertEquals(0x2000, EspChip.ESP32_C5.flashOffset());
        assertEquals(0x2000, EspChip.ESP32_P4.flashOffset());
        assertEquals(0, EspChip.ESP32_S3.flashOffset());
        assertEquals(0, EspChip.ESP8266.flashOffset());
    }

    @Test
    void chipIdsOfTheImageHeader() {
        int[][] table = {{0, 0}, {2, 1}, {5, 3}, {9, 4}, {12, 5}, {13, 6}, {16, 7}, {18, 8}, {23, 10}};
        EspChip[] chips = {EspChip.ESP32, EspChip.ESP32_S2, null, EspChip.ESP32_C3, EspChip.ESP32_S3, EspChip.ESP32_C2,
                EspChip.ESP32_C6, EspChip.ESP32_H2, EspChip.ESP32_P4, null, EspChip.ESP32_C5};
        for (int[] row : table) {
            assertEquals(Optional.of(chips[row[1]]), EspChip.fromImageChipId(row[0]));
        }
        assertEquals(Optional.empty(), EspChip.fromImageChipId(-1), "ESP8266 images have no chip id");
        assertEquals(Optional.empty(), EspChip.fromImageChipId(77));
    }

    @Test
    void bundledMetadataAgreesWithTheChipTableExceptTheKnownWrongBoard() {
        EspBoardMetadata table = EspBoardMetadata.bundled();
        assertEquals(46, table.all().size());
        for (BoardMetadata b : table.all()) {
            EspChip chip = EspChip.fromMcu(b.mcu()).orElseThrow();
            if (b.board().equals("SEEED_XIAO_ESP32C5")) {
                assertEquals(0, b.flashOffset(), "published wrong, kept as published");
            } else {
                assertEquals(chip.flashOffset(), b.flashOffset(), b.board());
            }
        }
    }
}
