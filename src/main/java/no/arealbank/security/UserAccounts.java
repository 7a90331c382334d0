package no.arealbank.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The built-in user store: {@code app_user} with bcrypt hashes and the municipalities each planner covers. */
@Component
public class UserAccounts implements UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    UserAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** Creates the user or replaces its password, role and municipalities. */
    @Transactional
    public void save(String username, String rawPassword, boolean admin, String displayName, Set<String> municipalities) {
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role)
                VALUES (:username, :hash, :display, :role)
                ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash,
                    display_name = EXCLUDED.display_name, role = EXCLUDED.role, enabled = true
                RETURNING id
                """)
                .param("username", username).param("hash", encoder.encode(rawPassword))
                .param("display", displayName).param("role", admin ? "admin" : "planner")
                .query(Long.class).single();
        jdbc.sql("DELETE FROM app_user_municipality WHERE user_id = :id").param("id", id).update();
        for (String m : municipalities) {
            jdbc.sql("INSERT INTO app_user_municipality (user_id, municipality_number) VALUES (:id, :m)")
                    .param("id", id).param("m", m).update();
        }
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE username = :u").param("u", username)
                .query(Long.class).single() > 0;
    }

    @Override
    @Transactional(readOnly = true)
    public ArealbankUser loadUserByUsername(String username) {
        Optional<ArealbankUser> user = jdbc.sql("""
                SELECT u.username, u.password_hash, u.role = 'admin' AS admin, u.enabled,
                       coalesce(array_agg(um.municipality_number::text) FILTER (WHERE um.municipality_number IS NOT NULL), '{}') AS municipalities
                  FROM app_user u LEFT JOIN app_user_municipality um ON um.user_id = u.id
                 WHERE u.username = :username
                 GROUP BY u.id
                """)
                .param("username", username)
                .query((rs, i) -> new ArealbankUser(rs.getString("username"), rs.getString("password_hash"),
                        rs.getBoolean("admin"), rs.getBoolean("enabled"),
                        Set.copyOf(List.of((String[]) rs.getArray("municipalities").getArray()))))
                .optional();
        return user.orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
