package no.arealbank;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The packaged jar as an operator runs it: configured only by environment variables, once against an external
 * database and once with the embedded default, which must come back with all data after a SIGKILL.
 */
class JarStartIT {

    private static final Path JAR = Path.of("target", "arealbank.jar");
    private static final String ADMIN = "jar-admin";
    private static final String ADMIN_PASSWORD = "jar-admin-password-1";

    @TempDir
    Path temp;

    @Test
    void theJarHonoursTheEnvironmentVariablesForAnExternalDatabase() throws Exception {
        TestDatabase db = TestDatabase.get();
        Map<String, String> env = baseEnv();
        env.put("AREALBANK_DB_URL", db.jdbcUrl());
        env.put("AREALBANK_DB_USER", db.username());
        env.put("AREALBANK_DB_PASSWORD", db.password());
        try (Running app = start(env, temp.resolve("external.log"))) {
            JsonNode plots = app.api().get("/api/plots?limit=1000").json();
            assertThat(plots.path("numberMatched").asInt()).isGreaterThanOrEqualTo(150);
            Api.Response created = app.api().as(ADMIN, ADMIN_PASSWORD).post("/api/plots", plot(8.4711, 59.4161));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(app.api().as(ADMIN, "not-the-password").post("/api/plots", plot(8.4712, 59.4162)).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void theEmbeddedDatabaseKeepsAllDataWhenTheAppIsKilled() throws Exception {
        // as root the cluster runs as 'postgres', which must be able to enter the (private) JUnit temp dir
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dataDir = temp.resolve("data");
        Map<String, String> env = baseEnv();
        env.put("AREALBANK_DATA_DIR", dataDir.toString());
        long id;
        int count;
        try (Running first = start(env, temp.resolve("first.log"))) {
            Api.Response created = first.api().as(ADMIN, ADMIN_PASSWORD).post("/api/plots", plot(8.4721, 59.4171));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = created.json().path("id").asLong();
            count = first.api().get("/api/plots?limit=1").json().path("numberMatched").asInt();
            assertThat(count).isGreaterThanOrEqualTo(150);
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            first.process.waitFor();
        }
        try (Running second = start(env, temp.resolve("second.log"))) {
            Api.Response again = second.api().get("/api/plots/" + id);
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(second.api().get("/api/plots?limit=1").json().path("numberMatched").asInt()).isEqualTo(count);
            assertThat(second.api().get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
        }
        assertThat(Files.readString(temp.resolve("second.log"))).doesNotContain("sample region loaded");
    }

    private static Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AREALBANK_SAMPLE", "true");
        env.put("AREALBANK_BOUNDARIES_FILE", SampleRegionTest.BOUNDARIES.toString());
        env.put("AREALBANK_BOUNDARIES_API_URL", "");
        // its own admin name: the external-database case shares the test database with the other tests
        env.put("AREALBANK_ADMIN_USER", ADMIN);
        env.put("AREALBANK_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    private static String plot(double lon, double lat) {
        return """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[%1$s,%2$s],[%3$s,%2$s],[%3$s,%4$s],
                [%1$s,%4$s],[%1$s,%2$s]]]},"properties":{"municipalityNumber":"4028","name":"Jar-test",
                "purpose":"leisure","availability":"available","published":true}}"""
                .formatted(lon, lat, lon + 0.0004, lat + 0.0002);
    }

    private Running start(Map<String, String> env, Path log) throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package runs before the integration tests)").exists();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        Process process = pb.start();
        Running running = new Running(process, port, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the app exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (listening(port)) {
                try {
                    Api.Response health = running.api().get("/actuator/health");
                    if (health.status() == 200) {
                        return running;
                    }
                } catch (RuntimeException notYet) {
                    // still starting
                }
            }
            Thread.sleep(250);
        }
        running.close();
        throw new AssertionError("the app did not become healthy within 120 s:\n" + tail(log));
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 4000));
    }

    private record Running(Process process, int port, Path log) implements AutoCloseable {

        Api api() {
            return new Api("http://127.0.0.1:" + port);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: graceful, stops the private cluster
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

}
