package io.streamscore.cli.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The listening TCP sockets of a process as the kernel reports them ({@code /proc/<pid>/fd}, {@code /proc/net/tcp*}).
 */
public final class ListeningSockets {
    private ListeningSockets() {}

    /** Listening sockets of this process: socket inode -> local address (IPv4 and IPv4-mapped IPv6). */
    public static Map<String, String> ofThisProcess() throws IOException {
        return of("self");
    }

    /** Listening sockets of process {@code pid} (of this user): socket inode -> local address. */
    public static Map<String, String> ofProcess(long pid) throws IOException {
        return of(Long.toString(pid));
    }

    private static Map<String, String> of(String pid) throws IOException {
        Set<String> ownInodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", pid, "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ownInodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between list and read: not a socket we need to see
                }
            }
        }
        Map<String, String> sockets = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table)); // read once: the table changes as sockets open
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && ownInodes.contains(f[9])) { // 0A: LISTEN
                    sockets.put(f[9], address(f[1]));
                }
            }
        }
        return sockets;
    }

    /**
     * {@code 0100007F:1F90} or the IPv4-mapped IPv6 form as {@code a.b.c.d:port}; the IPv6 wildcard as
     * {@code [::]:port}; any other IPv6 address as {@code [v6]:port}.
     */
    static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String ip = parts[0];
        if (ip.length() == 32) {
            if (ip.equals("0".repeat(32))) {
                return "[::]:" + port;
            }
            if (!ip.startsWith("0000000000000000FFFF0000")) {
                return "[" + ip + "]:" + port;
            }
            ip = ip.substring(24);
        }
        long value = Long.parseLong(ip, 16); // little-endian bytes
        return (value & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + ((value >> 16) & 0xFF) + "."
                + ((value >> 24) & 0xFF) + ":" + port;
    }
}
