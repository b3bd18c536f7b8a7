package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mpysdk.core.flash.Chip;

/** Generic boards per chip, and the bundled board metadata against core's chip table. */
class GenericBoardsTest {

    @Test
    void genericBoardsAndOffsets() {
        assertEquals("ESP32_GENERIC", GenericBoards.of(Chip.ESP32).orElseThrow());
        assertEquals("ESP32_GENERIC_S3", GenericBoards.of(Chip.ESP32_S3).orElseThrow());
        assertEquals("ESP8266_GENERIC", GenericBoards.of(Chip.ESP8266).orElseThrow());
        assertEquals("ESP32_GENERIC_P4", GenericBoards.of(Chip.ESP32_P4).orElseThrow());
        assertTrue(GenericBoards.of(Chip.ESP32_C61).isEmpty());
        assertEquals(0x1000, Chip.ESP32.flashOffset());
        assertEquals(0x1000, Chip.ESP32_S2.flashOffset());
        assertEquals(0x2000, Chip.ESP32_C5.flashOffset());
        assertEquals(0x2000, Chip.ESP32_P4.flashOffset());
        assertEquals(0, Chip.ESP32_S3.flashOffset());
        assertEquals(0, Chip.ESP8266.flashOffset());
    }

    @Test
    void everyGenericBoardIsInTheBundledMetadataWithItsChipsMcu() {
        EspBoardMetadata table = EspBoardMetadata.bundled();
        for (Chip chip : Chip.values()) {
            GenericBoards.of(chip).ifPresent(board ->
                    assertEquals(chip.idfTarget(), table.find(board).orElseThrow().mcu(), board));
        }
    }

    @Test
    void bundledMetadataAgreesWithTheChipTableExceptTheKnownWrongBoard() {
        EspBoardMetadata table = EspBoardMetadata.bundled();
        assertEquals(46, table.all().size());
        for (BoardMetadata b : table.all()) {
            Chip chip = Chip.fromName(b.mcu()).orElseThrow();
            if (b.board().equals("SEEED_XIAO_ESP32C5")) {
                assertEquals(0, b.flashOffset(), "published wrong, kept as published");
            } else {
                assertEquals(chip.flashOffset(), b.flashOffset(), b.board());
            }
        }
    }
}
