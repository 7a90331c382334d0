package no.arealbank.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/** The region chart's figures equal what the database says when asked directly. */
class StatsIT extends SampleRegionTest {

    private static final String AVAILABLE = "p.published AND p.archived_at IS NULL AND p.availability = 'available'";

    private record Expected(long plots, BigDecimal area) {
    }

    private Map<String, Expected> expected(String groupBy) {
        Map<String, Expected> m = new HashMap<>();
        jdbc.sql("SELECT " + groupBy + " AS k, count(*), round(sum(p.area_m2::numeric), 1) FROM plot p WHERE "
                + AVAILABLE + " GROUP BY 1")
                .query(rs -> {
                    m.put(rs.getString(1), new Expected(rs.getLong(2), rs.getBigDecimal(3)));
                });
        return m;
    }

    private static void assertFigures(JsonNode figures, Expected expected, String what) {
        long plots = expected == null ? 0 : expected.plots();
        BigDecimal area = expected == null ? BigDecimal.ZERO : expected.area();
        assertThat(figures.path("plots").asLong()).as(what + " plots").isEqualTo(plots);
        assertThat(figures.path("areaM2").asDouble()).as(what + " area").isEqualTo(area.doubleValue());
    }

    @Test
    void countsAndAreasPerMunicipalityAndPurposeEqualDirectSql() {
        // make the figures move: one more available business plot in Kviteseid, one sold one that must not count
        Api admin = api().as("admin", ADMIN_PASSWORD);
        JsonNode before = api().get("/api/stats/region").json();
        for (String availability : List.of("available", "sold")) {
            Api.Response r = admin.post("/api/plots", """
                    {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[8.4751,59.4161],[8.4757,59.4161],
                    [8.4757,59.4164],[8.4751,59.4164],[8.4751,59.4161]]]},"properties":{"municipalityNumber":"4028",
                    "name":"Statistikktomt","purpose":"business","availability":"%s","published":true}}"""
                    .formatted(availability));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }

        Api.Response r = api().get("/api/stats/region");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.path("availability").asString()).isEqualTo("available");
        assertThat(body.path("purposes").toString()).isEqualTo("[\"housing\",\"leisure\",\"business\",\"combined\"]");

        Map<String, Expected> cells = expected("p.municipality_number || '/' || p.purpose");
        Map<String, Expected> perMunicipality = expected("p.municipality_number");
        Map<String, Expected> perPurpose = expected("p.purpose");
        Map<String, Expected> overall = expected("'all'");

        List<String> municipalities = jdbc.sql("SELECT number FROM municipality ORDER BY number").query(String.class).list();
        assertThat(body.path("municipalities").findValuesAsString("municipalityNumber")).isEqualTo(municipalities);
        for (JsonNode m : body.path("municipalities")) {
            String number = m.path("municipalityNumber").asString();
            assertThat(m.path("name").asString()).isNotBlank();
            assertThat(m.path("byPurpose").propertyNames()).containsExactly("housing", "leisure", "business", "combined");
            for (String purpose : List.of("housing", "leisure", "business", "combined")) {
                assertFigures(m.path("byPurpose").path(purpose), cells.get(number + "/" + purpose), number + "/" + purpose);
            }
            assertFigures(m.path("total"), perMunicipality.get(number), number);
        }
        for (String purpose : List.of("housing", "leisure", "business", "combined")) {
            assertFigures(body.path("byPurpose").path(purpose), perPurpose.get(purpose), purpose);
        }
        assertFigures(body.path("total"), overall.get("all"), "region");
        assertThat(body.path("total").path("plots").asLong()).isPositive();

        JsonNode kviteseidBefore = municipality(before, "4028").path("byPurpose").path("business");
        JsonNode kviteseidAfter = municipality(body, "4028").path("byPurpose").path("business");
        assertThat(kviteseidAfter.path("plots").asLong()).as("only the available plot counts")
                .isEqualTo(kviteseidBefore.path("plots").asLong() + 1);
        assertThat(kviteseidAfter.path("areaM2").asDouble()).isGreaterThan(kviteseidBefore.path("areaM2").asDouble());
    }

    @Test
    void draftsAndArchivedPlotsDoNotCount() {
        JsonNode before = api().get("/api/stats/region").json();
        Api planner = api().as("planner-4028", DEMO_PASSWORD);
        Api.Response draft = planner.post("/api/plots", """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[8.4761,59.4161],[8.4767,59.4161],
                [8.4767,59.4164],[8.4761,59.4164],[8.4761,59.4161]]]},"properties":{"municipalityNumber":"4028",
                "name":"Utkast","purpose":"leisure","availability":"available","published":false}}""");
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        Api.Response archived = planner.post("/api/plots", """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[8.4771,59.4161],[8.4777,59.4161],
                [8.4777,59.4164],[8.4771,59.4164],[8.4771,59.4161]]]},"properties":{"municipalityNumber":"4028",
                "name":"Arkivert","purpose":"leisure","availability":"available","published":true}}""");
        assertThat(planner.delete("/api/plots/" + archived.json().path("id").asLong()).status()).isEqualTo(204);
        JsonNode after = api().get("/api/stats/region").json();
        assertThat(municipality(after, "4028").path("byPurpose").path("leisure"))
                .isEqualTo(municipality(before, "4028").path("byPurpose").path("leisure"));
    }

    @Test
    void takesNoParameters() {
        Api.Response r = api().get("/api/stats/region?municipality=4028");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsString("pointer")).containsExactly("?municipality");
    }

    private static JsonNode municipality(JsonNode body, String number) {
        for (JsonNode m : body.path("municipalities")) {
            if (m.path("municipalityNumber").asString().equals(number)) {
                return m;
            }
        }
        throw new AssertionError("no municipality " + number);
    }
}
