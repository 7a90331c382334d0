package no.arealbank.security;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code sign_in} table: every attempt with its outcome, never a password. */
@Component
class SignInLog {

    static final int MAX_USERNAME = 200;

    private final JdbcClient jdbc;

    SignInLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One recorded attempt as the admin API shows it. */
    record Entry(long id, String username, String outcome, String method, String clientAddress, String userAgent,
            OffsetDateTime at) {
    }

    void record(String username, String outcome, SignInDetails details) {
        String name = username == null ? "" : username;
        if (name.length() > MAX_USERNAME) {
            name = name.substring(0, MAX_USERNAME);
        }
        jdbc.sql("""
                INSERT INTO sign_in (username, outcome, method, client_address, user_agent)
                VALUES (:username, :outcome, :method, :address, :agent)
                """)
                .param("username", name).param("outcome", outcome)
                .param("method", details == null ? "basic" : details.method())
                .param("address", details == null ? null : details.clientAddress())
                .param("agent", details == null ? null : details.userAgent())
                .update();
    }

    List<Entry> recent(int limit) {
        return jdbc.sql("""
                SELECT id, username, outcome, method, client_address, user_agent, occurred_at
                  FROM sign_in ORDER BY occurred_at DESC, id DESC LIMIT :limit
                """)
                .param("limit", limit)
                .query((rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)))
                .list();
    }
}
