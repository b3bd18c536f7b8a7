package org.mpysdk.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the serial ports of this machine.
 *
 * <pre>{@code
 * for (SerialPortInfo p : SerialPorts.list()) {
 *     System.out.println(p); // /dev/ttyUSB0 (CP2102 USB to UART) 10C4:EA60 Silicon Labs CP210x
 * }
 * }</pre>
 *
 * <p>Pseudo-terminals (socat, QEMU) are not listed but open by path all the same.
 */
public final class SerialPorts {
    private SerialPorts() {
    }

    /** @return the ports, sorted by name; recognised ESP bridges first */
    public static List<SerialPortInfo> list() {
        List<SerialPortInfo> ports = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            int vid = p.getVendorID();
            int pid = p.getProductID();
            ports.add(new SerialPortInfo(systemPath(p), nullToEmpty(p.getPortDescription()), vid, pid,
                    nullToEmpty(p.getSerialNumber()), UsbBridge.of(vid, pid)));
        }
        ports.sort(Comparator.comparing((SerialPortInfo i) -> i.bridge().isEmpty()).thenComparing(SerialPortInfo::systemName));
        return ports;
    }

    /** @return the names of {@link #list()}, for error messages */
    static List<String> names() {
        return list().stream().map(SerialPortInfo::systemName).toList();
    }

    private static String systemPath(SerialPort p) {
        String path = p.getSystemPortPath();
        if (path == null || path.isEmpty() || path.startsWith("\\\\.\\")) {
            return p.getSystemPortName();
        }
        return path;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
