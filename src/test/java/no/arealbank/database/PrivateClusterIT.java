package no.arealbank.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private cluster against the real PostgreSQL + PostGIS packages of this machine. As root (CI) the cluster runs
 * as the postgres user, so temp dirs are used as data dirs directly: their 700 parent would otherwise stop it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PrivateClusterIT {

    @TempDir
    Path tempDir;

    @Test
    void startsAWorkingPostgisDatabaseInAnEmptyDirectoryAndDeletesItWhenEphemeral() throws Exception {
        Path dataDir = Files.createTempDirectory("arealbank-cluster-it-");
        PrivateCluster cluster = PrivateCluster.start(dataDir, true);
        try {
            assertThat(cluster.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/arealbank");
            assertThat(cluster.username()).isEqualTo("arealbank");
            assertThat(Files.readString(dataDir.resolve("password")).strip()).isEqualTo(cluster.password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("password"))))
                    .isEqualTo("rw-------");
            try (Connection connection = connect(cluster)) {
                assertThat(single(connection, "SELECT postgis_version()")).startsWith("3.");
                // PROJ is usable: a point in Vest-Telemark lands where UTM 32N puts it
                assertThat(Double.parseDouble(single(connection,
                        "SELECT ST_X(ST_Transform(ST_SetSRID(ST_MakePoint(8.5, 59.5), 4326), 25832))")))
                        .isBetween(465_000.0, 480_000.0);
                assertThat(single(connection, "SHOW max_parallel_workers_per_gather")).isEqualTo("0");
                assertThat(single(connection, "SHOW fsync")).isEqualTo("on");
                assertThat(single(connection, "SHOW shared_buffers")).isEqualTo("256MB");
                assertThat(single(connection, "SHOW max_connections")).isEqualTo("100");
                assertThat(single(connection, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(single(connection, "SHOW unix_socket_directories")).isEmpty();
                assertThat(single(connection, "SHOW server_encoding")).isEqualTo("UTF8");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(cluster.jdbcUrl(), cluster.username(), "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        } finally {
            cluster.stop();
            cluster.stop(); // idempotent
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void keepsDataAndPasswordAcrossStopAndStart() throws Exception {
        String password;
        try (PrivateCluster first = PrivateCluster.start(tempDir, false)) {
            password = first.password();
            execute(first, "CREATE TABLE survivor (name text)", "INSERT INTO survivor VALUES ('Seljord')");
            assertThatThrownBy(() -> PrivateCluster.start(tempDir, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already in use");
        }
        assertThat(tempDir.resolve("pgdata/postmaster.pid")).doesNotExist();
        assertThat(tempDir.resolve("pgdata/PG_VERSION")).exists();

        try (PrivateCluster second = PrivateCluster.start(tempDir, false);
                Connection connection = connect(second)) {
            assertThat(second.password()).isEqualTo(password);
            assertThat(single(connection, "SELECT string_agg(name, ',') FROM survivor")).isEqualTo("Seljord");
        }
    }

    @Test
    void recoversWhenItsJvmIsKilledAndLeavesAnOrphanedServer() throws Exception {
        String token = UUID.randomUUID().toString();
        Probe probe = Probe.launch(tempDir, token);
        long postmasterPid;
        try {
            probe.awaitReady();
            // while the probe lives, it owns the data dir
            assertThatThrownBy(() -> PrivateCluster.start(tempDir, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running process");
            postmasterPid = postmasterPid(tempDir);
        } finally {
            probe.kill();
        }
        assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive))
                .as("the killed JVM's server keeps running as an orphan")
                .contains(true);

        try (PrivateCluster cluster = PrivateCluster.start(tempDir, false);
                Connection connection = connect(cluster)) {
            // pg_ctl stop returns once the server has removed postmaster.pid; the process itself ends a moment later
            ProcessHandle.of(postmasterPid).ifPresent(orphan -> assertThat(orphan.onExit())
                    .as("orphaned server stopped").succeedsWithin(Duration.ofSeconds(30)));
            assertThat(postmasterPid(tempDir)).isNotEqualTo(postmasterPid);
            assertThat(count(connection, token)).isEqualTo(1);
            execute(cluster, "INSERT INTO crash_probe (token) VALUES ('after-restart')");
            assertThat(count(connection, "after-restart")).isEqualTo(1);
        }
    }

    @Test
    void recoversWhenTheJvmAndItsServerAreKilledTogetherLikeAPowerCut() throws Exception {
        String token = UUID.randomUUID().toString();
        Probe probe = Probe.launch(tempDir, token);
        try {
            probe.awaitReady();
            ProcessHandle postmaster = ProcessHandle.of(postmasterPid(tempDir)).orElseThrow();
            List<ProcessHandle> server = new ArrayList<>(postmaster.descendants().toList());
            server.add(postmaster);
            server.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle process : server) {
                process.onExit().get(30, TimeUnit.SECONDS);
            }
        } finally {
            probe.kill();
        }
        assertThat(tempDir.resolve("pgdata/postmaster.pid")).as("stale pid file left by the killed server").exists();

        try (PrivateCluster cluster = PrivateCluster.start(tempDir, false);
                Connection connection = connect(cluster)) {
            assertThat(count(connection, token)).isEqualTo(1);
            assertThat(count(connection, "filler")).isPositive();
            execute(cluster, "INSERT INTO crash_probe (token) VALUES ('after-restart')");
            assertThat(count(connection, "after-restart")).isEqualTo(1);
        }
    }

    @Test
    void namesTheDirectoryThePostgresUserCannotEnterWhenRunAsRoot() throws Exception {
        // @TempDir is created with mode 700, owned by whoever runs the tests
        Path dataDir = tempDir.resolve("data");
        if (runningAsRoot()) {
            assertThatThrownBy(() -> PrivateCluster.start(dataDir, true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot enter the directory " + tempDir.toRealPath())
                    .hasMessageContaining("chmod o+x");
        } else {
            // PostgreSQL runs as the current user, who owns the 700 directory: nothing to refuse
            try (PrivateCluster cluster = PrivateCluster.start(dataDir, true); Connection connection = connect(cluster)) {
                assertThat(single(connection, "SELECT 1")).isEqualTo("1");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Connection connect(PrivateCluster cluster) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), cluster.username(), cluster.password());
    }

    private static void execute(PrivateCluster cluster, String... statements) throws SQLException {
        try (Connection connection = connect(cluster); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static long count(Connection connection, String token) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM crash_probe WHERE token = ?")) {
            statement.setString(1, token);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).get(0).trim());
    }

    private static boolean runningAsRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    /** {@link ClusterCrashProbe} in a JVM of its own. */
    private record Probe(Process process, StringBuffer output, CompletableFuture<Void> ready) {

        static Probe launch(Path dataDir, String token) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // under Surefire/Failsafe java.class.path may be a manifest-only booter jar; both forms work for -cp
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process process = new ProcessBuilder(java, "-cp", classpath, ClusterCrashProbe.class.getName(),
                    dataDir.toString(), token)
                    .redirectErrorStream(true)
                    .start();
            Probe probe = new Probe(process, new StringBuffer(), new CompletableFuture<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        probe.output.append(line).append('\n');
                        if (line.startsWith("READY")) {
                            probe.ready.complete(null);
                        }
                    }
                } catch (IOException e) {
                    // the probe was killed
                }
                probe.ready.completeExceptionally(new IllegalStateException("probe exited before READY"));
            }, "crash-probe-output");
            reader.setDaemon(true);
            reader.start();
            return probe;
        }

        void awaitReady() {
            try {
                ready.get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new AssertionError("the crash probe did not get ready:\n" + output, e);
            }
        }

        /** SIGKILL: no shutdown hook runs, the JVM cannot stop its cluster. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("probe JVM exited").isTrue();
        }
    }
}
