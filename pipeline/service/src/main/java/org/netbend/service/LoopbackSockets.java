package org.netbend.service;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;

/**
 * The listener sockets of the embedded broker, bound to loopback. Kafka's cluster kit binds each node's listeners
 * before the node starts (so that the quorum's addresses are known), and binds them to every interface
 * ({@code new InetSocketAddress(port)}), whatever the {@code listeners} setting says. This manager binds the same
 * sockets to 127.0.0.1; the kit hands them to the node as before. A node that restarts reopens each listener on
 * its port at the address its {@code listeners} setting names, which {@link EmbeddedBroker} sets to 127.0.0.1 too.
 */
final class LoopbackSockets extends PreboundSocketFactoryManager {
    private final Map<Integer, Map<String, ServerSocketChannel>> sockets = new HashMap<>();

    /**
     * The kit's builder makes its manager itself and offers no way to pass one, so this one replaces it in the
     * builder before {@code build()}. {@code EmbeddedBrokerTest} lists the broker's sockets, so a kit version that
     * moved the field fails there (and here, with this message), never silently binding to every interface.
     */
    static KafkaClusterTestKit.Builder install(KafkaClusterTestKit.Builder builder) {
        try {
            Field field = KafkaClusterTestKit.Builder.class.getDeclaredField("socketFactoryManager");
            field.setAccessible(true);
            field.set(builder, new LoopbackSockets());
            return builder;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("the embedded broker cannot bind its listeners to loopback with this "
                    + "Kafka cluster kit (" + e + ")", e);
        }
    }

    @Override
    public synchronized int getOrCreatePortForListener(int nodeId, String listener) throws IOException {
        ServerSocketChannel socket = sockets.computeIfAbsent(nodeId, id -> new HashMap<>()).get(listener);
        if (socket == null) {
            socket = ServerSocketChannel.open();
            socket.configureBlocking(false); // Kafka's acceptor selects on it
            socket.socket().setReuseAddress(true); // as Kafka's own, so that a restart can take the port again
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            sockets.get(nodeId).put(listener, socket);
        }
        return ((InetSocketAddress) socket.socket().getLocalSocketAddress()).getPort();
    }

    @Override
    public synchronized ServerSocketChannel getSocketForListenerAndMarkAsUsed(int nodeId, String listener) {
        // An open socket is handed over as it is; a closed one (the node restarting) is reopened on its port.
        return sockets.getOrDefault(nodeId, Map.of()).get(listener);
    }

    @Override
    public synchronized void close() throws Exception {
        for (Map<String, ServerSocketChannel> node : sockets.values()) {
            for (ServerSocketChannel socket : node.values()) {
                socket.close();
            }
        }
        super.close();
    }
}
