package org.pensim.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test: a fresh cluster made with Debian's initdb and started with
 * pg_ctl on a free loopback port, stopped and deleted afterwards. {@code .ci/run} installs the package.
 */
public final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private LocalPostgres(Path bin, Path data, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static LocalPostgres start() throws Exception {
        Path bin = findBin();
        Path data = Files.createTempDirectory("pensim-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", data.toString()), false);
        }
        int port = TestCluster.freePort();
        LocalPostgres pg = new LocalPostgres(bin, data, port, root);
        pg.pg(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-U", "pensim",
                "--auth=trust", "--encoding=UTF8", "--no-sync"));
        pg.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-w", "-t", "60",
                "-l", data.resolve("log").toString(), "-o", "-p " + port + " -h 127.0.0.1 -k " + data + " -F", "start"));
        try (Connection c = DriverManager.getConnection(pg.url("postgres"), "pensim", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE pensim");
        }
        return pg;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String url() {
        return url("pensim");
    }

    private void pg(List<String> command) throws Exception {
        run(command, asPostgresUser);
    }

    private static void run(List<String> command, boolean asPostgresUser) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static Path findBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql: install "
                    + "Debian's postgresql package (.ci/run does)");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "fast", "-w", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
