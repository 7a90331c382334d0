package no.arealbank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs GDAL's command-line tools (Debian gdal-bin, installed by bin/setup) as the real clients of the tests. */
public final class Gdal {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private Gdal() {
    }

    /** What a command did: the command line (with the extra environment), exit code and output. */
    public record Run(List<String> command, int exit, String stdout, String stderr) {

        public Run assertOk() {
            assertThat(exit).as("exit code of %s", describe()).isZero();
            return this;
        }

        public String describe() {
            return String.join(" ", command) + "\n--- exit " + exit + "\n--- stdout:\n" + clip(stdout)
                    + "\n--- stderr:\n" + clip(stderr);
        }

        private static String clip(String s) {
            return s.length() <= 12_000 ? s : s.substring(0, 6_000) + "\n[… " + (s.length() - 12_000)
                    + " characters …]\n" + s.substring(s.length() - 6_000);
        }
    }

    /**
     * Runs a GDAL command in {@code dir} with a timeout, no proxy for loopback, a 30 s HTTP timeout and
     * {@code CPL_DEBUG=OFF} unless {@code env} says otherwise.
     */
    public static Run run(Path dir, Map<String, String> env, String... command) {
        List<String> cmd = Arrays.asList(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith("_proxy")
                || k.toUpperCase(Locale.ROOT).startsWith("GDAL_HTTP_PROXY")
                || k.toUpperCase(Locale.ROOT).startsWith("GDAL_HTTPS_PROXY"));
        e.put("NO_PROXY", "127.0.0.1,localhost");
        e.put("no_proxy", "127.0.0.1,localhost");
        e.put("GDAL_HTTP_TIMEOUT", "30");
        e.put("CPL_DEBUG", "OFF");
        Map<String, String> extra = new LinkedHashMap<>(env);
        e.putAll(extra);
        try {
            Path out = Files.createTempFile(dir, "gdal", ".out");
            Path err = Files.createTempFile(dir, "gdal", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p;
            try {
                p = pb.start();
            } catch (IOException notInstalled) {
                return fail("cannot run %s (bin/setup installs gdal-bin): %s", command[0], notInstalled.getMessage());
            }
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return fail("%s did not finish within %s\n--- stderr:\n%s", String.join(" ", cmd), TIMEOUT,
                        Files.readString(err, StandardCharsets.UTF_8));
            }
            List<String> shown = new ArrayList<>();
            extra.forEach((k, v) -> shown.add(k + "=" + v));
            shown.addAll(cmd);
            return new Run(shown, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
