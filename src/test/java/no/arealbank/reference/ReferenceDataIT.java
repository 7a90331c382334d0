package no.arealbank.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

class ReferenceDataIT extends SampleRegionTest {

    @Autowired
    ReferenceData reference;

    @Test
    void seedsEveryCodeListRowFromTheReferenceCsvs() throws IOException {
        for (Map.Entry<String, String> e : Map.of("arealformaal.csv", "land_use_code",
                "hensynssoner.csv", "consideration_zone_code", "plantype.csv", "plan_type",
                "planstatus.csv", "plan_status", "arealbruksstatus.csv", "land_use_status",
                "vertikalniva.csv", "vertical_level", "kommuner.csv", "municipality").entrySet()) {
            long rows = CsvRows.read(e.getKey()).size();
            long inDb = jdbc.sql("SELECT count(*) FROM " + e.getValue()).query(Long.class).single();
            assertThat(inDb).as(e.getValue()).isEqualTo(rows);
        }
        assertThat(jdbc.sql("SELECT allowed_uses::text FROM land_use_code WHERE code = 1300").query(String.class)
                .single()).isEqualTo("{naering}");
        assertThat(jdbc.sql("SELECT count(*) FROM land_use_code WHERE code IN (1110, 1120, 1300, 1800)")
                .query(Long.class).single()).isEqualTo(4);
        try (InputStream sources = getClass().getResourceAsStream("/reference/SOURCES.md")) {
            assertThat(sources).as("the sources file travels with the code lists").isNotNull();
        }
    }

    @Test
    void resolvesOlderMunicipalityNumbersAsAliases() {
        assertThat(reference.currentMunicipalityNumber("0829")).contains("4028");
        assertThat(reference.currentMunicipalityNumber("3821")).contains("4028");
        assertThat(reference.currentMunicipalityNumber("1419")).contains("4640"); // Leikanger → Sogndal
        assertThat(reference.currentMunicipalityNumber("1418")).contains("4640"); // Balestrand → Sogndal
        assertThat(reference.currentMunicipalityNumber("1426")).contains("4644");
        assertThat(reference.currentMunicipalityNumber("0301")).isEmpty();
        JsonNode old = api().get("/api/municipalities/0834").json();
        assertThat(old.path("properties").path("name").asString()).isEqualTo("Vinje");
    }

    @Test
    void loadsOfficialBoundariesFromTheBoundariesFileWithAttribution() {
        JsonNode all = api().get("/api/municipalities").json();
        assertThat(all.path("attribution").asString()).contains("Kartverket").contains("CC BY 4.0");
        assertThat(all.path("features").size()).isEqualTo(8);
        for (JsonNode f : all.path("features")) {
            assertThat(f.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
            assertThat(f.path("properties").path("boundarySource").asString()).isEqualTo("file:kommuner.geojson");
        }
        // areas in EPSG:25832 match the official figures within the simplification (SOURCES.md)
        double vinje = jdbc.sql("SELECT ST_Area(boundary) / 1e6 FROM municipality WHERE number = '4036'")
                .query(Double.class).single();
        assertThat(vinje).isBetween(3090.0, 3115.0);
        assertThat(api().get("/api/municipalities/9999").status()).isEqualTo(404);
    }
}
