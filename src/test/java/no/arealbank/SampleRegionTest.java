package no.arealbank;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of tests that need the sample region: one shared context with the sample loaded, boundaries read from
 * ../shared/reference/kommuner.geojson (never copied into the project), the demo planners
 * (password {@value #DEMO_PASSWORD}) and an admin from {@code arealbank.admin.password}.
 */
@TestPropertySource(properties = {
        "arealbank.sample.enabled=true",
        "arealbank.boundaries.file=../shared/reference/kommuner.geojson",
        "arealbank.boundaries.api-url=",
        "arealbank.admin.username=admin",
        "arealbank.admin.password=" + SampleRegionTest.ADMIN_PASSWORD,
        "arealbank.sample.demo-password=" + SampleRegionTest.DEMO_PASSWORD})
public abstract class SampleRegionTest extends IntegrationTest {

    public static final String ADMIN_PASSWORD = "test-admin-password-1";
    public static final String DEMO_PASSWORD = "arealbank-demo";
    public static final Path BOUNDARIES = Path.of("..", "shared", "reference", "kommuner.geojson").toAbsolutePath();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    /** A fingerprint of everything a write could touch; equal before and after means nothing changed. */
    protected String databaseFingerprint() {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM plot) || '|' || (SELECT coalesce(sum(version), 0) FROM plot) || '|'
                    || (SELECT coalesce(max(updated_at)::text, '') FROM plot) || '|'
                    || (SELECT count(*) FROM plot WHERE archived_at IS NOT NULL) || '|'
                    || (SELECT count(*) FROM change_history) || '|' || (SELECT count(*) FROM enquiry) || '|'
                    || (SELECT md5(coalesce(string_agg(id || ':' || version || ':' || md5(ST_AsBinary(geom)::text), ',' ORDER BY id), '')) FROM plot)
                """).query(String.class).single();
    }
}
