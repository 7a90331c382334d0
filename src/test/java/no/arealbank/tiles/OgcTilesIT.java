package no.arealbank.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import no.arealbank.Api;
import no.arealbank.Gdal;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/**
 * OGC API – Tiles Part 1 (OGC 20-057) under /ogc, following its abstract test suite for each class the service
 * declares: /conf/core (tc-op, tc-success, tc-error), /conf/tileset (description), /conf/tilesets-list
 * (tileset-links), /conf/geodata-tilesets (desc-links, operation), /conf/mvt and /conf/png (content), /conf/oas30
 * (completeness, operation-id); and of the 2D Tile Matrix Set 2.0 classes (tilematrixset, tilematrixsetlimits,
 * tilesetmetadata in JSON). Real clients: GDAL's OGCAPI driver reads the map tiles, GDAL's MVT driver the vector
 * tiles at the URLs the tileset's template gives.
 */
class OgcTilesIT extends SampleRegionTest {

    private static final String REL_TILING_SCHEMES = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes";
    private static final String REL_TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    private static final String REL_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    private static final String REL_MAP = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map";
    private static final String MVT = "application/vnd.mapbox-vector-tile";
    private static final String PNG = "image/png";
    private static final String WMQ_URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    private static final String EPSG_3857 = "http://www.opengis.net/def/crs/EPSG/0/3857";
    private static final double WORLD = 20037508.3427892;
    private static final List<String> COLLECTIONS = List.of("plots", "zones", "hazards", "municipalities",
            "business-hubs", "plans");
    /** Dalen (Tokke): plots, zones, hazards, a business hub and plans close together. */
    private static final double DALEN_LON = 7.99;
    private static final double DALEN_LAT = 59.443;

    @TempDir
    Path tmp;

    private Api.Bytes fetch(String pathOrUrl, String... headers) {
        return api().bytes(pathOrUrl, headers);
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/ogc";
    }

    private static String path(String href) {
        return href.substring(href.indexOf("/ogc"));
    }

    private JsonNode json(String path) {
        Api.Response r = api().get(path);
        assertThat(r.status()).as(path + " → " + r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).as(path).startsWith("application/json");
        return r.json();
    }

    private static List<JsonNode> links(JsonNode doc, String rel) {
        List<JsonNode> found = new ArrayList<>();
        doc.path("links").forEach(l -> {
            if (rel.equals(l.path("rel").asString())) {
                found.add(l);
            }
        });
        return found;
    }

    private static JsonNode link(JsonNode doc, String rel, String type) {
        return links(doc, rel).stream().filter(l -> type == null || type.equals(l.path("type").asString()))
                .findFirst().orElse(null);
    }

    /** The tile URL of a templated link with its variables filled in. */
    private static String tileUrl(JsonNode templatedLink, int z, int row, int col) {
        return templatedLink.path("href").asString().replace("{tileMatrix}", Integer.toString(z))
                .replace("{tileRow}", Integer.toString(row)).replace("{tileCol}", Integer.toString(col));
    }

    private static int[] dalen(int z) {
        return TilesIT.tileAt(DALEN_LON, DALEN_LAT, z); // z, x (= tileCol), y (= tileRow)
    }

    private static String xyz(String layer, int[] t, String ext) {
        return "/tiles/" + layer + "/" + t[0] + "/" + t[1] + "/" + t[2] + ext;
    }

    private static String ogcTile(String layer, int[] t) {
        return "/ogc/collections/" + layer + "/tiles/WebMercatorQuad/" + t[0] + "/" + t[2] + "/" + t[1];
    }

    // ---- landing page, conformance ----

    @Test
    void landingPageLinksTheTileMatrixSetsAndConformanceDeclaresTheTilesClasses() {
        JsonNode landing = json("/ogc");
        JsonNode tilingSchemes = link(landing, REL_TILING_SCHEMES, "application/json");
        assertThat(tilingSchemes).as("landing link %s", REL_TILING_SCHEMES).isNotNull();
        assertThat(tilingSchemes.path("href").asString()).isEqualTo(base() + "/tileMatrixSets");
        json(path(tilingSchemes.path("href").asString()));

        List<String> classes = new ArrayList<>();
        json("/ogc/conformance").path("conformsTo").forEach(c -> classes.add(c.asString()));
        String tiles = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/";
        String tms = "http://www.opengis.net/spec/tms/2.0/conf/";
        assertThat(classes).contains(tiles + "core", tiles + "tileset", tiles + "tilesets-list",
                tiles + "geodata-tilesets", tiles + "mvt", tiles + "png", tiles + "oas30",
                tms + "tilematrixset", tms + "json-tilematrixset", tms + "tilematrixsetlimits",
                tms + "json-tilematrixsetlimits", tms + "tilesetmetadata", tms + "json-tilesetmetadata");
        // nothing claimed that is not implemented and tested here
        assertThat(classes.stream().filter(c -> c.startsWith(tiles))).doesNotContain(tiles + "dataset-tilesets",
                tiles + "geodata-selection", tiles + "collections-selection", tiles + "jpeg", tiles + "tiff",
                tiles + "netcdf", tiles + "geojson", tiles + "datetime");
        // the Features classes are still there
        assertThat(classes).contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
        assertThat(classes).doesNotHaveDuplicates();
    }

    // ---- tile matrix sets (2D TMS 2.0: tilematrixset, json-tilematrixset) ----

    @Test
    void tileMatrixSetsListAndDefineWebMercatorQuadAsRegistered() {
        JsonNode list = json("/ogc/tileMatrixSets");
        assertThat(list.path("tileMatrixSets").size()).isEqualTo(1);
        JsonNode entry = list.path("tileMatrixSets").get(0);
        assertThat(entry.path("id").asString()).isEqualTo("WebMercatorQuad");
        assertThat(entry.path("uri").asString()).isEqualTo(WMQ_URI);
        JsonNode self = link(entry, "self", "application/json");
        assertThat(self).isNotNull();

        JsonNode tms = json(path(self.path("href").asString()));
        assertThat(tms.path("id").asString()).isEqualTo("WebMercatorQuad");
        assertThat(tms.path("uri").asString()).isEqualTo(WMQ_URI);
        assertThat(tms.path("crs").asString()).isEqualTo(EPSG_3857);
        assertThat(tms.path("orderedAxes").toString()).isEqualTo("[\"X\",\"Y\"]");
        assertThat(tms.path("wellKnownScaleSet").asString())
                .isEqualTo("http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
        JsonNode matrices = tms.path("tileMatrices");
        assertThat(matrices.size()).isEqualTo(23);
        for (int z = 0; z <= 22; z++) {
            JsonNode m = matrices.get(z);
            double cellSize = 2 * WORLD / 256 / Math.pow(2, z);
            assertThat(m.path("id").asString()).isEqualTo(Integer.toString(z));
            assertThat(m.path("cellSize").asDouble()).as("cellSize %d", z).isCloseTo(cellSize, within(cellSize * 1e-9));
            assertThat(m.path("scaleDenominator").asDouble()).as("scaleDenominator %d", z)
                    .isCloseTo(cellSize / 0.00028, within(cellSize / 0.00028 * 1e-9));
            assertThat(m.path("pointOfOrigin").get(0).asDouble()).isCloseTo(-WORLD, within(1e-3));
            assertThat(m.path("pointOfOrigin").get(1).asDouble()).isCloseTo(WORLD, within(1e-3));
            assertThat(m.path("cornerOfOrigin").asString()).isEqualTo("topLeft");
            assertThat(m.path("tileWidth").asInt()).isEqualTo(256);
            assertThat(m.path("tileHeight").asInt()).isEqualTo(256);
            assertThat(m.path("matrixWidth").asLong()).isEqualTo(1L << z);
            assertThat(m.path("matrixHeight").asLong()).isEqualTo(1L << z);
        }
        // the values of the OGC registry (17-083r4 Annex D.1)
        assertThat(matrices.get(0).path("scaleDenominator").asDouble()).isCloseTo(559082264.028717, within(1e-3));
        assertThat(matrices.get(22).path("cellSize").asDouble()).isCloseTo(0.0373227677173712, within(1e-12));

        assertThat(api().get("/ogc/tileMatrixSets/WorldCRS84Quad").status()).isEqualTo(404);
        assertThat(api().get("/ogc/tileMatrixSets?f=html").status()).isEqualTo(406);
    }

    // ---- geodata-tilesets: desc-links, operation ----

    @Test
    void everyCollectionLinksItsVectorAndMapTilesetsBelowItsOwnPath() {
        JsonNode all = json("/ogc/collections");
        Set<String> seen = new HashSet<>();
        for (JsonNode c : all.path("collections")) {
            String id = c.path("id").asString();
            seen.add(id);
            String collection = base() + "/collections/" + id;
            for (JsonNode doc : List.of(c, json("/ogc/collections/" + id))) {
                assertThat(links(doc, REL_VECTOR)).as("%s %s", id, REL_VECTOR).hasSize(1);
                assertThat(links(doc, REL_MAP)).as("%s %s", id, REL_MAP).hasSize(1);
                assertThat(links(doc, REL_VECTOR).get(0).path("href").asString()).isEqualTo(collection + "/tiles");
                assertThat(links(doc, REL_MAP).get(0).path("href").asString()).isEqualTo(collection + "/map/tiles");
            }
            assertThat(json("/ogc/collections/" + id + "/tiles").path("tilesets").size()).isPositive();
            assertThat(json("/ogc/collections/" + id + "/map/tiles").path("tilesets").size()).isPositive();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(COLLECTIONS);
        Api.Response none = api().get("/ogc/collections/nothing/tiles");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(none.json().path("code").asString()).isEqualTo("NotFound");
    }

    // ---- tilesets-list: tileset-links ----

    @Test
    void tilesetsListsGiveDataTypeCrsAndLinksToTheTilesetAndItsTileMatrixSet() {
        for (String id : COLLECTIONS) {
            for (String kind : List.of("tiles", "map/tiles")) {
                String listPath = "/ogc/collections/" + id + "/" + kind;
                JsonNode list = json(listPath);
                assertThat(link(list, "self", "application/json").path("href").asString()).isEqualTo(base()
                        + listPath.substring(4));
                assertThat(list.path("tilesets").size()).isEqualTo(1);
                JsonNode tileset = list.path("tilesets").get(0);
                assertThat(tileset.path("dataType").asString()).isEqualTo(kind.equals("tiles") ? "vector" : "map");
                assertThat(tileset.path("crs").asString()).isEqualTo(EPSG_3857);
                assertThat(tileset.path("tileMatrixSetURI").asString()).isEqualTo(WMQ_URI);
                // the tileset is at the geospatial resource + /tiles + the tile matrix set id
                JsonNode self = link(tileset, "self", "application/json");
                assertThat(self.path("href").asString()).isEqualTo(base() + listPath.substring(4) + "/WebMercatorQuad");
                assertThat(link(tileset, REL_TILING_SCHEME, "application/json").path("href").asString())
                        .isEqualTo(base() + "/tileMatrixSets/WebMercatorQuad");
                JsonNode full = json(path(self.path("href").asString()));
                assertThat(full.path("dataType").asString()).isEqualTo(tileset.path("dataType").asString());
            }
        }
    }

    // ---- tileset: description; 2D TMS: tilesetmetadata, tilematrixsetlimits ----

    @Test
    void vectorTilesetDescribesTemplatedTileLinksZoomLimitsAndTheLayerFields() {
        for (String id : COLLECTIONS) {
            JsonNode tileset = json("/ogc/collections/" + id + "/tiles/WebMercatorQuad");
            JsonNode tileJson = json("/tiles/" + id + ".json");
            assertThat(tileset.path("dataType").asString()).isEqualTo("vector");
            assertThat(tileset.path("crs").asString()).isEqualTo(EPSG_3857);
            assertThat(tileset.path("tileMatrixSetURI").asString()).isEqualTo(WMQ_URI);
            JsonNode scheme = link(tileset, REL_TILING_SCHEME, "application/json");
            assertThat(json(path(scheme.path("href").asString())).path("uri").asString()).isEqualTo(WMQ_URI);

            for (String type : List.of(MVT, PNG)) {
                JsonNode item = link(tileset, "item", type);
                assertThat(item).as("%s item link %s", id, type).isNotNull();
                assertThat(item.path("templated").isBoolean()).isTrue();
                assertThat(item.path("templated").asBoolean()).isTrue();
                assertThat(item.path("href").asString()).contains("{tileMatrix}", "{tileRow}", "{tileCol}")
                        .startsWith(base() + "/collections/" + id + "/tiles/WebMercatorQuad/");
            }

            // the limits are the layer's zooms (as TileJSON gives them), every row and column
            int min = tileJson.path("minzoom").asInt();
            int max = tileJson.path("maxzoom").asInt();
            JsonNode limits = tileset.path("tileMatrixSetLimits");
            assertThat(limits.size()).isEqualTo(max - min + 1);
            for (int i = 0; i < limits.size(); i++) {
                JsonNode l = limits.get(i);
                int z = min + i;
                assertThat(l.path("tileMatrix").asString()).isEqualTo(Integer.toString(z));
                assertThat(l.path("minTileRow").asLong()).isZero();
                assertThat(l.path("minTileCol").asLong()).isZero();
                assertThat(l.path("maxTileRow").asLong()).isEqualTo((1L << z) - 1);
                assertThat(l.path("maxTileCol").asLong()).isEqualTo((1L << z) - 1);
            }

            // the vector layer: what a tile holds, the same fields as TileJSON's
            JsonNode layer = tileset.path("layers").get(0);
            assertThat(layer.path("id").asString()).isEqualTo(id);
            assertThat(layer.path("minTileMatrix").asString()).isEqualTo(Integer.toString(min));
            assertThat(layer.path("maxTileMatrix").asString()).isEqualTo(Integer.toString(max));
            Set<String> fields = new TreeSet<>();
            layer.path("propertiesSchema").path("properties").properties().forEach(e -> fields.add(e.getKey()));
            Set<String> tileJsonFields = new TreeSet<>();
            tileJson.path("vector_layers").get(0).path("fields").properties().forEach(e -> tileJsonFields.add(e.getKey()));
            assertThat(fields).isEqualTo(tileJsonFields).isNotEmpty();
        }
        JsonNode plots = json("/ogc/collections/plots/tiles/WebMercatorQuad").path("layers").get(0)
                .path("propertiesSchema").path("properties");
        assertThat(plots.path("purpose").path("type").asString()).isEqualTo("string");
        assertThat(plots.path("areaM2").path("type").asString()).isEqualTo("integer");
        assertThat(plots.path("effectivePrice").path("type").asString()).isEqualTo("number");
        assertThat(plots.path("permanentResidenceAllowed").path("type").asString()).isEqualTo("boolean");

        JsonNode map = json("/ogc/collections/plots/map/tiles/WebMercatorQuad");
        assertThat(map.path("dataType").asString()).isEqualTo("map");
        assertThat(links(map, "item")).hasSize(1);
        assertThat(link(map, "item", PNG).path("href").asString())
                .startsWith(base() + "/collections/plots/map/tiles/WebMercatorQuad/");
        assertThat(map.path("tileMatrixSetLimits").size()).isEqualTo(json("/ogc/collections/plots/tiles/WebMercatorQuad")
                .path("tileMatrixSetLimits").size());

        assertThat(api().get("/ogc/collections/plots/tiles/WorldCRS84Quad").status()).isEqualTo(404);
        assertThat(api().get("/ogc/collections/plots/tiles/WebMercatorQuad?f=html").status()).isEqualTo(406);
    }

    // ---- core: tc-op, tc-success; mvt and png content ----

    @Test
    void aTileOverDalenIsTheXyzTileWithRowAndColumnInOgcOrder() throws IOException {
        int[] t = dalen(12);
        JsonNode tileset = json("/ogc/collections/plots/tiles/WebMercatorQuad");
        String mvtUrl = tileUrl(link(tileset, "item", MVT), 12, t[2], t[1]);
        assertThat(path(mvtUrl)).isEqualTo(ogcTile("plots", t) + "?f=mvt");

        Api.Bytes xyz = fetch(xyz("plots", t, ".mvt"));
        assertThat(xyz.status()).isEqualTo(200);
        Api.Bytes tile = fetch(mvtUrl);
        assertThat(tile.status()).isEqualTo(200);
        assertThat(tile.header("Content-Type")).isEqualTo(MVT);
        assertThat(tile.body()).isEqualTo(xyz.body());
        assertThat(tile.header("ETag")).isEqualTo(xyz.header("ETag"));
        assertThat(tile.header("Vary")).contains("Accept").contains("Accept-Encoding");
        // without f and Accept: the vector tileset's default, MVT
        assertThat(fetch(ogcTile("plots", t)).body()).isEqualTo(xyz.body());

        // a Mapbox vector tile of this one tile: its features lie in the tile (grown by the MVT buffer)
        Envelope envelope = new TileAddress(12, t[1], t[2]).envelope();
        Map<Long, String> features = readMvt(mvtUrl, t);
        assertThat(features).as("plots at Dalen at z12").hasSizeGreaterThanOrEqualTo(3);
        double margin = envelope.getWidth() * TileQueries.BUFFER_PIXELS / 256 + 1;
        Envelope grown = new Envelope(envelope);
        grown.expandBy(margin);
        Matcher xy = Pattern.compile("(-?\\d+(?:\\.\\d+)?) (-?\\d+(?:\\.\\d+)?)").matcher(String.join(" ", features.values()));
        int points = 0;
        while (xy.find()) {
            assertThat(grown.contains(Double.parseDouble(xy.group(1)), Double.parseDouble(xy.group(2))))
                    .as("vertex %s in tile %s", xy.group(), envelope).isTrue();
            points++;
        }
        assertThat(points).isPositive();

        // PNG by f or by Accept: the XYZ PNG, tileWidth × tileHeight pixels
        Api.Bytes xyzPng = fetch(xyz("plots", t, ".png"));
        for (Api.Bytes png : List.of(fetch(ogcTile("plots", t) + "?f=png"), fetch(ogcTile("plots", t), "Accept", PNG),
                fetch(tileUrl(link(json("/ogc/collections/plots/map/tiles/WebMercatorQuad"), "item", PNG), 12, t[2],
                        t[1])))) {
            assertThat(png.status()).isEqualTo(200);
            assertThat(png.header("Content-Type")).isEqualTo(PNG);
            assertThat(png.body()).isEqualTo(xyzPng.body());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
            assertThat(image.getWidth()).isEqualTo(256);
            assertThat(image.getHeight()).isEqualTo(256);
            assertThat(opaquePixels(image)).as("plots drawn").isPositive();
        }
    }

    @Test
    void tilesAnswerConditionalRequestsAndEmptyTilesInTheLimitsAre204() {
        int[] t = dalen(14);
        String p = ogcTile("plots", t) + "?f=mvt";
        Api.Bytes first = fetch(p);
        assertThat(first.status()).isEqualTo(200);
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[^\"]+\"");
        Api.Bytes notModified = fetch(p, "If-None-Match", etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(fetch(p, "If-None-Match", "\"other\"").status()).isEqualTo(200);
        Api.Bytes gzipped = fetch(p, "Accept-Encoding", "gzip");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(fetch(p, "Accept-Encoding", "gzip", "If-None-Match", gzipped.header("ETag")).status()).isEqualTo(304);
        Api.Bytes png = fetch(ogcTile("plots", t) + "?f=png");
        assertThat(fetch(ogcTile("plots", t) + "?f=png", "If-None-Match", png.header("ETag")).status()).isEqualTo(304);

        // /req/core/tc-error B: inside the limits but no data there
        int[] sea = TilesIT.tileAt(-30.0, 45.0, 14);
        Api.Bytes empty = fetch(ogcTile("plots", sea));
        assertThat(empty.status()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();
        Api.Bytes transparent = fetch(ogcTile("plots", sea) + "?f=png");
        assertThat(transparent.status()).isEqualTo(200);
        assertThat(transparent.header("Content-Type")).isEqualTo(PNG);
    }

    // ---- core: tc-error A ----

    @Test
    void tilesOutsideTheTileMatrixSetOrItsLimitsAre404AndNonNumbers400() {
        int[] t = dalen(12);
        String tileset = "/ogc/collections/plots/tiles/WebMercatorQuad/";
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put(tileset + "23/0/0", 404);                   // no such tile matrix in WebMercatorQuad
        expected.put(tileset + "5/10/10", 404);                  // below plots' minTileMatrix (8)
        expected.put(tileset + "21/" + (t[2] << 9) + "/" + (t[1] << 9), 404); // above maxTileMatrix (20)
        expected.put(tileset + "12/4096/" + t[1], 404);          // row outside the matrix
        expected.put(tileset + "12/" + t[2] + "/4096", 404);     // column outside the matrix
        expected.put(tileset + "012/" + t[2] + "/" + t[1], 404); // not a tile matrix id
        expected.put(tileset + "twelve/1/1", 404);
        expected.put(tileset + "12/-1/" + t[1], 400);
        expected.put(tileset + "12/" + t[2] + "/x", 400);
        expected.put("/ogc/collections/plots/map/tiles/WebMercatorQuad/12/" + t[2] + "/4096", 404);
        expected.put("/ogc/collections/plots/tiles/WorldCRS84Quad/12/" + t[2] + "/" + t[1], 404);
        expected.put("/ogc/collections/nothing/tiles/WebMercatorQuad/12/" + t[2] + "/" + t[1], 404);
        expected.forEach((p, status) -> {
            Api.Response r = api().get(p);
            assertThat(r.status()).as(p + " → " + r.body()).isEqualTo(status);
            assertThat(r.header("Content-Type")).as(p).startsWith("application/problem+json");
            assertThat(r.json().path("code").asString()).as(p)
                    .isEqualTo(status == 404 ? "NotFound" : "InvalidParameterValue");
        });
        // the limits' edges are served
        assertThat(fetch(tileset + "8/0/0").status()).isIn(200, 204);
        assertThat(fetch(tileset + "20/1048575/1048575").status()).isIn(200, 204);
    }

    @Test
    void negotiatesTheTileFormatByFOrAcceptAndRefusesOthersWith406() {
        int[] t = dalen(12);
        String vector = ogcTile("plots", t);
        String map = "/ogc/collections/plots/map/tiles/WebMercatorQuad/" + t[0] + "/" + t[2] + "/" + t[1];
        Map<String[], String> accepted = new LinkedHashMap<>();
        accepted.put(new String[] {vector + "?f=mvt"}, MVT);
        accepted.put(new String[] {vector + "?f=png"}, PNG);
        accepted.put(new String[] {vector, "Accept", MVT}, MVT);
        accepted.put(new String[] {vector, "Accept", "image/*"}, PNG);
        accepted.put(new String[] {vector, "Accept", "*/*"}, MVT);
        accepted.put(new String[] {vector, "Accept", "image/png;q=0.9, application/vnd.mapbox-vector-tile;q=0.5"}, PNG);
        accepted.put(new String[] {vector + "?f=mvt", "Accept", PNG}, MVT); // f wins
        accepted.put(new String[] {map}, PNG);
        accepted.put(new String[] {map, "Accept", "*/*"}, PNG);
        accepted.forEach((request, type) -> {
            String[] headers = new String[request.length - 1];
            System.arraycopy(request, 1, headers, 0, headers.length);
            Api.Bytes r = fetch(request[0], headers);
            assertThat(r.status()).as(String.join(" ", request)).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(String.join(" ", request)).isEqualTo(type);
        });
        for (String[] request : List.of(new String[] {vector + "?f=jpeg"}, new String[] {vector, "Accept", "image/jpeg"},
                new String[] {map + "?f=mvt"}, new String[] {map, "Accept", MVT})) {
            String[] headers = new String[request.length - 1];
            System.arraycopy(request, 1, headers, 0, headers.length);
            Api.Bytes r = fetch(request[0], headers);
            assertThat(r.status()).as(String.join(" ", request)).isEqualTo(406);
        }
    }

    // ---- oas30: completeness, operation-id ----

    @Test
    void openApiDescribesEveryTilesResourceAndLinkWithTheStandardOperationIds() {
        String body = api().get("/ogc/api").body();
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(body, null, options);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        OpenAPI api = result.getOpenAPI();

        assertThat(operation(api, "/tileMatrixSets").getOperationId()).isEqualTo("getTileMatrixSetsList");
        assertThat(operation(api, "/tileMatrixSets/{tileMatrixSetId}").getOperationId()).isEqualTo("getTileMatrixSet");
        for (String id : COLLECTIONS) {
            for (String kind : List.of("vector", "map")) {
                String prefix = "/collections/" + id + (kind.equals("vector") ? "/tiles" : "/map/tiles");
                assertThat(operation(api, prefix).getOperationId()).endsWith(".collection." + kind + ".getTileSetsList");
                assertThat(operation(api, prefix + "/WebMercatorQuad").getOperationId())
                        .endsWith(".collection." + kind + ".getTileSet");
                Operation tile = operation(api, prefix + "/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
                assertThat(tile.getOperationId()).endsWith(".collection." + kind + ".getTile");
                Map<String, Parameter> params = new LinkedHashMap<>();
                for (Parameter p : tile.getParameters()) {
                    Parameter resolved = api.getComponents().getParameters()
                            .get(p.get$ref().substring("#/components/parameters/".length()));
                    params.put(resolved.getName() + "@" + resolved.getIn(), resolved);
                }
                assertThat(params).containsKeys("tileMatrix@path", "tileRow@path", "tileCol@path", "f@query");
                assertThat(params.get("tileMatrix@path").getRequired()).isTrue();
                assertThat(params.get("tileMatrix@path").getSchema().getType()).isEqualTo("string");
                assertThat(params.get("tileRow@path").getSchema().getType()).isEqualTo("integer");
                assertThat(params.get("tileCol@path").getSchema().getType()).isEqualTo("integer");
                assertThat(tile.getResponses().get("200").getContent())
                        .containsKeys(kind.equals("vector") ? new String[] {MVT, PNG} : new String[] {PNG});
            }
        }
        Set<String> operationIds = new HashSet<>();
        api.getPaths().values().forEach(p -> assertThat(operationIds.add(p.getGet().getOperationId()))
                .as("unique %s", p.getGet().getOperationId()).isTrue());

        // every link of the tiles documents leads to a path of the definition
        List<JsonNode> docs = new ArrayList<>(List.of(json("/ogc"), json("/ogc/tileMatrixSets")));
        for (String id : COLLECTIONS) {
            docs.add(json("/ogc/collections/" + id));
            for (String kind : List.of("tiles", "map/tiles")) {
                JsonNode list = json("/ogc/collections/" + id + "/" + kind);
                docs.add(list);
                docs.add(list.path("tilesets").get(0));
                docs.add(json("/ogc/collections/" + id + "/" + kind + "/WebMercatorQuad"));
            }
        }
        for (JsonNode doc : docs) {
            for (JsonNode l : doc.path("links")) {
                String href = l.path("href").asString();
                if (!href.startsWith(base()) || href.contains("f=html")) {
                    continue;
                }
                String p = href.substring(base().length()).replaceFirst("\\?.*", "");
                String templatePath = p.isEmpty() ? "/" : p.replace("/tileMatrixSets/WebMercatorQuad",
                        "/tileMatrixSets/{tileMatrixSetId}");
                assertThat(api.getPaths()).as("path of link %s", l).containsKey(templatePath);
            }
        }
    }

    private static Operation operation(OpenAPI api, String path) {
        PathItem item = api.getPaths().get(path);
        assertThat(item).as("path %s", path).isNotNull();
        assertThat(item.getGet()).as("GET %s", path).isNotNull();
        return item.getGet();
    }

    // ---- real clients ----

    /**
     * GDAL's OGCAPI driver (3.6, Debian 12) follows the collection's tilesets-map link, the tileset, its tile matrix
     * set and the PNG template, and assembles the map: one z12 tile's extent must come out pixel for pixel as that
     * tile. GDAL 3.6 reads the collection's extent as if it were in the tile matrix set's CRS, so the area is given
     * in EPSG:3857 with MINX.. (the driver's documented options).
     */
    @Test
    void gdalOgcApiDriverAssemblesTheMapTiles() throws IOException {
        int[] t = dalen(12);
        Envelope e = new TileAddress(12, t[1], t[2]).envelope();
        String dataset = "OGCAPI:" + base() + "/collections/plots";
        String[] area = {"-oo", "API=TILES", "-oo", "TILEMATRIX=12", "-oo", "CACHE=NO",
                "-oo", "MINX=" + e.getMinX(), "-oo", "MINY=" + e.getMinY(),
                "-oo", "MAXX=" + e.getMaxX(), "-oo", "MAXY=" + e.getMaxY()};
        Gdal.Run info = Gdal.run(tmp, Map.of(), concat(new String[] {"gdalinfo", dataset}, area)).assertOk();
        assertThat(info.stdout()).contains("Driver: OGCAPI/OGCAPI").contains("Size is 256, 256")
                .contains("Pseudo-Mercator").contains("Band 4");

        Path out = tmp.resolve("dalen-z12.png");
        Gdal.Run translate = Gdal.run(tmp, Map.of("CPL_DEBUG", "ON"),
                concat(new String[] {"gdal_translate", "-of", "PNG", dataset}, area, new String[] {out.toString()}))
                .assertOk();
        // it fetched the tile through the OGC map tile path, row before column
        assertThat(translate.stderr()).as(translate.describe())
                .contains("/ogc/collections/plots/map/tiles/WebMercatorQuad/12/" + t[2] + "/" + t[1]);
        BufferedImage gdal = ImageIO.read(out.toFile());
        BufferedImage direct = ImageIO.read(new ByteArrayInputStream(fetch(xyz("plots", t, ".png")).body()));
        assertThat(gdal.getWidth()).isEqualTo(256);
        assertThat(gdal.getHeight()).isEqualTo(256);
        assertThat(opaquePixels(gdal)).as("plots drawn").isPositive();
        int differing = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int a = gdal.getRGB(x, y);
                int b = direct.getRGB(x, y);
                if (a != b && ((a >>> 24) != 0 || (b >>> 24) != 0)) { // transparent is transparent whatever its colour
                    differing++;
                }
            }
        }
        assertThat(differing).as("pixels that differ from the tile").isZero();
    }

    /**
     * GDAL reads the vector tiles over Dalen at the URLs the tileset's MVT template gives (its MVT driver; the
     * OGCAPI driver of GDAL 3.6.2 as built for Debian has its vector-tile path compiled out), and finds exactly the
     * published plots there: every plot meeting the tiles, none beyond the tiles' MVT buffer, no draft.
     */
    @Test
    void gdalReadsThePlotsOfTheVectorTilesAtTheTemplatedUrls() throws IOException {
        JsonNode template = link(json("/ogc/collections/plots/tiles/WebMercatorQuad"), "item", MVT);
        int z = 13;
        int[] center = dalen(z);
        Set<Long> read = new TreeSet<>();
        Envelope area = new Envelope();
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                int[] t = {z, center[1] + dx, center[2] + dy};
                area.expandToInclude(new TileAddress(z, t[1], t[2]).envelope());
                read.addAll(readMvt(tileUrl(template, z, t[2], t[1]), t).keySet());
            }
        }
        Set<Long> inArea = plotIds(area, 0);
        Set<Long> nearArea = plotIds(area, area.getWidth() / 3 * TileQueries.BUFFER_PIXELS / 256 + 1);
        assertThat(inArea).as("published plots around Dalen").hasSizeGreaterThanOrEqualTo(5);
        assertThat(read).containsAll(inArea);
        assertThat(nearArea).containsAll(read);
        List<Long> hidden = jdbc.sql("SELECT id FROM plot WHERE NOT published OR archived_at IS NOT NULL")
                .query(Long.class).list();
        assertThat(read).doesNotContainAnyElementsOf(hidden);
    }

    /** Published plot ids meeting an EPSG:3857 envelope grown by {@code margin} metres. */
    private Set<Long> plotIds(Envelope e, double margin) {
        return new TreeSet<>(jdbc.sql("""
                SELECT id FROM plot WHERE published AND archived_at IS NULL
                   AND ST_Intersects(ST_Transform(geom, 3857), ST_Expand(ST_MakeEnvelope(:xmin, :ymin, :xmax, :ymax, 3857), :m))
                """).param("xmin", e.getMinX()).param("ymin", e.getMinY()).param("xmax", e.getMaxX())
                .param("ymax", e.getMaxY()).param("m", margin).query(Long.class).list());
    }

    /** Plot id → geometry WKT of one vector tile as GDAL's MVT driver reads it from the URL (z, x, y georeference it). */
    private Map<Long, String> readMvt(String url, int[] t) {
        Map<Long, String> features = new LinkedHashMap<>();
        if (fetch(url).status() == 204) {
            return features; // no features there: GDAL reads nothing either
        }
        Gdal.Run r = Gdal.run(tmp, Map.of(), "ogrinfo", "-ro", "-al", "-q", "MVT:/vsicurl/" + url, "-oo",
                "Z=" + t[0], "-oo", "X=" + t[1], "-oo", "Y=" + t[2]).assertOk();
        Matcher m = Pattern.compile("(?m)^  id \\(Integer\\) = (\\d+)$[\\s\\S]*?^  ((?:MULTI)?POLYGON [^\\n]*)$")
                .matcher(r.stdout());
        while (m.find()) {
            features.put(Long.parseLong(m.group(1)), m.group(2));
        }
        assertThat(r.stdout()).as(r.describe()).contains("Layer name: plots");
        return features;
    }

    private static int opaquePixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) > 0) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(new String[0]);
    }
}
