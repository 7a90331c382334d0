package no.arealbank.security;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import no.arealbank.shared.StartupStep;

/**
 * The first regional admin comes from the environment (AREALBANK_ADMIN_PASSWORD, optionally AREALBANK_ADMIN_USER);
 * there is no built-in default password. Setting the variable again resets that admin's password.
 */
@Component
class AdminBootstrap extends StartupStep {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccounts users;
    private final String username;
    private final String password;

    AdminBootstrap(UserAccounts users, @Value("${arealbank.admin.username:admin}") String username,
            @Value("${arealbank.admin.password:}") String password) {
        super(ADMIN_USER);
        this.users = users;
        this.username = username;
        this.password = password;
    }

    @Override
    protected void run() {
        if (password == null || password.isBlank()) {
            if (!users.exists(username)) {
                log.info("no admin user: set AREALBANK_ADMIN_PASSWORD to create '{}'", username);
            }
            return;
        }
        if (password.length() < 12) {
            throw new IllegalStateException("AREALBANK_ADMIN_PASSWORD must be at least 12 characters");
        }
        users.save(username, password, true, "Regional admin", Set.of());
        log.info("admin user '{}' set from AREALBANK_ADMIN_PASSWORD", username);
    }
}
