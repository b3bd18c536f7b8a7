package org.mpysdk.testkit.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.PortAddress;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportProvider;
import org.mpysdk.testkit.VirtualBoardFactory;

/**
 * The one provider of the {@code virtual} scheme: routes {@code virtual:micropython},
 * {@code virtual:esp32} and the others to the {@link VirtualBoardFactory} that handles each target.
 *
 * <pre>{@code
 * try (Board board = Board.open("virtual:micropython")) { ... }
 * }</pre>
 */
public final class VirtualTransportProvider implements TransportProvider {
    private final List<VirtualBoardFactory> factories;

    /** Finds the virtual board kinds on the classpath (ServiceLoader). */
    public VirtualTransportProvider() {
        this(ServiceLoader.load(VirtualBoardFactory.class, VirtualTransportProvider.class.getClassLoader()));
    }

    /** @param factories the virtual board kinds to route to, first match wins */
    public VirtualTransportProvider(Iterable<VirtualBoardFactory> factories) {
        List<VirtualBoardFactory> list = new ArrayList<>();
        factories.forEach(list::add);
        this.factories = List.copyOf(list);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("virtual");
    }

    @Override
    public Transport open(PortAddress address, List<BoardOption> options) throws IOException {
        String target = address.target().strip().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (VirtualBoardFactory factory : factories) {
            if (factory.handles(target)) {
                return factory.open(address, options);
            }
            known.add(factory.targets());
        }
        throw new PortNotFoundException("no virtual board '" + address.text() + "': known targets are "
                + (known.isEmpty() ? "none (is sdk-testkit complete on the classpath?)" : String.join(", ", known)));
    }

    @Override
    public String module() {
        return "sdk-testkit";
    }
}
