package no.arealbank.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The built-in user store: {@code app_user} with bcrypt hashes and the municipalities each planner covers. */
@Component
public class UserAccounts implements UserDetailsService {

    private static final String MUNICIPALITIES = """
            coalesce((SELECT array_agg(um.municipality_number::text ORDER BY um.municipality_number)
                        FROM app_user_municipality um WHERE um.user_id = u.id), '{}') AS municipalities""";
    private static final String ACCOUNT = "SELECT u.id, u.username, u.display_name, u.email, u.role = 'admin' AS admin, "
            + "u.enabled, u.created_at, u.version, " + MUNICIPALITIES + " FROM app_user u ";
    private static final String USER = "SELECT u.username, u.password_hash, u.role = 'admin' AS admin, u.enabled, "
            + MUNICIPALITIES + " FROM app_user u ";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    UserAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** A user as admins see it; never the password hash. */
    record Account(@JsonIgnore long id, String username, String displayName, String email, boolean admin,
            boolean enabled, List<String> municipalities, OffsetDateTime createdAt, @JsonIgnore int version) {
    }

    /** Creates the user or replaces its password, role and municipalities. */
    @Transactional
    public void save(String username, String rawPassword, boolean admin, String displayName, Set<String> municipalities) {
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role)
                VALUES (:username, :hash, :display, :role)
                ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash,
                    display_name = EXCLUDED.display_name, role = EXCLUDED.role, enabled = true,
                    version = app_user.version + 1
                RETURNING id
                """)
                .param("username", username).param("hash", encoder.encode(rawPassword))
                .param("display", displayName).param("role", admin ? "admin" : "planner")
                .query(Long.class).single();
        replaceMunicipalities(id, municipalities);
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE username = :u").param("u", username)
                .query(Long.class).single() > 0;
    }

    @Override
    @Transactional(readOnly = true)
    public ArealbankUser loadUserByUsername(String username) {
        return user("WHERE u.username = :v", SignInThrottle.normalise(username))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** The user whose e-mail address is {@code email} (case-insensitive), for OpenID Connect sign-ins. */
    Optional<ArealbankUser> findByEmail(String email) {
        return email == null ? Optional.empty() : user("WHERE lower(u.email) = :v", email.toLowerCase(Locale.ROOT));
    }

    Optional<ArealbankUser> findByUsername(String username) {
        return user("WHERE u.username = :v", SignInThrottle.normalise(username));
    }

    Optional<Account> find(String username) {
        return jdbc.sql(ACCOUNT + "WHERE u.username = :u").param("u", username).query(UserAccounts::account)
                .optional();
    }

    List<Account> list() {
        return jdbc.sql(ACCOUNT + "ORDER BY u.username").query(UserAccounts::account).list();
    }

    boolean emailTaken(String email, String exceptUsername) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE lower(email) = lower(:e) AND username <> :u")
                .param("e", email).param("u", exceptUsername == null ? "" : exceptUsername)
                .query(Long.class).single() > 0;
    }

    /** A new user; the caller has validated everything. Returns its id. */
    @Transactional
    long create(String username, String displayName, String email, boolean admin, Collection<String> municipalities,
            String rawPassword) {
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, email, role)
                VALUES (:username, :hash, :display, :email, :role)
                RETURNING id
                """)
                .param("username", username).param("hash", encoder.encode(rawPassword))
                .param("display", displayName).param("email", email).param("role", admin ? "admin" : "planner")
                .query(Long.class).single();
        replaceMunicipalities(id, municipalities);
        return id;
    }

    @Transactional
    void update(long id, String displayName, String email, boolean enabled, boolean admin,
            Collection<String> municipalities) {
        jdbc.sql("""
                UPDATE app_user SET display_name = :display, email = :email, enabled = :enabled, role = :role,
                       version = version + 1
                 WHERE id = :id
                """)
                .param("display", displayName).param("email", email).param("enabled", enabled)
                .param("role", admin ? "admin" : "planner").param("id", id)
                .update();
        replaceMunicipalities(id, municipalities);
    }

    @Transactional
    void setPassword(long id, String rawPassword) {
        jdbc.sql("UPDATE app_user SET password_hash = :hash, version = version + 1 WHERE id = :id")
                .param("hash", encoder.encode(rawPassword)).param("id", id).update();
    }

    boolean passwordMatches(String username, String rawPassword) {
        Optional<String> hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u")
                .param("u", username).query(String.class).optional();
        return rawPassword != null && hash.isPresent() && encoder.matches(rawPassword, hash.get());
    }

    private void replaceMunicipalities(long id, Collection<String> municipalities) {
        jdbc.sql("DELETE FROM app_user_municipality WHERE user_id = :id").param("id", id).update();
        for (String m : Set.copyOf(municipalities)) {
            jdbc.sql("INSERT INTO app_user_municipality (user_id, municipality_number) VALUES (:id, :m)")
                    .param("id", id).param("m", m).update();
        }
    }

    private Optional<ArealbankUser> user(String where, String value) {
        return jdbc.sql(USER + where).param("v", value)
                .query((rs, i) -> new ArealbankUser(rs.getString("username"), rs.getString("password_hash"),
                        rs.getBoolean("admin"), rs.getBoolean("enabled"), Set.copyOf(strings(rs))))
                .optional();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), rs.getBoolean("admin"), rs.getBoolean("enabled"), strings(rs),
                rs.getObject("created_at", OffsetDateTime.class), rs.getInt("version"));
    }

    private static List<String> strings(ResultSet rs) throws SQLException {
        return List.of((String[]) rs.getArray("municipalities").getArray());
    }
}
