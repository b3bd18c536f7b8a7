package org.mpysdk.webrepl;

import java.util.Optional;

/**
 * The station interface of a board, as {@link WifiSetup#status()} reads it.
 *
 * @param active whether {@code WLAN(STA_IF).active()} is true
 * @param statusCode what {@code WLAN.status()} returned (port-specific numbers; -1 when inactive)
 * @param connection the address, when the board is connected and has one
 */
public record WifiStatus(boolean active, int statusCode, Optional<WifiConnection> connection) {
    /** @return whether the board is on a network with an address */
    public boolean connected() {
        return connection.isPresent();
    }
}
