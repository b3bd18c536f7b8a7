package org.mpysdk.firmware;

/** The MicroPython ports this SDK flashes, as micropython.org's download index filters them. */
public enum Port {
    /** The esp32 port: ESP32, S2, S3, C2, C3, C5, C6, H2, P4. */
    ESP32("esp32"),
    /** The esp8266 port. */
    ESP8266("esp8266");

    private final String id;

    Port(String id) {
        this.id = id;
    }

    /** @return the port id as the site's {@code ?port=} filter spells it */
    public String id() {
        return id;
    }
}
