package no.arealbank.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL + PostGIS cluster run from the system's PostgreSQL packages: {@code initdb} into
 * {@code <dataDir>/pgdata} on first use, then {@code pg_ctl start} on a free loopback port (TCP only, no Unix
 * socket, SCRAM password auth). The data directory is kept between runs unless the cluster is ephemeral.
 *
 * <p>Layout of {@code dataDir}: {@code pgdata/} (the cluster), {@code password} (mode 600, the {@value #USER}
 * role's password), {@code postgres.log} (server log), {@code cluster.lock} (held while a JVM owns the cluster).
 *
 * <p>Crash safety: the lock is an OS file lock, so it disappears with its JVM even after {@code SIGKILL}. A JVM
 * that gets the lock therefore knows a still-running postmaster on the data dir is an orphan and stops it before
 * starting its own; a stale {@code postmaster.pid} is cleared by PostgreSQL, which then replays its WAL.
 *
 * <p>PostgreSQL refuses to run as root, so as root every PostgreSQL command runs as the {@code postgres} user
 * (via {@code runuser}) and the data dir is owned by that user.
 */
public final class PrivateCluster implements AutoCloseable {

    /** Name of the database created in the cluster. */
    public static final String DATABASE = "arealbank";
    /** The superuser role created by {@code initdb}. */
    public static final String USER = "arealbank";

    private static final Logger log = LoggerFactory.getLogger(PrivateCluster.class);

    private static final Path DEBIAN_POSTGRES_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SERVICE_USER = "postgres";
    private static final String LOOPBACK = "127.0.0.1";
    /** Tuned for the 2-core machines we run on; see DESIGN.md "PostGIS traps". fsync stays on: data must survive crashes. */
    private static final List<String> SERVER_SETTINGS = List.of(
            "max_connections=100",
            "shared_buffers=256MB",
            "max_parallel_workers_per_gather=0",
            "fsync=on");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);
    /** pg_ctl waits at most 60 s itself ({@code -t 60}); the rest is slack. */
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_ATTEMPTS = 3;
    private static final long LOG_ROTATE_BYTES = 10L << 20;
    private static final int OUTPUT_TAIL_LINES = 30;

    /** Data dirs locked by this JVM: a second POSIX lock attempt (and its close) would release the first. */
    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final Path pgData;
    private final Path logFile;
    private final boolean ephemeral;
    private final Binaries binaries;
    private final boolean asServiceUser;
    private final DataDirLock lock;
    private final String password;
    private final @Nullable Thread shutdownHook;

    private int port;
    private boolean serverStarted;
    private boolean stopped;

    private PrivateCluster(Builder builder, Path dataDir, Binaries binaries, boolean asServiceUser,
            DataDirLock lock, String password) {
        this.dataDir = dataDir;
        this.pgData = dataDir.resolve("pgdata");
        this.logFile = dataDir.resolve("postgres.log");
        this.ephemeral = builder.ephemeral;
        this.binaries = binaries;
        this.asServiceUser = asServiceUser;
        this.lock = lock;
        this.password = password;
        this.shutdownHook = builder.stopOnJvmShutdown ? new Thread(this::stop, "arealbank-db-shutdown") : null;
    }

    /**
     * Starts (creating it first if needed) the cluster in {@code dataDir}, and stops it when the JVM shuts down.
     *
     * @param ephemeral delete {@code dataDir} when the cluster stops (tests)
     * @throws IllegalStateException when PostgreSQL or PostGIS is missing, the data dir is in use by another
     *                               process, or the server does not start; the message says what to do
     */
    public static PrivateCluster start(Path dataDir, boolean ephemeral) {
        return builder(dataDir).ephemeral(ephemeral).start();
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Options for {@link PrivateCluster}. */
    public static final class Builder {
        private final Path dataDir;
        private boolean ephemeral;
        private boolean stopOnJvmShutdown = true;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** Delete the data dir when the cluster stops. Default false. */
        public Builder ephemeral(boolean ephemeral) {
            this.ephemeral = ephemeral;
            return this;
        }

        /**
         * Register a JVM shutdown hook that stops the cluster. Default true. Turn it off only where something else
         * stops the cluster in order on shutdown (Spring's context close), since JVM hooks run concurrently.
         */
        public Builder stopOnJvmShutdown(boolean stopOnJvmShutdown) {
            this.stopOnJvmShutdown = stopOnJvmShutdown;
            return this;
        }

        public PrivateCluster start() {
            return PrivateCluster.launch(this);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Major version of the PostgreSQL binaries running the cluster. */
    public int postgresMajorVersion() {
        return binaries.majorVersion();
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}, falling back to {@code immediate}), releases the data dir and,
     * if ephemeral, deletes it. Idempotent; never throws, failures are logged.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        removeShutdownHook();
        long t0 = System.nanoTime();
        try {
            if (serverStarted) {
                if (stopServer("fast") || stopServer("immediate")) {
                    log.info("private PostgreSQL stopped: dataDir={} port={} stop={}ms", dataDir, port, millisSince(t0));
                } else {
                    log.error("private PostgreSQL could not be stopped: dataDir={} port={}; see {}", dataDir, port, logFile);
                }
            }
        } catch (RuntimeException e) {
            log.error("private PostgreSQL stop failed: dataDir={}", dataDir, e);
        } finally {
            lock.release();
            if (ephemeral) {
                deleteRecursively(dataDir);
                log.info("private PostgreSQL ephemeral dataDir={} deleted", dataDir);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "PrivateCluster[dataDir=" + dataDir + ", port=" + port + ", postgres=" + binaries.majorVersion() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // start-up

    private static PrivateCluster launch(Builder builder) {
        long t0 = System.nanoTime();
        Path dataDir = createDirectory(builder.dataDir);
        boolean root = runningAsRoot();
        Path pgData = dataDir.resolve("pgdata");
        Binaries binaries = Binaries.locate(existingClusterVersion(pgData));
        if (root) {
            requireServiceUser(binaries, dataDir);
        } else {
            requireOwnedByCurrentUser(pgData);
        }
        // if this fails, the data dir is someone else's: never delete it, even when ephemeral
        DataDirLock lock = DataDirLock.acquire(dataDir);
        PrivateCluster cluster;
        try {
            String password = readOrCreatePassword(dataDir.resolve("password"), pgData);
            if (root) {
                // PostgreSQL writes pgdata, postgres.log and reads password as the service user
                run(List.of("chown", "-R", SERVICE_USER + ":", dataDir.toString()), dataDir, COMMAND_TIMEOUT)
                        .orThrow("could not hand the data directory " + dataDir + " to the '" + SERVICE_USER + "' user");
            }
            cluster = new PrivateCluster(builder, dataDir, binaries, root, lock, password);
        } catch (RuntimeException e) {
            lock.release();
            if (builder.ephemeral) {
                deleteRecursively(dataDir);
            }
            throw e;
        }
        try {
            cluster.boot(t0);
            return cluster;
        } catch (RuntimeException e) {
            cluster.stop();
            throw e;
        }
    }

    private void boot(long t0) {
        log.info("private PostgreSQL {}: dataDir={} binaries={} asUser={}", binaries.majorVersion(), dataDir,
                binaries.dir(), asServiceUser ? SERVICE_USER : System.getProperty("user.name"));
        long initdbMillis = 0;
        if (Files.isRegularFile(pgData.resolve("PG_VERSION"))) {
            stopLeftoverServer();
        } else {
            long t = System.nanoTime();
            initdb();
            initdbMillis = millisSince(t);
        }
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        long tStart = System.nanoTime();
        startServer();
        long startMillis = millisSince(tStart);
        long tSetup = System.nanoTime();
        createDatabaseAndPostgis();
        log.info("private PostgreSQL {} ready: dataDir={} port={} initdb={}ms start={}ms setup={}ms total={}ms",
                binaries.majorVersion(), dataDir, port, initdbMillis, startMillis, millisSince(tSetup), millisSince(t0));
    }

    private void initdb() {
        // initdb into a staging dir and rename, so a crash during initdb never leaves a half-made pgdata behind
        Path staging = dataDir.resolve("pgdata.initdb");
        deleteRecursively(staging);
        if (Files.exists(pgData)) {
            try (Stream<Path> entries = Files.list(pgData)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(pgData + " exists but is not a PostgreSQL data directory (no "
                            + "PG_VERSION); move it away or choose another data directory (AREALBANK_DATA_DIR)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            deleteRecursively(pgData);
        }
        List<String> command = new ArrayList<>(List.of(binaries.initdb().toString(),
                "-D", staging.toString(),
                "-U", USER,
                "--auth=scram-sha-256",
                "--pwfile=" + dataDir.resolve("password"),
                "-E", "UTF8",
                "--locale=C.UTF-8"));
        if (ephemeral) {
            command.add("--no-sync"); // nothing to keep; saves seconds per test JVM
        }
        long t = System.nanoTime();
        runPostgres(command, INITDB_TIMEOUT).orThrow("initdb failed for " + staging);
        try {
            Files.move(staging, pgData, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move " + staging + " to " + pgData, e);
        }
        log.info("private PostgreSQL initdb: pgdata={} initdb={}ms", pgData, millisSince(t));
    }

    /**
     * A postmaster still running on this data dir belongs to a JVM that died without stopping it (we hold the data
     * dir lock, so no live JVM owns it): stop it. A postmaster.pid naming some other live process (pid reuse after
     * a reboot) is stale and removed, since PostgreSQL would refuse to start over it.
     */
    private void stopLeftoverServer() {
        Path pidFile = pgData.resolve("postmaster.pid");
        Result status = pgCtl(List.of("status", "-D", pgData.toString()), COMMAND_TIMEOUT);
        if (status.exitCode() != 0) {
            if (Files.exists(pidFile)) {
                log.info("private PostgreSQL: stale postmaster.pid in {} (previous run did not stop cleanly); "
                        + "PostgreSQL will remove it and recover from its WAL", pgData);
            }
            return;
        }
        long pid = postmasterPid().orElse(-1L);
        if (pid > 0 && !isPostmasterOf(pid, pgData)) {
            log.warn("private PostgreSQL: postmaster.pid in {} names pid {}, which is another process; removing the "
                    + "stale file", pgData, pid);
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        log.warn("private PostgreSQL: an orphaned server (pid {}) from a previous run is still running on {} "
                + "(its JVM was killed without stopping it); stopping it", pid, pgData);
        long t = System.nanoTime();
        if (!stopServer("fast") && !stopServer("immediate")) {
            ProcessHandle.of(pid).ifPresent(PrivateCluster::killTree);
        }
        log.info("private PostgreSQL: orphaned server pid={} stopped in {}ms", pid, millisSince(t));
    }

    private void startServer() {
        rotateLog();
        for (int attempt = 1; ; attempt++) {
            int candidate = freeLoopbackPort();
            long logOffset = sizeOf(logFile);
            String options = "-c listen_addresses=" + LOOPBACK + " -p " + candidate
                    + " -c unix_socket_directories='' -c " + String.join(" -c ", SERVER_SETTINGS);
            Result result = pgCtl(List.of("start", "-w", "-t", "60", "-D", pgData.toString(),
                    "-l", logFile.toString(), "-o", options), PG_CTL_TIMEOUT);
            if (result.ok()) {
                port = candidate;
                serverStarted = true;
                return;
            }
            String serverLog = readFrom(logFile, logOffset);
            // pg_ctl may have timed out on a server that still comes up (long WAL replay): don't leave it behind
            if (pgCtl(List.of("status", "-D", pgData.toString()), COMMAND_TIMEOUT).ok()) {
                pgCtl(List.of("stop", "-D", pgData.toString(), "-m", "immediate", "-w"), PG_CTL_TIMEOUT);
            }
            boolean portTaken = serverLog.contains("Address already in use");
            boolean oldBackendsAlive = serverLog.contains("pre-existing shared memory block");
            if (attempt < START_ATTEMPTS && (portTaken || oldBackendsAlive)) {
                log.warn("private PostgreSQL start attempt {} failed ({}); retrying", attempt,
                        portTaken ? "port " + candidate + " taken" : "backends of a killed server still exiting");
                sleep(Duration.ofSeconds(portTaken ? 0 : 2));
                continue;
            }
            throw new IllegalStateException("PostgreSQL did not start on " + pgData + " (pg_ctl exit code "
                    + result.exitCode() + ").\n" + tail(result.output()) + "\n--- " + logFile + " ---\n" + tail(serverLog));
        }
    }

    private void createDatabaseAndPostgis() {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
                log.info("private PostgreSQL: created database {}", DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE + " in the private cluster "
                    + dataDir + ": " + e.getMessage(), e);
        }
        try (Connection connection = connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (SQLException e) {
            if (isMissingExtension(e)) {
                throw new IllegalStateException("PostGIS is not installed for PostgreSQL " + binaries.majorVersion()
                        + ": install the Debian package " + binaries.postgisPackage() + " (apt-get install "
                        + binaries.postgisPackage() + ", or run bin/setup). Server said: " + e.getMessage(), e);
            }
            throw new IllegalStateException("could not create the postgis extension in database " + DATABASE
                    + " of the private cluster " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isMissingExtension(SQLException e) {
        String message = String.valueOf(e.getMessage());
        // 58P01 undefined_file (PG <= 15: "could not open extension control file"), 0A000 (PG >= 16: "is not available")
        return "58P01".equals(e.getSQLState()) || "0A000".equals(e.getSQLState())
                || message.contains("extension control file") || message.contains("is not available");
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "arealbank-private-cluster");
        Connection connection = jdbcDriver().connect(jdbcUrl(database), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL JDBC driver did not accept " + jdbcUrl(database));
        }
        return connection;
    }

    private static Driver jdbcDriver() {
        try {
            return (Driver) Class.forName("org.postgresql.Driver", true, PrivateCluster.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the PostgreSQL JDBC driver (org.postgresql:postgresql) is not on the classpath", e);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + database;
    }

    // ---------------------------------------------------------------------------------------------------------
    // stopping

    private boolean stopServer(String mode) {
        Result result = pgCtl(List.of("stop", "-D", pgData.toString(), "-m", mode, "-w", "-t", "60"), PG_CTL_TIMEOUT);
        if (result.ok()) {
            return true;
        }
        if (!pgCtl(List.of("status", "-D", pgData.toString()), COMMAND_TIMEOUT).ok()) {
            return true; // it was not running (any more)
        }
        log.warn("private PostgreSQL: pg_ctl stop -m {} failed on {}:\n{}", mode, pgData, tail(result.output()));
        return false;
    }

    private void removeShutdownHook() {
        if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the JVM is shutting down; the hook will find the cluster stopped
        }
    }

    private static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("private PostgreSQL: pid {} did not exit after SIGKILL", process.pid());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // files and users

    private static Path createDirectory(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return dataDir.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("could not create the data directory " + dataDir.toAbsolutePath()
                    + ": " + e, e);
        }
    }

    private static @Nullable Integer existingClusterVersion(Path pgData) {
        Path versionFile = pgData.resolve("PG_VERSION");
        if (!Files.isRegularFile(versionFile)) {
            return null;
        }
        try {
            return Integer.valueOf(Files.readString(versionFile).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("could not read the PostgreSQL version from " + versionFile + ": " + e, e);
        }
    }

    private static String readOrCreatePassword(Path passwordFile, Path pgData) {
        try {
            if (Files.exists(passwordFile)) {
                String password = Files.readString(passwordFile).strip();
                if (password.isEmpty()) {
                    throw new IllegalStateException(passwordFile + " is empty");
                }
                return password;
            }
            if (Files.isRegularFile(pgData.resolve("PG_VERSION"))) {
                throw new IllegalStateException("the cluster in " + pgData + " exists but its password file "
                        + passwordFile + " is missing, so nobody can connect to it. Restore the file, or delete "
                        + pgData + " to start with an empty database");
            }
            SecureRandom random = new SecureRandom();
            String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < 32; i++) {
                password.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Path staging = passwordFile.resolveSibling(passwordFile.getFileName() + ".new");
            Files.deleteIfExists(staging);
            Files.createFile(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(staging, password);
            Files.move(staging, passwordFile, StandardCopyOption.ATOMIC_MOVE);
            return password.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + passwordFile, e);
        }
    }

    private static void requireServiceUser(Binaries binaries, Path dataDir) {
        if (!run(List.of("id", "-u", SERVICE_USER), dataDir, COMMAND_TIMEOUT).ok()) {
            throw new IllegalStateException("running as root, so PostgreSQL must run as the '" + SERVICE_USER
                    + "' user, which does not exist. Install the Debian package postgresql-" + binaries.majorVersion()
                    + " (it creates the user), or run as a non-root user");
        }
        Path parent = dataDir.getParent();
        if (parent == null || asUser(List.of("test", "-x", parent.toString()), Path.of("/")).ok()) {
            return;
        }
        List<Path> chain = new ArrayList<>();
        for (Path p = parent; p != null; p = p.getParent()) {
            chain.add(0, p);
        }
        Path blocking = chain.stream()
                .filter(p -> !asUser(List.of("test", "-x", p.toString()), Path.of("/")).ok())
                .findFirst().orElse(parent);
        throw new IllegalStateException("running as root, so PostgreSQL runs as the '" + SERVICE_USER + "' user (it "
                + "refuses to run as root), but '" + SERVICE_USER + "' cannot enter the directory " + blocking
                + " on the way to the data directory " + dataDir + ". Make it traversable (chmod o+x " + blocking
                + ") or put the data directory elsewhere (AREALBANK_DATA_DIR, e.g. /var/lib/arealbank)");
    }

    private static void requireOwnedByCurrentUser(Path pgData) {
        if (!Files.exists(pgData)) {
            return;
        }
        try {
            String owner = Files.getOwner(pgData).getName();
            String me = System.getProperty("user.name");
            if (!owner.equals(me)) {
                throw new IllegalStateException(pgData + " belongs to '" + owner + "' (an earlier run as root?), but "
                        + "this process runs as '" + me + "'. Run as root again, or chown -R " + me + " "
                        + pgData.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** pg_ctl starts the postmaster as {@code postgres -D "<pgdata>" ...}; if /proc is unreadable, trust pg_ctl. */
    private static boolean isPostmasterOf(long pid, Path pgData) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String commandLine = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
            return commandLine.contains(pgData.toString());
        } catch (IOException e) {
            return true;
        }
    }

    private void rotateLog() {
        if (sizeOf(logFile) > LOG_ROTATE_BYTES) {
            try {
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                log.warn("private PostgreSQL: could not rotate {}: {}", logFile, e.toString());
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readFrom(Path file, long offset) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long from = Math.max(offset, size - 64 * 1024);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, size - from));
            channel.read(buffer, from);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("private PostgreSQL: could not delete {}: {}", dir, e.toString());
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    private static boolean runningAsRoot() {
        Result id = run(List.of("id", "-u"), Path.of("/"), COMMAND_TIMEOUT);
        return id.ok() ? "0".equals(id.output().trim()) : "root".equals(System.getProperty("user.name"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // processes

    private Result pgCtl(List<String> arguments, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(binaries.pgCtl().toString());
        command.addAll(arguments);
        return runPostgres(command, timeout);
    }

    /** Runs a PostgreSQL binary, as the service user when we are root. */
    private Result runPostgres(List<String> command, Duration timeout) {
        return asServiceUser ? asUser(command, dataDir, timeout) : run(command, dataDir, timeout);
    }

    private static Result asUser(List<String> command, Path workDir) {
        return asUser(command, workDir, COMMAND_TIMEOUT);
    }

    private static Result asUser(List<String> command, Path workDir, Duration timeout) {
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SERVICE_USER, "--"));
        wrapped.addAll(command);
        return run(wrapped, workDir, timeout);
    }

    /**
     * Runs a command with stdout+stderr going to a temp file, not a pipe: a server the command leaves running can
     * never block us by holding a pipe open.
     */
    private static Result run(List<String> command, Path workDir, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("arealbank-pg-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(new File("/dev/null"));
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("PG")); // PGDATA, PGPORT, PGOPTIONS, ...
            environment.remove("LC_ALL");
            environment.put("LC_MESSAGES", "C"); // we match English server messages
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("could not run " + command.get(0) + ": " + e.getMessage()
                        + (command.get(0).equals("runuser") ? " (runuser is in the util-linux package)" : ""), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s: "
                        + String.join(" ", command) + "\n" + tail(Files.readString(output)));
            }
            return new Result(command, process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private record Result(List<String> command, int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        Result orThrow(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " (exit code " + exitCode + " from "
                        + String.join(" ", command) + "):\n" + tail(output));
            }
            return this;
        }
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - OUTPUT_TAIL_LINES), lines.length));
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The PostgreSQL server binaries of one major version. */
    private record Binaries(Path dir, int majorVersion) {

        Path initdb() {
            return dir.resolve("initdb");
        }

        Path pgCtl() {
            return dir.resolve("pg_ctl");
        }

        String postgisPackage() {
            return "postgresql-" + majorVersion + "-postgis-3";
        }

        /**
         * Debian's /usr/lib/postgresql/&lt;n&gt;/bin (the version an existing cluster needs, else the highest one
         * with PostGIS installed, else the highest), then PATH.
         */
        static Binaries locate(@Nullable Integer requiredVersion) {
            List<Binaries> debian = new ArrayList<>();
            if (Files.isDirectory(DEBIAN_POSTGRES_ROOT)) {
                try (Stream<Path> versions = Files.list(DEBIAN_POSTGRES_ROOT)) {
                    versions.filter(p -> p.getFileName().toString().matches("\\d+"))
                            .map(p -> new Binaries(p.resolve("bin"), Integer.parseInt(p.getFileName().toString())))
                            .filter(Binaries::complete)
                            .sorted(Comparator.comparingInt(Binaries::majorVersion).reversed())
                            .forEach(debian::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Optional<Binaries> found;
            if (requiredVersion != null) {
                found = debian.stream().filter(b -> b.majorVersion() == requiredVersion).findFirst()
                        .or(() -> fromPath().filter(b -> b.majorVersion() == requiredVersion));
                if (found.isEmpty()) {
                    throw new IllegalStateException("the data directory was created by PostgreSQL " + requiredVersion
                            + ", whose server binaries (initdb, pg_ctl) are not installed. Install the Debian packages "
                            + "postgresql-" + requiredVersion + " postgresql-" + requiredVersion + "-postgis-3, or "
                            + "upgrade the data directory with pg_upgrade");
                }
            } else {
                found = debian.stream().filter(Binaries::hasPostgis).findFirst()
                        .or(() -> debian.stream().findFirst())
                        .or(Binaries::fromPath);
            }
            return found.orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) "
                    + "were found neither in " + DEBIAN_POSTGRES_ROOT + "/<version>/bin nor on the PATH. Install the "
                    + "Debian packages postgresql-15 postgresql-15-postgis-3 (bin/setup does this), or set "
                    + "AREALBANK_DB_URL to an existing PostgreSQL with PostGIS"));
        }

        private boolean complete() {
            return Files.isExecutable(initdb()) && Files.isExecutable(pgCtl());
        }

        private boolean hasPostgis() {
            return Files.exists(Path.of("/usr/share/postgresql", Integer.toString(majorVersion), "extension", "postgis.control"));
        }

        private static Optional<Binaries> fromPath() {
            String path = System.getenv("PATH");
            if (path == null) {
                return Optional.empty();
            }
            for (String entry : path.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path dir = Path.of(entry);
                if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))) {
                    // "pg_ctl (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"
                    Result version = run(List.of(dir.resolve("pg_ctl").toString(), "--version"), Path.of("/"), COMMAND_TIMEOUT);
                    var matcher = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(version.output());
                    if (version.ok() && matcher.find()) {
                        return Optional.of(new Binaries(dir, Integer.parseInt(matcher.group(1))));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * An exclusive OS lock on {@code <dataDir>/cluster.lock}, held while this JVM owns the cluster. The OS drops it
     * when the JVM dies, however it dies.
     */
    private static final class DataDirLock {
        private final Path dataDir;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean released;

        private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
            this.dataDir = dataDir;
            this.channel = channel;
            this.lock = lock;
        }

        static DataDirLock acquire(Path dataDir) {
            if (!LOCKED_IN_THIS_JVM.add(dataDir)) {
                throw new IllegalStateException("the data directory " + dataDir + " is already in use by a private "
                        + "cluster in this JVM");
            }
            Path file = dataDir.resolve("cluster.lock");
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    String owner = Files.readString(file).strip();
                    throw new IllegalStateException("the data directory " + dataDir + " is in use by another running "
                            + "process" + (owner.isEmpty() ? "" : " (pid " + owner + ")") + ". Stop it first, or use "
                            + "another data directory (AREALBANK_DATA_DIR)");
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
                return new DataDirLock(dataDir, channel, lock);
            } catch (IOException e) {
                LOCKED_IN_THIS_JVM.remove(dataDir);
                throw new UncheckedIOException("could not lock " + file, e);
            } catch (RuntimeException e) {
                LOCKED_IN_THIS_JVM.remove(dataDir);
                throw e;
            }
        }

        synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                log.warn("private PostgreSQL: could not release the lock on {}: {}", dataDir, e.toString());
            } finally {
                LOCKED_IN_THIS_JVM.remove(dataDir);
            }
        }
    }
}
