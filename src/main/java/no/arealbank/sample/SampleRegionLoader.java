package no.arealbank.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.arealbank.plots.PlotService;
import no.arealbank.shared.StartupStep;
import no.arealbank.reference.ReferenceData;
import no.arealbank.security.Actor;
import no.arealbank.security.UserAccounts;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads classpath:geodata/*.geojson in one transaction when the database has no plots (so a second start, or a
 * second instance, loads nothing twice). Geometry is parsed and transformed by PostGIS.
 */
@Component
class SampleRegionLoader extends StartupStep {

    private static final Logger log = LoggerFactory.getLogger(SampleRegionLoader.class);
    private static final String GEOMETRY = "ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(:geometry), 4326), 25832)";
    private static final String MULTI = "ST_Multi(" + GEOMETRY + ")";

    private final SampleSettings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlotService plots;
    private final UserAccounts users;
    private final ReferenceData reference;
    private final JsonMapper json = JsonMapper.builder().build();

    SampleRegionLoader(SampleSettings settings, JdbcClient jdbc, TransactionTemplate tx, PlotService plots,
            UserAccounts users, ReferenceData reference) {
        super(SAMPLE_REGION);
        this.settings = settings;
        this.jdbc = jdbc;
        this.tx = tx;
        this.plots = plots;
        this.users = users;
        this.reference = reference;
    }

    @Override
    protected void run() {
        if (!settings.enabled()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            // one loader at a time, also across instances sharing the database
            jdbc.sql("SELECT pg_advisory_xact_lock(4022)").query(Object.class).single();
            if (settings.reset()) {
                jdbc.sql("TRUNCATE enquiry, change_history, plot, zone, hazard_zone, plan, business_hub, place "
                        + "RESTART IDENTITY CASCADE").update();
                log.warn("sample reset: all plots, plans, zones, hazards, places, enquiries and history removed");
            }
            long existing = jdbc.sql("SELECT count(*) FROM plot").query(Long.class).single();
            if (existing > 0) {
                log.info("sample region not loaded: the database already has {} plots", existing);
                return;
            }
            long started = System.nanoTime();
            Map<String, Integer> counts = new TreeMap<>();
            counts.put("places", loadPlaces());
            counts.put("business-hubs", loadHubs());
            counts.put("plans", loadPlans());
            counts.put("zones", loadZones());
            counts.put("hazards", loadHazards());
            counts.put("plots", loadPlots());
            log.info("sample region loaded in {} ms: {}", (System.nanoTime() - started) / 1_000_000, counts);
        });
        createDemoUsers();
    }

    private int loadPlaces() {
        int n = 0;
        for (JsonNode f : features("places.geojson")) {
            JsonNode p = f.path("properties");
            n += jdbc.sql("INSERT INTO place (municipality_number, name, kind, geom) VALUES (:m, :name, :kind, "
                    + GEOMETRY + ") ON CONFLICT DO NOTHING")
                    .param("m", p.path("municipalityNumber").asString()).param("name", p.path("name").asString())
                    .param("kind", p.path("kind").asString()).param("geometry", f.path("geometry").toString())
                    .update();
        }
        return n;
    }

    private int loadHubs() {
        int n = 0;
        for (JsonNode f : features("business-hubs.geojson")) {
            JsonNode p = f.path("properties");
            n += jdbc.sql("INSERT INTO business_hub (municipality_number, name, website, description, geom) "
                    + "VALUES (:m, :name, :website, CAST(:description AS jsonb), " + GEOMETRY + ") ON CONFLICT DO NOTHING")
                    .param("m", p.path("municipalityNumber").asString()).param("name", p.path("name").asString())
                    .param("website", text(p, "website"))
                    .param("description", p.has("description") ? p.get("description").toString() : "{}")
                    .param("geometry", f.path("geometry").toString())
                    .update();
        }
        return n;
    }

    private int loadPlans() {
        int n = 0;
        for (JsonNode f : features("plans.geojson")) {
            JsonNode p = f.path("properties");
            n += jdbc.sql("INSERT INTO plan (plan_id, municipality_number, name, plan_type, plan_status, decision_date, "
                    + "document_url, geom) VALUES (:id, :m, :name, :type, :status, CAST(:decided AS date), :url, "
                    + MULTI + ") ON CONFLICT DO NOTHING")
                    .param("id", p.path("planId").asString()).param("m", p.path("municipalityNumber").asString())
                    .param("name", p.path("name").asString()).param("type", p.path("planType").asInt())
                    .param("status", p.path("planStatus").asInt()).param("decided", text(p, "decisionDate"))
                    .param("url", text(p, "documentUrl")).param("geometry", f.path("geometry").toString())
                    .update();
        }
        return n;
    }

    private int loadZones() {
        int n = 0;
        for (JsonNode f : features("zones.geojson")) {
            JsonNode p = f.path("properties");
            n += jdbc.sql("INSERT INTO zone (plan_id, land_use_code, land_use_status, allowed_uses, name, geom) "
                    + "VALUES (:plan, :code, :status, string_to_array(:uses, ','), :name, " + MULTI + ")")
                    .param("plan", p.path("planId").asString()).param("code", p.path("landUseCode").asInt())
                    .param("status", p.path("landUseStatus").asInt(2)).param("uses", joined(p.path("allowedUses")))
                    .param("name", text(p, "name")).param("geometry", f.path("geometry").toString())
                    .update();
        }
        return n;
    }

    private int loadHazards() {
        int n = 0;
        for (JsonNode f : features("hazards.geojson")) {
            JsonNode p = f.path("properties");
            n += jdbc.sql("INSERT INTO hazard_zone (code, name, municipality_number, plan_id, description, geom) "
                    + "VALUES (:code, :name, :m, :plan, CAST(:description AS jsonb), " + MULTI + ")")
                    .param("code", p.path("code").asInt()).param("name", p.path("name").asString())
                    .param("m", p.path("municipalityNumber").asString()).param("plan", text(p, "planId"))
                    .param("description", p.has("description") ? p.get("description").toString() : "{}")
                    .param("geometry", f.path("geometry").toString())
                    .update();
        }
        return n;
    }

    private int loadPlots() {
        Actor loader = Actor.system("sample-loader");
        int n = 0;
        for (JsonNode f : features("plots.geojson")) {
            plots.create(f.toString(), SupportedCrs.CRS84, loader);
            n++;
        }
        return n;
    }

    /** One demo planner per municipality and one regional admin; sample run only, password printed. */
    private void createDemoUsers() {
        for (String number : reference.municipalityNumbers()) {
            String username = "planner-" + number;
            if (!users.exists(username)) {
                users.save(username, settings.demoPassword(), false,
                        "Demo planner " + reference.municipalityName(number).orElse(number), Set.of(number));
            }
        }
        if (!users.exists("region-admin")) {
            users.save("region-admin", settings.demoPassword(), true, "Demo regional admin", Set.of());
        }
        log.warn("SAMPLE RUN — demo sign-in (do not expose this instance): users planner-<kommunenummer> "
                + "(e.g. planner-4028 for Kviteseid) and region-admin, password '{}' (AREALBANK_DEMO_PASSWORD)",
                settings.demoPassword());
    }

    private Iterable<JsonNode> features(String file) {
        try (InputStream in = new ClassPathResource("geodata/" + file).getInputStream()) {
            return json.readTree(in).path("features");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read geodata/" + file, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static String joined(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode v : array) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(v.asString());
        }
        return sb.toString();
    }
}
