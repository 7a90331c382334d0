package no.arealbank.plots;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.arealbank.audit.ChangeHistory;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plot's change history as the workspace shows it: each recorded entry with a flat diff of its properties
 * ({@code changes}) and whether the geometry changed, and the before/after snapshots' geometries transformed from
 * storage (EPSG:25832) to the requested CRS by PostGIS, so a page can draw them.
 */
@Component
class PlotHistory {

    /** The fields of {@link ChangeHistory.Entry}, plus {@code changes} and {@code geometryChanged}. */
    record Entry(long id, String action, int version, String changedBy, OffsetDateTime changedAt, JsonNode before,
            JsonNode after, List<Long> relatedIds, String note, List<Change> changes, boolean geometryChanged) {
    }

    /** One changed property; nested objects are flattened to dotted names ({@code fees.survey}), arrays compared whole. */
    record Change(String field, JsonNode before, JsonNode after) {
    }

    /** Bookkeeping that changes with every write and would only be noise in a diff. */
    static final Set<String> NOT_DIFFED = Set.of("version", "updatedAt");

    private static final String TRANSFORM = """
            SELECT ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(g.geom), 25832), :srid)),
                                :digits)
              FROM json_array_elements_text(CAST(:geoms AS json)) WITH ORDINALITY AS g(geom, n)
             ORDER BY g.n
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    PlotHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Entry> entries(List<ChangeHistory.Entry> recorded, SupportedCrs crs) {
        List<ObjectNode> snapshots = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (ChangeHistory.Entry e : recorded) {
            JsonNode before = e.before() == null ? null : json.readTree(e.before());
            JsonNode after = e.after() == null ? null : json.readTree(e.after());
            boolean geometryChanged = !Objects.equals(before == null ? null : before.get("geometry"),
                    after == null ? null : after.get("geometry"));
            entries.add(new Entry(e.id(), e.action(), e.version(), e.changedBy(), e.changedAt(), before, after,
                    e.relatedIds(), e.note(), diff(before, after), geometryChanged));
            for (JsonNode snapshot : new JsonNode[] {before, after}) {
                if (snapshot instanceof ObjectNode o && o.get("geometry") != null && o.get("geometry").isObject()) {
                    snapshots.add(o);
                }
            }
        }
        transform(snapshots, crs);
        return entries;
    }

    /** Replaces each snapshot's geometry (EPSG:25832) by the same geometry in {@code crs}, in one statement. */
    private void transform(List<ObjectNode> snapshots, SupportedCrs crs) {
        if (snapshots.isEmpty() || crs.srid() == SupportedCrs.STORAGE_SRID) {
            return;
        }
        ArrayNode geometries = json.createArrayNode();
        snapshots.forEach(s -> geometries.add(s.get("geometry")));
        List<String> transformed = jdbc.sql(TRANSFORM).param("geoms", geometries.toString()).param("srid", crs.srid())
                .param("digits", crs.decimals()).query(String.class).list();
        for (int i = 0; i < snapshots.size(); i++) {
            snapshots.get(i).set("geometry", json.readTree(transformed.get(i)));
        }
    }

    /** The properties that differ between two snapshots (either may be null: a creation or a deletion). */
    static List<Change> diff(JsonNode before, JsonNode after) {
        Map<String, JsonNode> b = new LinkedHashMap<>();
        Map<String, JsonNode> a = new LinkedHashMap<>();
        flatten(before == null ? null : before.get("properties"), "", b);
        flatten(after == null ? null : after.get("properties"), "", a);
        Map<String, Change> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : a.entrySet()) {
            JsonNode old = b.getOrDefault(e.getKey(), NullNode.getInstance());
            if (!old.equals(e.getValue())) {
                changes.put(e.getKey(), new Change(e.getKey(), old, e.getValue()));
            }
        }
        for (Map.Entry<String, JsonNode> e : b.entrySet()) {
            if (!a.containsKey(e.getKey()) && !e.getValue().isNull()) {
                changes.put(e.getKey(), new Change(e.getKey(), e.getValue(), NullNode.getInstance()));
            }
        }
        return List.copyOf(changes.values());
    }

    private static void flatten(JsonNode node, String prefix, Map<String, JsonNode> out) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            if (prefix.isEmpty() && NOT_DIFFED.contains(name)) {
                continue;
            }
            if (e.getValue().isObject()) { // an empty object ({} texts) counts as absent
                flatten(e.getValue(), name + ".", out);
            } else {
                out.put(name, e.getValue());
            }
        }
    }
}
