package no.arealbank.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.arealbank.SampleRegionTest;

class SampleRegionIT extends SampleRegionTest {

    @Autowired
    SampleRegionLoader loader;

    @Test
    void loadsAtLeast150PlausiblePlotsInAllEightMunicipalities() {
        assertThat(jdbc.sql("SELECT count(DISTINCT municipality_number) FROM plot WHERE created_by = 'sample-loader'")
                .query(Long.class).single()).isEqualTo(8);
        assertThat(jdbc.sql("SELECT count(*) FROM plot WHERE created_by = 'sample-loader'").query(Long.class).single())
                .isGreaterThanOrEqualTo(150);
        // every sample plot lies inside its own municipality's official boundary
        assertThat(jdbc.sql("""
                SELECT count(*) FROM plot p JOIN municipality m ON m.number = p.municipality_number
                 WHERE p.created_by = 'sample-loader' AND NOT ST_CoveredBy(p.geom, m.boundary)
                """).query(Long.class).single()).isZero();
        // all four purposes, combined bustad+fritidsbustad areas among them, and hazards overlapping plots
        assertThat(jdbc.sql("SELECT count(DISTINCT purpose) FROM plot").query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM plot WHERE purpose = 'combined' AND allowed_uses @> '{bustad,fritidsbustad}'")
                .query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM hazard_zone z WHERE EXISTS (SELECT 1 FROM plot p WHERE ST_Intersects(p.geom, z.geom))")
                .query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM business_hub").query(Long.class).single()).isGreaterThanOrEqualTo(6);
        assertThat(jdbc.sql("SELECT count(*) FROM place WHERE kind = 'kommunesenter'").query(Long.class).single())
                .isEqualTo(8);
        assertThat(jdbc.sql("SELECT count(*) FROM plan").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM zone WHERE land_use_code = 1800 AND cardinality(allowed_uses) > 0")
                .query(Long.class).single()).isPositive();
        // each sample plot has its create entry in the history
        assertThat(jdbc.sql("""
                SELECT count(*) FROM plot p WHERE p.created_by = 'sample-loader'
                   AND NOT EXISTS (SELECT 1 FROM change_history h WHERE h.entity_type = 'plot' AND h.entity_id = p.id)
                """).query(Long.class).single()).isZero();
    }

    @Test
    void loadingAgainIntoANonEmptyDatabaseAddsNothing() throws Exception {
        String before = databaseFingerprint();
        long places = jdbc.sql("SELECT count(*) FROM place").query(Long.class).single();
        loader.start();
        assertThat(databaseFingerprint()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM place").query(Long.class).single()).isEqualTo(places);
    }

    @Autowired
    no.arealbank.plots.PlotService plots;
    @Autowired
    no.arealbank.security.UserAccounts users;
    @Autowired
    no.arealbank.reference.ReferenceData reference;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void resetRemovesEverythingAddedAndReloadsTheSample() throws Exception {
        long sample = jdbc.sql("SELECT count(*) FROM plot WHERE created_by = 'sample-loader'").query(Long.class).single();
        api().as("admin", ADMIN_PASSWORD).post("/api/plots", """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[8.4741,59.4191],[8.4745,59.4191],
                [8.4745,59.4193],[8.4741,59.4193],[8.4741,59.4191]]]},"properties":{"municipalityNumber":"4028",
                "name":"Blir borte ved reset","purpose":"leisure","availability":"available","published":true}}""");
        assertThat(jdbc.sql("SELECT count(*) FROM plot WHERE created_by <> 'sample-loader'").query(Long.class).single())
                .isPositive();
        new SampleRegionLoader(new SampleSettings(true, true, DEMO_PASSWORD), jdbc, tx, plots, users, reference)
                .start();
        assertThat(jdbc.sql("SELECT count(*) FROM plot").query(Long.class).single()).isEqualTo(sample);
        assertThat(jdbc.sql("SELECT count(*) FROM plot WHERE created_by <> 'sample-loader'").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM change_history").query(Long.class).single()).isEqualTo(sample);
        assertThat(jdbc.sql("SELECT count(*) FROM place").query(Long.class).single()).isEqualTo(24);
    }

    @Test
    void createsDemoPlannersForEachMunicipality() {
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE username LIKE 'planner-%'").query(Long.class).single())
                .isEqualTo(8);
        assertThat(jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'planner-4028'").query(String.class)
                .single()).startsWith("{bcrypt}");
    }
}
