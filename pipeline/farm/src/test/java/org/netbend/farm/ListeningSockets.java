package org.netbend.farm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, as the kernel reports them: {@code /proc/PID/net/tcp} and {@code tcp6} list
 * every socket of the process's network namespace with its inode, and {@code /proc/PID/fd} says which inodes the
 * process holds. So a test sees exactly what a port scan of the machine would find of that process, whichever
 * library opened it. Linux only. Tests of {@code render}, {@code serve} and the studio share it.
 */
public final class ListeningSockets {
    /** The kernel's state number for a listening socket ({@code TCP_LISTEN}). */
    private static final String LISTEN = "0A";

    private ListeningSockets() { }

    /** The listening sockets of this JVM. */
    public static List<InetSocketAddress> ofThisProcess() throws IOException {
        return of(ProcessHandle.current().pid());
    }

    /** The listening sockets of process {@code pid}. */
    public static List<InetSocketAddress> of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> inodes = socketInodes(proc.resolve("fd"));
        List<InetSocketAddress> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = proc.resolve("net").resolve(table);
            if (!Files.exists(file)) {
                continue; // a kernel without IPv6
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) { // the first line is a header
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && LISTEN.equals(fields[3]) && inodes.contains(fields[9])) {
                    listening.add(address(fields[1]));
                }
            }
        }
        return listening;
    }

    /** Those not bound to a loopback address (a wildcard {@code 0.0.0.0} or {@code ::} is not loopback). */
    public static List<InetSocketAddress> beyondLoopback(List<InetSocketAddress> sockets) {
        return sockets.stream().filter(s -> !s.getAddress().isLoopbackAddress()).toList();
    }

    /** The inodes of the sockets among the process's open files ({@code socket:[INODE]} links). */
    private static Set<String> socketInodes(Path fds) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : (Iterable<Path>) links::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(link).toString();
                } catch (IOException closed) {
                    continue; // the file was closed while we listed them
                }
                if (target.startsWith("socket:[")) {
                    inodes.add(target.substring("socket:[".length(), target.length() - 1));
                }
            }
        }
        return inodes;
    }

    /**
     * {@code 0100007F:1F90} (IPv4) or 32 hex digits and a port (IPv6): the address is written as 32-bit words in
     * the host's byte order (little-endian on x86 and ARM), the port in big-endian hex.
     */
    static InetSocketAddress address(String field) throws IOException {
        int colon = field.indexOf(':');
        String hex = field.substring(0, colon);
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2; // little-endian word: its last hex pair is its first byte
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(field.substring(colon + 1), 16));
    }
}
