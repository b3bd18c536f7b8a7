package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import org.mpysdk.core.flash.Chip;

/** Garbage into every parser: a typed exception or a result that keeps its invariants, never a hang or another exception. */
class ImageParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void verifier(FuzzedDataProvider data) throws CatalogFormatException {
        Chip boardChip = data.pickValue(Chip.values());
        boolean app = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        FirmwareFileName name = FirmwareFileName.parse("ESP32_GENERIC-20251209-v1.27.0." + (app ? "app-bin" : "bin"));
        try {
            VerifiedImage v = new ImageVerifier().verify(bytes, name, Optional.of(boardChip), OptionalLong.empty());
            assertTrue(v.chip() == boardChip);
        } catch (FirmwareVerificationException expected) {
            assertTrue(!expected.getMessage().isBlank());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void partitionTable(FuzzedDataProvider data) {
        int offset = data.consumeInt(0, 64);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            PartitionTable t = PartitionTable.parse(bytes, offset);
            assertTrue(!t.partitions().isEmpty());
        } catch (ImageVerificationException expected) {
            assertTrue(expected.getMessage().contains("partition table"));
        }
    }

    @FuzzTest(maxDuration = "10s")
    void pageParsers(FuzzedDataProvider data) {
        String html = data.consumeRemainingAsString();
        URI base = URI.create("https://micropython.org/download/ESP32_GENERIC/");
        try {
            assertTrue(!BoardPageParser.parse(html, base, "ESP32_GENERIC").files().isEmpty());
        } catch (CatalogFormatException expected) {
            assertTrue(expected.getMessage().contains("ESP32_GENERIC"));
        }
        try {
            assertTrue(!IndexPageParser.parse(html, base).isEmpty());
        } catch (CatalogFormatException expected) {
            assertTrue(expected.getMessage().contains("board"));
        }
    }
}
