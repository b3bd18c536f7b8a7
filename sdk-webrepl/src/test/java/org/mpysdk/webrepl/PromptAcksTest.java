package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class PromptAcksTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void quickAckIsArmedAfterEachRead() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket board = server.accept()) {
            PromptAcks acks = new PromptAcks(client);
            assertTrue(acks.supported(), "Linux has TCP_QUICKACK");
            InputStream in = acks.wrap(client.getInputStream());
            board.getOutputStream().write(new byte[] {1, 2, 3});
            client.setOption(ExtendedSocketOptions.TCP_QUICKACK, false);
            assertEquals(3, in.read(new byte[8], 0, 8));
            assertTrue(client.getOption(ExtendedSocketOptions.TCP_QUICKACK), "armed again after the read");
        }
    }

    @Test
    void bytesPassUnchanged() throws IOException {
        PromptAcks acks = new PromptAcks(new Socket());
        InputStream in = acks.wrap(new ByteArrayInputStream(new byte[] {5, 6, 7}));
        assertEquals(5, in.read());
        byte[] rest = new byte[2];
        assertEquals(2, in.read(rest, 0, 2));
        assertArrayEquals(new byte[] {6, 7}, rest);
        assertEquals(-1, in.read());
    }
}
