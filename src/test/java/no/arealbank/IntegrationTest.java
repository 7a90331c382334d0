package no.arealbank;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of full-stack tests: the whole application on a random port over the JVM's one {@link TestDatabase}.
 * Subclasses with the same configuration share one Spring context (and so one connection pool).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    /**
     * Connections per cached Spring context. Contexts stay open for the whole run, and each keeps its pool full
     * (minimum idle = maximum), so a small pool leaves room for many contexts under max_connections=100.
     */
    private static final int POOL_SIZE = 4;

    @DynamicPropertySource
    static void testDatabase(DynamicPropertyRegistry registry) {
        registry.add("arealbank.db.url", () -> TestDatabase.get().jdbcUrl());
        registry.add("arealbank.db.user", () -> TestDatabase.get().username());
        registry.add("arealbank.db.password", () -> TestDatabase.get().password());
        registry.add("arealbank.db.pool-size", () -> POOL_SIZE);
    }
}
