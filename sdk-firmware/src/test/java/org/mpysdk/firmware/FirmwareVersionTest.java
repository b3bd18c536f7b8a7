package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirmwareVersionTest {

    private static FirmwareVersion v(String s) throws CatalogFormatException {
        return FirmwareVersion.parse(s);
    }

    @Test
    void semanticOrderingWithPreviewsBeforeTheirRelease() throws Exception {
        List<FirmwareVersion> expected = List.of(v("v1.9.4"), v("v1.18"), v("v1.22.2"), v("v1.23.0-preview.1.gaaaa"),
                v("v1.23.0-preview.236.gcd8eea2ae"), v("v1.23.0"), v("v1.23.1"), v("v1.24.0-preview.109.gfce3cea24"),
                v("v1.24.0"), v("v2.0.0-preview.2.gbbbb"));
        List<FirmwareVersion> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 2, 7);
        Collections.sort(shuffled);
        assertEquals(expected, shuffled);
        assertTrue(v("v1.10.0").isNewerThan(v("v1.9.9")), "numeric, not lexical");
    }

    @Test
    void parsesWithAndWithoutV() throws Exception {
        assertEquals(FirmwareVersion.release(1, 27, 0), v("1.27.0"));
        assertEquals(FirmwareVersion.release(1, 27, 0), v(" v1.27.0 "));
        assertEquals("v1.23.0-preview.236.gcd8eea2ae", v("v1.23.0-preview.236.gcd8eea2ae").toString());
        assertEquals(v("v1.23.0"), v("v1.23.0-preview.236.gcd8eea2ae").base());
    }

    @Test
    void rejectsNonVersions() {
        for (String s : new String[] {"", "v", "1", "v1.x.0", "v1.2.3-beta", "v1.2.3-preview.1", "v99999999999.1.1", null}) {
            assertThrows(CatalogFormatException.class, () -> FirmwareVersion.parse(s), String.valueOf(s));
        }
    }

    @Test
    void inconsistentPartsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(1, 2, 3, 5, ""));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(1, 2, 3, -1, "abc"));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(-1, 2, 3, -1, ""));
    }
}
