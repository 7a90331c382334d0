package no.arealbank.reference;

import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import no.arealbank.shared.Problems;

/**
 * Read-only GeoJSON of the reference layers the map shows: municipalities (with boundary attribution),
 * næringshagar and places. PostGIS writes the GeoJSON; boundaries are simplified to ~5 m for the web.
 */
@RestController
@RequestMapping(path = "/api", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
class ReferenceController {

    static final String ATTRIBUTION = "Kommunegrenser © Kartverket, CC BY 4.0";
    private static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private static final String MUNICIPALITY_FEATURE = """
            json_build_object('type', 'Feature', 'id', m.number,
              'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(ST_Transform(ST_SimplifyPreserveTopology(m.boundary, 5), 4326))), 6)::json,
              'properties', json_build_object('municipalityNumber', m.number, 'name', m.name,
                  'county', m.county_name, 'region', m.region, 'adminCentre', m.admin_centre,
                  'formerNumbers', (SELECT coalesce(json_agg(a.old_number ORDER BY a.valid_to DESC, a.old_number), '[]'::json)
                                      FROM municipality_alias a WHERE a.number = m.number),
                  'boundarySource', m.boundary_source,
                  'areaKm2', round((ST_Area(m.boundary) / 1e6)::numeric, 1),
                  'plotsAvailable', (SELECT count(*) FROM plot p WHERE p.municipality_number = m.number
                                       AND p.published AND p.archived_at IS NULL AND p.availability = 'available')))
            """;

    private final JdbcClient jdbc;

    ReferenceController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/municipalities")
    ResponseEntity<String> municipalities() {
        String body = jdbc.sql("SELECT json_build_object('type', 'FeatureCollection', 'attribution', :attribution, "
                + "'features', coalesce(json_agg(" + MUNICIPALITY_FEATURE + " ORDER BY m.number), '[]'::json))::text "
                + "FROM municipality m").param("attribution", ATTRIBUTION).query(String.class).single();
        return ResponseEntity.ok().contentType(GEO_JSON).body(body);
    }

    @GetMapping("/municipalities/{number}")
    ResponseEntity<String> municipality(@PathVariable String number) {
        Optional<String> body = jdbc.sql("SELECT " + MUNICIPALITY_FEATURE + "::text FROM municipality m "
                + "WHERE m.number = :n OR m.number = (SELECT a.number FROM municipality_alias a WHERE a.old_number = :n LIMIT 1)")
                .param("n", number).query(String.class).optional();
        return ResponseEntity.ok().contentType(GEO_JSON)
                .body(body.orElseThrow(() -> Problems.notFound("No municipality " + number)));
    }

    @GetMapping("/business-hubs")
    ResponseEntity<String> businessHubs() {
        return points("""
                SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                  'type', 'Feature', 'id', h.id, 'geometry', ST_AsGeoJSON(ST_Transform(h.geom, 4326), 6)::json,
                  'properties', json_build_object('name', h.name, 'municipalityNumber', h.municipality_number,
                      'website', h.website, 'description', h.description)) ORDER BY h.name), '[]'::json))::text
                  FROM business_hub h
                """);
    }

    @GetMapping("/places")
    ResponseEntity<String> places() {
        return points("""
                SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                  'type', 'Feature', 'id', c.id, 'geometry', ST_AsGeoJSON(ST_Transform(c.geom, 4326), 6)::json,
                  'properties', json_build_object('name', c.name, 'kind', c.kind,
                      'municipalityNumber', c.municipality_number)) ORDER BY c.kind, c.name), '[]'::json))::text
                  FROM place c
                """);
    }

    private ResponseEntity<String> points(String sql) {
        return ResponseEntity.ok().contentType(GEO_JSON).body(jdbc.sql(sql).query(String.class).single());
    }
}
