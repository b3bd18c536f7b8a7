package org.mpysdk.samples.cli;

import java.util.concurrent.Callable;
import org.mpysdk.serial.SerialPortInfo;
import org.mpysdk.serial.SerialPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mpy ports}: the serial ports of this machine, recognised ESP bridges first. */
@Command(name = "ports", description = "List serial ports, with recognised USB-serial bridges.")
final class PortsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
        var ports = SerialPorts.list();
        if (json) {
            StringBuilder sb = new StringBuilder("[");
            for (SerialPortInfo p : ports) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(String.format("{\"port\":\"%s\",\"description\":\"%s\",\"usb\":\"%s\",\"bridge\":\"%s\"}",
                        Json.escape(p.systemName()), Json.escape(p.description()), p.usbId(),
                        p.bridge().map(Enum::name).orElse("")));
            }
            System.out.println(sb.append(']'));
            return 0;
        }
        if (ports.isEmpty()) {
            System.out.println("no serial ports found (ptys from socat or QEMU are not listed; pass them by path)");
        }
        for (SerialPortInfo p : ports) {
            System.out.println(p);
        }
        return 0;
    }
}
