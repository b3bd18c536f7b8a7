package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

class BootScriptTest {
    @Test
    void enableAppendsOnceAndIsIdempotent() {
        String boot = "import esp\nesp.osdebug(None)\n";
        String once = BootScript.enable(boot);
        assertEquals(boot + "import webrepl\nwebrepl.start()\n", once);
        assertEquals(once, BootScript.enable(once));
        assertEquals(1, BootScript.startLineCount(BootScript.enable(once)));
        assertTrue(BootScript.startsWebRepl(once));
        assertEquals("import webrepl\nwebrepl.start()\n", BootScript.enable(""));
        assertEquals("x = 1\nimport webrepl\nwebrepl.start()\n", BootScript.enable("x = 1"));
    }

    @Test
    void disableCommentsOutAndEnableUncommentsAsWebreplSetupDoes() {
        String on = "import gc\nimport webrepl\nwebrepl.start()\ngc.collect()\n";
        String off = BootScript.disable(on);
        assertEquals("import gc\n#import webrepl\n#webrepl.start()\ngc.collect()\n", off);
        assertFalse(BootScript.startsWebRepl(off));
        assertEquals(off, BootScript.disable(off));
        assertEquals(on, BootScript.enable(off));
        assertEquals(0, BootScript.startLineCount(off));
    }

    @Test
    void webreplSetupsOwnImportIsNotAStartLine() {
        assertFalse(BootScript.startsWebRepl("import webrepl_setup\n"));
        assertEquals("import webrepl_setup\nimport webrepl\nwebrepl.start()\n", BootScript.enable("import webrepl_setup\n"));
    }

    /** Found by .ci/fuzz: a boot.py with only one of the two lines must get the other, the import first. */
    @Test
    void aLoneStartOrImportLineIsCompleted() {
        for (String boot : new String[] {"webrepl.start()\n", "#webrepl.start()\n", "import webrepl\n", "x = 1\n  webrepl.start()"}) {
            String on = BootScript.enable(boot);
            assertTrue(BootScript.startsWebRepl(on), boot + " -> " + on);
            assertEquals(on, BootScript.enable(on));
            assertTrue(on.indexOf("import webrepl") < on.indexOf("webrepl.start("), on);
        }
        assertEquals("x = 1\n  import webrepl\n  webrepl.start()", BootScript.enable("x = 1\n  webrepl.start()"));
    }

    @Test
    void passwordLengthIsChecked() {
        WebReplSetup.checkPassword("abcd");
        WebReplSetup.checkPassword("123456789");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebReplSetup.checkPassword("abc"));
        assertTrue(e.getMessage().contains("4 to 9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WebReplSetup.checkPassword("1234567890"));
        assertThrows(IllegalArgumentException.class, () -> WebReplSetup.checkPassword("ééééé"));
        assertThrows(IllegalArgumentException.class, () -> WebReplSetup.checkPassword("ab\ncd"));
    }

    /** For any boot.py, enable is idempotent and starts WebREPL; disable after enable stops it. */
    @FuzzTest(maxDuration = "10s")
    void editsAreIdempotent(FuzzedDataProvider data) {
        String boot = data.consumeRemainingAsString();
        String on = BootScript.enable(boot);
        assertEquals(on, BootScript.enable(on));
        assertTrue(BootScript.startsWebRepl(on));
        String off = BootScript.disable(on);
        assertEquals(off, BootScript.disable(off));
        assertFalse(BootScript.startsWebRepl(off));
        assertEquals(0, BootScript.startLineCount(off));
    }
}
