package no.arealbank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import no.arealbank.database.PrivateCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one PostGIS database of this test JVM (DESIGN.md, database lifecycle): a Testcontainers {@value #POSTGIS_IMAGE}
 * container when a Docker engine answers, else an ephemeral {@link PrivateCluster} in a temp directory. Started on
 * first use; stopped when the JVM exits (Testcontainers' reaper, or the cluster's shutdown hook).
 *
 * <p>Force a choice with {@code -Darealbank.test.db=docker|cluster} (or env AREALBANK_TEST_DB).
 */
public final class TestDatabase {

    /** Same image as docker-compose.yml. */
    public static final String POSTGIS_IMAGE = "postgis/postgis:16-3.4";

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    /** Testcontainers tries several strategies; with no engine that must not stall the suite. */
    private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(15);

    private static TestDatabase instance;
    private static RuntimeException failure;

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String description;

    private TestDatabase(String jdbcUrl, String username, String password, String description) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.description = description;
    }

    /** The database, started on the first call. A failed start fails every caller with the same cause. */
    public static synchronized TestDatabase get() {
        if (instance == null && failure == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("the test database could not be started", failure);
        }
        return instance;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return description;
    }

    private static TestDatabase start() {
        String choice = System.getProperty("arealbank.test.db",
                System.getenv().getOrDefault("AREALBANK_TEST_DB", "auto"));
        long t0 = System.nanoTime();
        TestDatabase database = switch (choice) {
            case "docker" -> startContainer();
            case "cluster" -> startPrivateCluster();
            case "auto" -> dockerAvailable() ? startContainer() : startPrivateCluster();
            default -> throw new IllegalArgumentException("arealbank.test.db must be auto, docker or cluster, not " + choice);
        };
        log.info("test database: {} url={} started in {}ms", database, database.jdbcUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return database;
    }

    private static boolean dockerAvailable() {
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                probe.complete(DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable e) {
                probe.complete(false);
            }
        }, "docker-probe");
        thread.setDaemon(true); // a probe stuck on a dead socket must not keep the JVM alive
        thread.start();
        try {
            return probe.get(DOCKER_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("test database: no answer from Docker within {} s; using a private cluster", DOCKER_PROBE_TIMEOUT.toSeconds());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
    private static TestDatabase startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(POSTGIS_IMAGE).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName(PrivateCluster.DATABASE)
                .withUsername(PrivateCluster.USER)
                .withPassword("arealbank");
        // same planner setting as the private cluster (2-core machines, DESIGN.md PostGIS traps)
        container.withCommand("postgres", "-c", "fsync=off", "-c", "max_parallel_workers_per_gather=0");
        container.start();
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "container " + POSTGIS_IMAGE);
    }

    private static TestDatabase startPrivateCluster() {
        try {
            PrivateCluster cluster = PrivateCluster.start(Files.createTempDirectory("arealbank-test-db-"), true);
            return new TestDatabase(cluster.jdbcUrl(), cluster.username(), cluster.password(),
                    "private PostgreSQL " + cluster.postgresMajorVersion() + " cluster in " + cluster.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
