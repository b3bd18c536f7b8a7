package org.mpysdk.samples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpysdk.serial.SerialPortInfo;
import org.mpysdk.serial.SerialPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code mpy ports}: the serial ports of this machine, recognised ESP bridges first. */
@Command(name = "ports", mixinStandardHelpOptions = true, description = "List serial ports, with recognised USB-serial bridges.")
final class PortsCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Override
    public Integer call() throws Exception {
        List<SerialPortInfo> ports = SerialPorts.list();
        if (mpy.json) {
            Output.json(ports.stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("port", p.systemName());
                m.put("description", p.description());
                m.put("usb", p.usbId());
                m.put("bridge", p.bridge().map(Enum::name).orElse(null));
                return m;
            }).toList());
            return 0;
        }
        if (ports.isEmpty()) {
            System.out.println("no serial ports found (ptys from socat or QEMU are not listed; pass them by path)");
        }
        ports.forEach(System.out::println);
        return 0;
    }
}
