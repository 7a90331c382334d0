package no.arealbank.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per username and per client address in {@code sign_in_throttle} (shared by all instances)
 * and says whether either is locked. See {@link LockoutSettings} for the rules.
 */
@Component
class SignInThrottle {

    /**
     * One failure more: the counter restarts when the previous failure is older than the window; reaching the
     * maximum locks the key and starts the count afresh, so the next lock again needs the full number of failures.
     */
    private static final String FAILED = """
            INSERT INTO sign_in_throttle AS t (key, failures, last_failure_at, locked_until)
            VALUES (:key, CASE WHEN :max <= 1 THEN 0 ELSE 1 END, now(),
                    CASE WHEN :max <= 1 THEN now() + make_interval(secs => :lockSeconds) END)
            ON CONFLICT (key) DO UPDATE SET
                failures = CASE WHEN (CASE WHEN t.last_failure_at < now() - make_interval(secs => :windowSeconds)
                                           THEN 1 ELSE t.failures + 1 END) >= :max
                                THEN 0
                                ELSE (CASE WHEN t.last_failure_at < now() - make_interval(secs => :windowSeconds)
                                           THEN 1 ELSE t.failures + 1 END) END,
                locked_until = CASE WHEN (CASE WHEN t.last_failure_at < now() - make_interval(secs => :windowSeconds)
                                               THEN 1 ELSE t.failures + 1 END) >= :max
                                    THEN now() + make_interval(secs => :lockSeconds)
                                    ELSE t.locked_until END,
                last_failure_at = now()
            """;

    /** A window no failure outlives: only a success resets a username's count. */
    private static final Duration UNTIL_SUCCESS = Duration.ofDays(3650);

    private final JdbcClient jdbc;
    private final LockoutSettings settings;

    SignInThrottle(JdbcClient jdbc, LockoutSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    boolean isLocked(String username, String clientAddress) {
        List<String> keys = new ArrayList<>();
        keys.add(userKey(username));
        if (clientAddress != null) {
            keys.add(addressKey(clientAddress));
        }
        return jdbc.sql("SELECT count(*) FROM sign_in_throttle WHERE key IN (:keys) AND locked_until > now()")
                .param("keys", keys).query(Long.class).single() > 0;
    }

    void failed(String username, String clientAddress) {
        // a username's failures count as consecutive until a success, however far apart; an address's only within
        // its window
        count(userKey(username), settings.maxFailures(), settings.duration(), UNTIL_SUCCESS);
        if (clientAddress != null) {
            count(addressKey(clientAddress), settings.maxFailuresPerAddress(), settings.addressDuration(),
                    settings.addressDuration());
        }
    }

    void succeeded(String username) {
        jdbc.sql("DELETE FROM sign_in_throttle WHERE key = :key").param("key", userKey(username)).update();
    }

    private void count(String key, int max, Duration lock, Duration window) {
        jdbc.sql(FAILED).param("key", key).param("max", max)
                .param("lockSeconds", (double) lock.toSeconds())
                .param("windowSeconds", (double) window.toSeconds())
                .update();
    }

    static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private static String userKey(String username) {
        String u = normalise(username);
        return "user:" + (u.length() > SignInLog.MAX_USERNAME ? u.substring(0, SignInLog.MAX_USERNAME) : u);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
