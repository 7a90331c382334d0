package no.arealbank.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/** The map page's search box: what it finds, in which order, and what it refuses. */
class SearchIT extends SampleRegionTest {

    private JsonNode search(String q) {
        return search(q, null);
    }

    private JsonNode search(String q, Integer limit) {
        Api.Response r = api().get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + (limit == null ? "" : "&limit=" + limit));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        return r.json().path("results");
    }

    private static List<String> labels(JsonNode results) {
        List<String> labels = new ArrayList<>();
        results.forEach(r -> labels.add(r.path("label").asString()));
        return labels;
    }

    private static Set<Long> plotIds(JsonNode results, String type) {
        Set<Long> ids = new HashSet<>();
        results.forEach(r -> {
            if (type.equals(r.path("type").asString())) {
                ids.add(r.path("plotId").asLong());
            }
        });
        return ids;
    }

    @Test
    void aPrefixFindsThePlaceBeforeNamesThatOnlyContainIt() {
        JsonNode results = search("dal", 20);
        JsonNode first = results.get(0);
        assertThat(first.path("type").asString()).isEqualTo("place");
        assertThat(first.path("label").asString()).isEqualTo("Dalen");
        assertThat(first.path("detail").asString()).contains("Tokke");
        assertThat(first.path("lon").asDouble()).isCloseTo(8.0019, within(1e-5));
        assertThat(first.path("lat").asDouble()).isCloseTo(59.4408, within(1e-5));
        assertThat(first.has("bbox")).as("a point has no bbox").isFalse();
        // more than 20 names have a word starting with "dal", so none that only contain it (Vrådal) make the list
        assertThat(results.size()).isEqualTo(20);
        assertThat(labels(results)).allMatch(l -> (" " + fold(l)).contains(" dal")).doesNotContain("Vrådal");
    }

    @Test
    void ranksTheSameNameThenNameStartsThenWordStartsThenTheRest() {
        for (String q : new String[] {"dal", "Moland", "lårdal", "sogndal", "bustadfelt lia", "kviteseid", "seid",
                "næring"}) {
            List<Integer> ranks = new ArrayList<>();
            search(q, 20).forEach(r -> {
                if (!r.path("type").asString().equals("matrikkel")) {
                    ranks.add(rank(fold(r.path("label").asString()), fold(q)));
                }
            });
            assertThat(ranks).as(q).isNotEmpty().isSorted();
        }
        List<String> labels = labels(search("lårdal"));
        assertThat(labels.get(0)).isEqualTo("Lårdal");
        assertThat(labels).anyMatch(l -> l.startsWith("Hyttefelt Lårdal"));
    }

    /** The folding of migration V6, for checking the order (not the matching) in these tests. */
    private static String fold(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replace("å", "a").replace("ø", "o").replace("æ", "ae")
                .replace("aa", "a").replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static int rank(String label, String q) {
        return label.equals(q) ? 0 : label.startsWith(q) ? 1 : label.contains(" " + q) ? 2 : 3;
    }

    @Test
    void caseAccentsAndNorwegianLettersDoNotMatter() {
        for (String q : new String[] {"Vrådal", "vradal", "VRÅDAL", "Vraadal", "vrådal "}) {
            JsonNode first = search(q).get(0);
            assertThat(first.path("label").asString()).as(q).isEqualTo("Vrådal");
            assertThat(first.path("type").asString()).as(q).isEqualTo("place");
        }
        assertThat(search("hoydalsmo").get(0).path("label").asString()).isEqualTo("Høydalsmo");
        assertThat(search("sogndalsfjora").get(0).path("label").asString()).isEqualTo("Sogndalsfjøra");
        assertThat(search("fjaerland").get(0).path("label").asString()).isEqualTo("Fjærland");
        assertThat(search("amot").get(0).path("label").asString()).isEqualTo("Åmot");
    }

    @Test
    void aWordStartFindsPublishedPlotsByName() {
        Api admin = api().as("admin", ADMIN_PASSWORD);
        Api.Response created = admin.post("/api/plots", """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[8.0935,59.1846],[8.0941,59.1846],
                [8.0941,59.1849],[8.0935,59.1849],[8.0935,59.1846]]]},"properties":{"municipalityNumber":"4032",
                "name":"Molandsmoen næringsområde, tomt 1","purpose":"business","availability":"available",
                "published":true}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        try {
            JsonNode molands = search("molands");
            assertThat(molands.get(0).path("label").asString()).isEqualTo("Molandsmoen næringsområde, tomt 1");
            assertThat(molands.get(0).path("type").asString()).isEqualTo("plot");
            assertThat(molands.get(0).path("plotId").asLong()).isEqualTo(id);
            assertThat(molands.get(0).path("detail").asString()).contains("Fyresdal");
            assertThat(molands.get(0).path("bbox")).hasSize(4);
            assertThat(labels(molands)).doesNotContain("Moland");
            // the exact name wins: the kommunesenter Moland before plots and plans that start with it
            JsonNode moland = search("Moland", 20);
            assertThat(moland.get(0).path("label").asString()).isEqualTo("Moland");
            assertThat(labels(moland)).contains("Molandsmoen næringsområde, tomt 1", "Bustadfelt Moland aust, tomt 1");
            assertThat(labels(moland).indexOf("Molandsmoen næringsområde, tomt 1"))
                    .isGreaterThan(labels(moland).indexOf("Moland"));
        } finally {
            assertThat(admin.delete("/api/plots/" + id).status()).isEqualTo(204);
        }
        assertThat(plotIds(search("molandsmoen"), "plot")).as("archived plots are not found").doesNotContain(id);
    }

    @Test
    void startsOfNamesComeBeforeLaterWordsWhateverTheType() {
        JsonNode results = search("bustadfelt lia", 20);
        List<String> labels = labels(results);
        assertThat(labels).contains("Bustadfelt Lia, tomt 1", "Detaljregulering for bustadfelt Lia");
        assertThat(labels.indexOf("Bustadfelt Lia, tomt 1")).as("a plot starting with it before a plan containing it")
                .isLessThan(labels.indexOf("Detaljregulering for bustadfelt Lia"));
    }

    @Test
    void findsMunicipalitiesByNameCurrentNumberAndOlderNumber() {
        for (String q : new String[] {"Kviteseid", "kviteseid", "4028", "0829", "3821"}) {
            JsonNode first = search(q).get(0);
            assertThat(first.path("type").asString()).as(q).isEqualTo("municipality");
            assertThat(first.path("label").asString()).as(q).isEqualTo("Kviteseid");
            JsonNode bbox = first.path("bbox");
            assertThat(bbox).as(q).hasSize(4);
            assertThat(first.path("lon").asDouble()).isBetween(bbox.get(0).asDouble(), bbox.get(2).asDouble());
            assertThat(first.path("lat").asDouble()).isBetween(bbox.get(1).asDouble(), bbox.get(3).asDouble());
        }
        // the kommunesenter of the same name follows the municipality
        assertThat(labels(search("Kviteseid"))).startsWith("Kviteseid", "Kviteseid");
    }

    @Test
    void findsBusinessHubs() {
        JsonNode results = search("naeringshage", 20);
        long hubs = jdbc.sql("SELECT count(*) FROM business_hub WHERE lower(name) LIKE '%næringshage%'")
                .query(Long.class).single();
        assertThat(hubs).isPositive();
        long found = 0;
        for (JsonNode r : results) {
            if (r.path("type").asString().equals("hub")) {
                found++;
                assertThat(r.path("label").asString().toLowerCase()).contains("næringshage");
            }
        }
        assertThat(found).isEqualTo(hubs);
        assertThat(labels(search("Tokke tekno"))).first().isEqualTo("Tokke teknologipark");
    }

    @Test
    void findsPublishedPlotsByGnrBnrWithOrWithoutTheMunicipality() {
        JsonNode unit = Api.JSON.readTree(jdbc.sql("""
                SELECT json_build_object('id', id, 'gnr', gnr, 'bnr', bnr)::text FROM plot
                 WHERE municipality_number = '4028' AND published AND archived_at IS NULL AND gnr IS NOT NULL
                   AND fnr IS NULL ORDER BY id LIMIT 1""").query(String.class).single());
        long id = unit.path("id").asLong();
        String gnrBnr = unit.path("gnr").asInt() + "/" + unit.path("bnr").asInt();
        Set<Long> expected = new HashSet<>(jdbc.sql("""
                SELECT id FROM plot WHERE gnr = :gnr AND bnr = :bnr AND published AND archived_at IS NULL""")
                .param("gnr", unit.path("gnr").asInt()).param("bnr", unit.path("bnr").asInt()).query(Long.class).list());

        JsonNode plain = search(gnrBnr, 20);
        assertThat(plain.get(0).path("type").asString()).isEqualTo("matrikkel");
        assertThat(plotIds(plain, "matrikkel")).isEqualTo(expected).contains(id);
        for (String q : new String[] {"4028 " + gnrBnr, "0829 " + gnrBnr, "4028-" + gnrBnr,
                "gnr " + unit.path("gnr").asInt() + " bnr " + unit.path("bnr").asInt()}) {
            JsonNode r = search(q);
            assertThat(r.get(0).path("type").asString()).as(q).isEqualTo("matrikkel");
            assertThat(r.get(0).path("plotId").asLong()).as(q).isEqualTo(id);
            assertThat(r.get(0).path("label").asString()).as(q).isEqualTo("4028 " + gnrBnr);
        }
        assertThat(plotIds(search("4022 " + gnrBnr), "matrikkel")).doesNotContain(id);

        // a draft with a matrikkel unit of its own (the sample's drafts have none): never found
        Map<String, Object> draft = jdbc.sql("""
                SELECT id, municipality_number::text AS m, gnr, bnr FROM plot WHERE NOT published AND archived_at IS NULL
                 ORDER BY id LIMIT 1""").query().singleRow();
        long draftId = ((Number) draft.get("id")).longValue();
        jdbc.sql("UPDATE plot SET gnr = 9899, bnr = 7 WHERE id = :id").param("id", draftId).update();
        try {
            assertThat(plotIds(search(draft.get("m") + " 9899/7"), "matrikkel")).as("drafts are never found")
                    .doesNotContain(draftId);
        } finally {
            jdbc.sql("UPDATE plot SET gnr = :gnr, bnr = :bnr WHERE id = :id").param("gnr", draft.get("gnr"))
                    .param("bnr", draft.get("bnr")).param("id", draftId).update();
        }
    }

    @Test
    void findsPlansByIdAndIdPrefix() {
        JsonNode exact = search("4028-2015001");
        assertThat(exact.get(0).path("type").asString()).isEqualTo("plan");
        assertThat(exact.get(0).path("planId").asString()).isEqualTo("4028-2015001");
        assertThat(exact.get(0).path("label").asString()).isEqualTo("Detaljregulering for Kviteseid næringsområde");
        assertThat(exact.get(0).path("bbox")).hasSize(4);

        JsonNode prefix = search("4028-20", 20);
        long plans = jdbc.sql("SELECT count(*) FROM plan WHERE plan_id LIKE '4028-20%'").query(Long.class).single();
        assertThat(plans).isGreaterThan(1);
        Set<String> ids = new HashSet<>();
        prefix.forEach(r -> {
            if (r.path("type").asString().equals("plan")) {
                ids.add(r.path("planId").asString());
            }
        });
        assertThat(ids).hasSize((int) plans).allMatch(i -> i.startsWith("4028-20"));
    }

    @Test
    void draftPlotsAreNeverFound() {
        JsonNode draft = Api.JSON.readTree(jdbc.sql("""
                SELECT json_build_object('id', id, 'name', name)::text FROM plot
                 WHERE NOT published AND archived_at IS NULL ORDER BY id LIMIT 1""").query(String.class).single());
        assertThat(plotIds(search(draft.path("name").asString(), 20), "plot")).doesNotContain(draft.path("id").asLong());
    }

    @Test
    void limitsTheAnswer() {
        assertThat(search("tomt").size()).isEqualTo(8);
        assertThat(search("tomt", 3).size()).isEqualTo(3);
        assertThat(search("tomt", 20).size()).isEqualTo(20);
    }

    @Test
    void textIsOnlyEverBound() {
        String before = databaseFingerprint();
        assertThat(search("'; DROP TABLE plot; --").size()).isZero();
        assertThat(search("%").size()).as("a wildcard is not a pattern").isZero();
        assertThat(search("_").size()).isZero();
        assertThat(search("\\").size()).isZero();
        assertThat(databaseFingerprint()).isEqualTo(before);
    }

    @Test
    void aMissingEmptyOrTooLongQueryIs400NamingQ() {
        refused("/api/search", "?q");
        refused("/api/search?q=", "?q");
        refused("/api/search?q=%20%20", "?q");
        refused("/api/search?q=" + "a".repeat(101), "?q");
        refused("/api/search?q=dal&limit=0", "?limit");
        refused("/api/search?q=dal&limit=21", "?limit");
        refused("/api/search?q=dal&limit=many", "?limit");
        refused("/api/search?q=dal&type=place", "?type");
        assertThat(api().get("/api/search?q=" + "a".repeat(100)).status()).isEqualTo(200);
    }

    private void refused(String path, String pointer) {
        Api.Response r = api().get(path);
        assertThat(r.status()).as(path + " " + r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("errors").findValuesAsString("pointer")).as(path).containsExactly(pointer);
    }
}
