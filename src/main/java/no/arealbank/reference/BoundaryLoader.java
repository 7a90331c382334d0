package no.arealbank.reference;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads official municipality boundaries (never authored by hand) into {@code municipality.boundary}:
 * from a GeoJSON file with a {@code kommunenummer} property per feature, or from Kartverket's API. PostGIS
 * parses and transforms the GeoJSON ({@code ST_GeomFromGeoJSON}, {@code ST_Transform}). The service starts
 * without boundaries when no source answers, and says so.
 */
@Component
class BoundaryLoader {

    private static final Logger log = LoggerFactory.getLogger(BoundaryLoader.class);

    private static final String UPDATE = """
            UPDATE municipality
               SET boundary = ST_Multi(ST_CollectionExtract(ST_MakeValid(
                       ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(:geojson), :srid), 25832)), 3)),
                   boundary_source = :source, boundary_loaded_at = now()
             WHERE number = :number
            """;

    private final JdbcClient jdbc;
    private final BoundaryProperties props;
    private final TransactionTemplate tx;
    private final JsonMapper json = JsonMapper.builder().build();

    BoundaryLoader(JdbcClient jdbc, BoundaryProperties props, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.props = props;
        this.tx = tx;
    }

    void load() {
        if (props.file() != null && !props.file().isBlank()) {
            loadFile(Path.of(props.file()));
        } else if (props.apiUrl() != null && !props.apiUrl().isBlank()) {
            loadFromApi();
        }
        List<String> missing = jdbc.sql("SELECT number || ' ' || name FROM municipality WHERE boundary IS NULL ORDER BY number")
                .query(String.class).list();
        if (!missing.isEmpty()) {
            log.warn("no boundary for municipalities {}: set AREALBANK_BOUNDARIES_FILE to a GeoJSON file with "
                    + "'kommunenummer' properties or allow access to {}; the service runs without them", missing,
                    props.apiUrl());
        }
    }

    private void loadFile(Path file) {
        if (!Files.isReadable(file)) {
            log.warn("boundaries file {} is not readable", file.toAbsolutePath());
            return;
        }
        JsonNode root = json.readTree(file.toFile());
        String source = "file:" + file.getFileName();
        int loaded = tx.execute(status -> {
            int n = 0;
            for (JsonNode feature : root.path("features")) {
                String number = feature.path("properties").path("kommunenummer").asString("");
                JsonNode geometry = feature.get("geometry");
                if (number.isEmpty() || geometry == null || geometry.isNull()) {
                    continue;
                }
                n += jdbc.sql(UPDATE).param("geojson", geometry.toString()).param("srid", 4326)
                        .param("source", source).param("number", number).update();
            }
            return n;
        });
        log.info("boundaries loaded from {}: {} municipalities", file.toAbsolutePath(), loaded);
    }

    private void loadFromApi() {
        List<String> numbers = jdbc.sql("SELECT number FROM municipality WHERE boundary IS NULL ORDER BY number")
                .query(String.class).list();
        if (numbers.isEmpty()) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(props.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        int loaded = 0;
        for (String number : numbers) {
            URI uri = URI.create(props.apiUrl().replace("{number}", number));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(props.timeout())
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    log.warn("boundary api {} answered {}", uri, response.statusCode());
                    continue;
                }
                JsonNode body = json.readTree(response.body());
                JsonNode geometry = body.has("omrade") ? body.get("omrade") : body.path("geometry");
                int srid = sridOf(geometry);
                if (geometry instanceof ObjectNode o) {
                    o.remove("crs");
                }
                loaded += jdbc.sql(UPDATE).param("geojson", geometry.toString()).param("srid", srid)
                        .param("source", "kartverket-api").param("number", number).update();
            } catch (IOException | RuntimeException e) {
                log.warn("boundary api {} not reachable ({}); giving up for this start", uri, e.toString());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("boundaries loaded from the Kartverket API: {} municipalities", loaded);
    }

    /** The API answers in EPSG:4258 (ETRS89) unless the geometry's {@code crs} member names another EPSG code. */
    private static int sridOf(JsonNode geometry) {
        String name = geometry.path("crs").path("properties").path("name").asString("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{4,5})$").matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : 4258;
    }
}
