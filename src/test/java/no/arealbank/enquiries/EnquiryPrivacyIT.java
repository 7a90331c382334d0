package no.arealbank.enquiries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The personal data in the enquiry inbox: CSV export, a data subject's access and erasure requests (only within the
 * planner's municipalities, recorded without the personal data), and the retention job.
 */
class EnquiryPrivacyIT extends SampleRegionTest {

    @Autowired
    EnquiryRetention retention;

    private Api planner(String municipality) {
        return api().as("planner-" + municipality, DEMO_PASSWORD);
    }

    private long publicPlot(String municipality) {
        return jdbc.sql("SELECT min(id) FROM plot WHERE municipality_number = :m AND published AND archived_at IS NULL")
                .param("m", municipality).query(Long.class).single();
    }

    /** Stores an enquiry as if received {@code daysAgo} days ago; returns its id. */
    private long enquiry(String municipality, String name, String email, String message, int daysAgo) {
        return jdbc.sql("""
                INSERT INTO enquiry (plot_id, name, email, phone, message, language, created_at, updated_at)
                VALUES (:plot, :name, :email, '+47 912 34 567', :message, 'nn',
                        now() - make_interval(days => :days), now() - make_interval(days => :days))
                RETURNING id
                """).param("plot", publicPlot(municipality)).param("name", name).param("email", email)
                .param("message", message).param("days", daysAgo).query(Long.class).single();
    }

    private boolean exists(long id) {
        return jdbc.sql("SELECT count(*) FROM enquiry WHERE id = :id").param("id", id).query(Long.class).single() == 1;
    }

    private static String address() {
        return "person-" + UUID.randomUUID() + "@example.no";
    }

    private static List<List<String>> csvRows(byte[] body) {
        byte[] content = Arrays.copyOfRange(body, 3, body.length);
        CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
        List<List<String>> rows = new java.util.ArrayList<>();
        csv.readerForListOf(String.class).with(CsvSchema.emptySchema().withColumnSeparator(';'))
                .readValues(new String(content, StandardCharsets.UTF_8))
                .forEachRemaining(r -> rows.add(((List<?>) r).stream().map(String::valueOf).toList()));
        return rows;
    }

    @Test
    void exportsTheInboxAsCsvForExcelWithTheListsFiltersAndOnlyTheirMunicipality() {
        String email = address();
        long mine = enquiry("4028", "Åse Ærlig-Øvergård", email, "Kan vi ta ei synfaring?\nHelsing \"Åse\"; takk", 1);
        long formula = enquiry("4028", "=HYPERLINK(\"http://evil\")", address(), "@SUM(A1)", 1);
        long theirs = enquiry("4022", "Per Seljord", address(), "Ledig?", 1);
        jdbc.sql("UPDATE enquiry SET status = 'answered' WHERE id = :id").param("id", formula).update();

        Api.Bytes r = planner("4028").bytes("/api/enquiries/export.csv?status=new");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).startsWith("attachment").contains("arealbank-enquiries-");
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(Arrays.copyOf(r.body(), 3)).as("UTF-8 BOM").containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = csvRows(r.body());
        assertThat(rows.get(0)).containsExactlyElementsOf(EnquiryPrivacy.CSV_COLUMNS);
        List<String> row = rows.stream().filter(x -> x.get(0).equals(String.valueOf(mine))).findFirst().orElseThrow();
        assertThat(row.get(7)).isEqualTo("Åse Ærlig-Øvergård");
        assertThat(row.get(8)).isEqualTo(email);
        assertThat(row.get(11)).isEqualTo("Kan vi ta ei synfaring?\nHelsing \"Åse\"; takk");
        assertThat(row.get(5)).isEqualTo("4028");
        assertThat(rows).noneMatch(x -> x.get(0).equals(String.valueOf(theirs)));
        assertThat(rows).as("status filter").noneMatch(x -> x.get(0).equals(String.valueOf(formula)));
        rows.stream().skip(1).forEach(x -> assertThat(x.get(5)).isEqualTo("4028"));

        List<List<String>> answered = csvRows(planner("4028").bytes("/api/enquiries/export.csv?status=answered").body());
        List<String> f = answered.stream().filter(x -> x.get(0).equals(String.valueOf(formula))).findFirst().orElseThrow();
        assertThat(f.get(7)).as("no formula for Excel").isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(f.get(11)).isEqualTo("'@SUM(A1)");

        assertThat(planner("4028").get("/api/enquiries/export.csv?status=maybe").status()).isEqualTo(400);
        assertThat(api().get("/api/enquiries/export.csv").status()).isEqualTo(401);
    }

    @Test
    void aDataSubjectGetsEverythingHeldAboutTheirAddressWithinTheReadersMunicipalities() {
        String email = address();
        long kviteseid = enquiry("4028", "Kari Nordmann", email, "Fyrste", 3);
        long seljord = enquiry("4022", "Kari Nordmann", email.toUpperCase(), "Andre", 2);
        enquiry("4028", "Ola Nordmann", address(), "Ein annan", 1);

        JsonNode mine = planner("4028").get("/api/enquiries/personal-data?email=" + email).json();
        assertThat(mine.path("email").asString()).isEqualTo(email);
        assertThat(mine.path("enquiries").size()).isEqualTo(1);
        assertThat(mine.path("enquiries").get(0).path("id").asLong()).isEqualTo(kviteseid);
        assertThat(mine.path("enquiries").get(0).path("message").asString()).isEqualTo("Fyrste");

        JsonNode all = api().as("admin", ADMIN_PASSWORD).get("/api/enquiries/personal-data?email=" + email).json();
        assertThat(all.path("enquiries").findValuesAsString("message")).containsExactly("Fyrste", "Andre");
        assertThat(all.path("scope").asString()).isEqualTo("all municipalities");
        assertThat(all.path("enquiries").get(1).path("id").asLong()).isEqualTo(seljord);

        assertThat(planner("4028").get("/api/enquiries/personal-data").status()).isEqualTo(400);
        assertThat(planner("4028").get("/api/enquiries/personal-data?email=not-an-address").json().path("errors")
                .findValuesAsString("pointer")).containsExactly("?email");
        assertThat(api().get("/api/enquiries/personal-data?email=" + email).status()).isEqualTo(401);
    }

    @Test
    void erasureDeletesOnlyWithinThePlannersMunicipalitiesAndIsRecordedWithoutThePersonalData() {
        String email = address();
        long kviteseid = enquiry("4028", "Kari Nordmann", email, "Fyrste", 3);
        long seljord = enquiry("4022", "Kari Nordmann", email, "Andre", 2);

        Api.Response other = planner("4030").delete("/api/enquiries/personal-data?email=" + email);
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(other.json().path("deleted").asInt()).as("another municipality's planner erases nothing").isZero();
        assertThat(exists(kviteseid)).isTrue();
        assertThat(exists(seljord)).isTrue();

        Api.Response erased = planner("4028").delete("/api/enquiries/personal-data?email=" + email.toUpperCase());
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().path("deleted").asInt()).isEqualTo(1);
        assertThat(exists(kviteseid)).isFalse();
        assertThat(exists(seljord)).isTrue();
        assertThat(planner("4028").get("/api/enquiries/" + kviteseid).status()).isEqualTo(404);

        assertThat(jdbc.sql("""
                SELECT action || '|' || changed_by || '|' || note FROM change_history
                 WHERE entity_type = 'enquiry' AND entity_id = :id
                """).param("id", kviteseid).query(String.class).single())
                .isEqualTo("delete|planner-4028|erased on the data subject's request");
        assertThat(jdbc.sql("SELECT count(*) FROM change_history WHERE before::text ILIKE :e OR after::text ILIKE :e"
                + " OR note ILIKE :e").param("e", "%" + email + "%").query(Long.class).single())
                .as("the audit holds no personal data").isZero();

        assertThat(api().delete("/api/enquiries/personal-data?email=" + email).status()).isEqualTo(401);
        assertThat(planner("4022").delete("/api/enquiries/personal-data").status()).isEqualTo(400);
        assertThat(exists(seljord)).isTrue();
    }

    @Test
    void theRetentionJobDeletesEnquiriesOlderThanTheRetentionPeriod() {
        long old = enquiry("4028", "Gamal Førespurnad", address(), "For lenge sidan", 400);
        long older = enquiry("4022", "Endå eldre", address(), "Endå lenger sidan", 800);
        long recent = enquiry("4028", "Ny nok", address(), "I fjor haust", 300);

        assertThat(retention.purge()).isGreaterThanOrEqualTo(2);
        assertThat(exists(old)).isFalse();
        assertThat(exists(older)).isFalse();
        assertThat(exists(recent)).isTrue();
        assertThat(jdbc.sql("SELECT changed_by || '|' || note FROM change_history WHERE entity_type = 'enquiry'"
                + " AND entity_id = :id AND action = 'delete'").param("id", old).query(String.class).single())
                .isEqualTo("system:retention|deleted after the retention period of 365 days");
        assertThat(retention.purge()).as("nothing left to delete").isZero();
    }
}
