package org.mpysdk.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.core.flash.FlashImage;

/** The factory sample against four virtual ESP32s at once. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FactoryFlashTest {

    @Test
    void flashesFourVirtualBoardsInParallelAndVerifiesEach() throws Exception {
        byte[] app = new byte[64 * 1024];
        new Random(7).nextBytes(app);
        FlashImage image = FlashImage.at(0x10000, app);
        List<FactoryFlash.Station> stations = FactoryFlash.flashAll(image,
                List.of("virtual:esp32", "virtual:esp32", "virtual:esp32", "virtual:esp32"));
        assertEquals(4, stations.size());
        for (FactoryFlash.Station s : stations) {
            assertNull(s.error(), s.port() + " failed: " + s.error());
            assertTrue(s.result().verified(), s.result().toString());
            assertEquals(app.length, s.result().bytes());
        }
    }
}
