package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The socket lister sees what this JVM listens on, and tells loopback from the rest. */
class ListeningSocketsTest {
    @Test
    void seesALoopbackAndAWildcardListenerOfThisProcess() throws Exception {
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket wildcard = new ServerSocket(0, 1)) {
            List<InetSocketAddress> sockets = ListeningSockets.ofThisProcess();
            InetSocketAddress open = sockets.stream().filter(s -> s.getPort() == wildcard.getLocalPort())
                    .findFirst().orElseThrow(() -> new AssertionError("port " + wildcard.getLocalPort()
                            + " not among " + sockets));
            assertTrue(open.getAddress().isAnyLocalAddress(), open.toString());
            assertTrue(sockets.stream().anyMatch(s -> s.getPort() == loopback.getLocalPort()
                    && s.getAddress().isLoopbackAddress()), "loopback port " + loopback.getLocalPort() + " in " + sockets);
            assertEquals(List.of(open), ListeningSockets.beyondLoopback(sockets.stream()
                    .filter(s -> s.getPort() == wildcard.getLocalPort() || s.getPort() == loopback.getLocalPort())
                    .toList()));
        }
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        assertFalse(ListeningSockets.ofThisProcess().stream().anyMatch(s -> s.getPort() == closedPort),
                "a closed socket no longer listens");
    }

    @Test
    void decodesTheKernelsHexAddresses() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080),
                ListeningSockets.address("0100007F:1F90"));
        assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 443),
                ListeningSockets.address("00000000000000000000000001000000:01BB"));
        assertTrue(ListeningSockets.address("00000000:0050").getAddress().isAnyLocalAddress());
    }
}
