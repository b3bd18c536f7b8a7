package org.mpysdk.serial.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.flash.ResetMode;

class ResetStrategyTest {

    private static List<String> names(List<ResetStrategy> strategies) {
        return strategies.stream().map(ResetStrategy::name).toList();
    }

    @Test
    void autoOnTheChipsOwnUsbTriesTheUsbJtagSequenceFirst() {
        List<String> usb = names(ResetStrategy.sequence(ResetMode.AUTO, true, true));
        List<String> bridge = names(ResetStrategy.sequence(ResetMode.AUTO, true, false));
        assertEquals(names(List.of(ResetStrategy.usbJtagSerial())).get(0), usb.get(0));
        assertTrue(bridge.stream().noneMatch(usb.get(0)::equals), "a USB-UART bridge never gets the USB-JTAG sequence: " + bridge);
    }

    @Test
    void withoutControlLinesNothingIsPulsed() {
        assertEquals(names(List.of(ResetStrategy.none())), names(ResetStrategy.sequence(ResetMode.AUTO, false, true)));
    }

    @Test
    void anExplicitModeWins() {
        assertEquals(names(List.of(ResetStrategy.none())), names(ResetStrategy.sequence(ResetMode.NO_RESET, true, true)));
    }
}
