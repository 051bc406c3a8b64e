package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterAddressTest {
    @TempDir Path temp;

    @Test
    void parsesHostAndPort() {
        ClusterAddress address = ClusterAddress.parse("jm.studio.lan:8081");
        assertEquals("jm.studio.lan", address.host());
        assertEquals(8081, address.port());
        assertEquals("http://jm.studio.lan:8081", address.restUri().toString());
    }

    @Test
    void badAddressesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterAddress.parse("localhost"))
                .getMessage().contains("HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterAddress.parse("localhost:http"))
                .getMessage().contains("port must be a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterAddress.parse("localhost:70000"))
                .getMessage().contains("1..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterAddress.parse("a/b@c:8081"))
                .getMessage().contains("host"));
    }

    @Test
    void aMissingJobJarIsNamed() {
        Path missing = temp.resolve("netbend-job.jar");
        assertEquals(missing, RemoteCluster.jobJar(Map.of(RemoteCluster.JOB_JAR_VARIABLE, missing.toString())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteCluster.requireJar(missing));
        assertTrue(e.getMessage().contains("job jar not found"), e.getMessage());
    }

    @Test
    void aClusterThatDoesNotAnswerIsOneClearLine() throws IOException {
        Path jar = Files.createFile(temp.resolve("netbend-job.jar"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        IOException e = assertThrows(IOException.class,
                () -> RemoteCluster.environment(new ClusterAddress("127.0.0.1", closedPort), jar));
        assertTrue(e.getMessage().startsWith("no Flink cluster answers at http://127.0.0.1:" + closedPort), e.getMessage());
    }
}
