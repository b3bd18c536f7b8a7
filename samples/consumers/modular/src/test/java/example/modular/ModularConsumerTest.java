package example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.mpysdk.Board;

/** The same board open as the main program, under Surefire on the module path. */
class ModularConsumerTest {
    @Test
    void opensAVirtualBoardThroughTheModulePath() throws IOException {
        // A class path run would put everything in the unnamed module and prove nothing.
        assertEquals("example.modular", ModularConsumerTest.class.getModule().getName());
        assertEquals("org.mpysdk.core", Board.class.getModule().getName());
        assertEquals("3", VirtualHello.run());
    }

    @Test
    void theEspBootloaderIsFoundAcrossModules() throws IOException {
        // core uses BootloaderProvider, sdk-serial provides it; VirtualEsp reads serial's qualified export.
        String chip = VirtualHello.espChip();
        assertTrue(chip.startsWith("ESP32"), chip);
    }

    @Test
    void theVirtualProviderComesFromTheTestkitModule() {
        ModuleLayer layer = Board.class.getModule().getLayer();
        assertTrue(layer.findModule("org.mpysdk.testkit").isPresent(), "org.mpysdk.testkit resolved as a module");
    }
}
