package no.arealbank.tiles;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import no.arealbank.features.OgcApi;
import no.arealbank.features.OgcApiExtension;
import no.arealbank.tiles.OgcTileSets.Kind;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OGC API – Tiles in the documents of the OGC API: its conformance classes, the landing page's link to the tile
 * matrix sets, each collection's links to its vector and map tilesets, and its paths in the OpenAPI document
 * (operation ids with the suffixes of OGC 20-057 Table 11, e.g. {@code plots.collection.vector.getTile}).
 */
@Component
class OgcTiles implements OgcApiExtension {

    private static final String TAG = "Tiles";
    private static final String REF = "$ref";
    private static final String PARAMETERS = "#/components/parameters/";
    private static final String SCHEMAS = "#/components/schemas/";

    private final TileLayers layers;

    OgcTiles(TileLayers layers) {
        this.layers = layers;
    }

    @Override
    public List<String> conformance() {
        return OgcApi.TILES_CONFORMANCE;
    }

    @Override
    public List<ExtensionLink> landingLinks(String base) {
        return List.of(new ExtensionLink(base + "/tileMatrixSets", OgcApi.REL_TILING_SCHEMES, OgcApi.JSON,
                "The tile matrix sets of the tiles (OGC API – Tiles)"));
    }

    /**
     * The collection's tilesets lists. The vector one carries no {@code type} (optional in a link; the list is JSON
     * by default): GDAL 3.6's OGCAPI driver (Debian 12) follows only typed tilesets links, tries the map one first
     * and then lets the vector attempt overwrite the result, and its build has the vector path compiled out, so a
     * typed vector link would make it fail on the map tiles it can read. Later GDALs follow untyped links too.
     */
    @Override
    public List<ExtensionLink> collectionLinks(String base, String collectionId) {
        return layers.find(collectionId).map(layer -> List.of(
                new ExtensionLink(OgcTileSets.tilesetsHref(base, layer, Kind.VECTOR), Kind.VECTOR.rel, null,
                        "Vector tilesets (MVT)"),
                new ExtensionLink(OgcTileSets.tilesetsHref(base, layer, Kind.MAP), Kind.MAP.rel, OgcApi.JSON,
                        "Map tilesets (PNG)")))
                .orElse(List.of());
    }

    @Override
    public void describe(ObjectNode openApi) {
        ObjectNode components = object(openApi, "components");
        parameters(object(components, "parameters"));
        schemas(object(components, "schemas"));
        ObjectNode paths = object(openApi, "paths");

        ObjectNode sets = get(paths, "/tileMatrixSets", "getTileMatrixSetsList", "The tile matrix sets served");
        sets.putArray("parameters").addObject().put(REF, PARAMETERS + "f-tiles-metadata");
        jsonResponses(sets, "The tile matrix sets", "tileMatrixSets");
        ObjectNode set = get(paths, "/tileMatrixSets/{tileMatrixSetId}", "getTileMatrixSet",
                "The definition of a tile matrix set (2D Tile Matrix Set 2.0, JSON)");
        ArrayNode setParams = set.putArray("parameters");
        setParams.addObject().put(REF, PARAMETERS + "tileMatrixSetId");
        setParams.addObject().put(REF, PARAMETERS + "f-tiles-metadata");
        jsonResponses(set, "The tile matrix set", "tileMatrixSet");

        for (TileLayer layer : layers.all()) {
            for (Kind kind : Kind.values()) {
                String prefix = "/collections/" + layer.id() + "/" + kind.path;
                String op = layer.id() + ".collection." + kind.dataType + ".";
                ObjectNode list = get(paths, prefix, op + "getTileSetsList",
                        "The " + kind.dataType + " tilesets of " + layer.title());
                list.putArray("parameters").addObject().put(REF, PARAMETERS + "f-tiles-metadata");
                jsonResponses(list, "The tilesets", "tileSets");

                ObjectNode tileset = get(paths, prefix + "/" + WebMercatorQuad.ID, op + "getTileSet",
                        "The " + kind.dataType + " tileset of " + layer.title() + " in " + WebMercatorQuad.ID);
                tileset.putArray("parameters").addObject().put(REF, PARAMETERS + "f-tiles-metadata");
                jsonResponses(tileset, "Tileset metadata with the tile URL templates", "tileSet");

                ObjectNode tile = get(paths, prefix + "/" + WebMercatorQuad.ID + "/{tileMatrix}/{tileRow}/{tileCol}",
                        op + "getTile", (kind == Kind.VECTOR ? "A vector tile" : "A map tile") + " of " + layer.title());
                tile.put("description", "Zoom levels " + layer.minZoom() + " to " + layer.maxZoom()
                        + " (tileMatrixSetLimits); others are 404, as are rows and columns outside the matrix.");
                ArrayNode params = tile.putArray("parameters");
                for (String p : List.of("tileMatrix", "tileRow", "tileCol",
                        kind == Kind.VECTOR ? "f-vector-tile" : "f-map-tile")) {
                    params.addObject().put(REF, PARAMETERS + p);
                }
                tileResponses(tile, kind);
            }
        }

        ArrayNode tags = openApi.get("tags") instanceof ArrayNode a ? a : openApi.putArray("tags");
        tags.addObject().put("name", TAG).put("description",
                "OGC API – Tiles: vector (MVT) and map (PNG) tiles of each collection in " + WebMercatorQuad.ID);
    }

    private static ObjectNode get(ObjectNode paths, String path, String operationId, String summary) {
        ObjectNode get = paths.putObject(path).putObject("get");
        get.put("operationId", operationId).put("summary", summary);
        get.putArray("tags").add(TAG);
        return get;
    }

    private static void jsonResponses(ObjectNode operation, String description, String schema) {
        ObjectNode responses = operation.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", description);
        ok.putObject("content").putObject(OgcApi.JSON).putObject("schema").put(REF, SCHEMAS + schema);
        errors(responses);
    }

    private static void tileResponses(ObjectNode operation, Kind kind) {
        ObjectNode responses = operation.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "The tile");
        ok.putObject("headers").putObject("ETag").put("description", "Strong validator of the tile's bytes")
                .putObject("schema").put("type", "string");
        ObjectNode content = ok.putObject("content");
        for (TileFormat format : kind.formats) {
            content.putObject(format.mediaType.toString()).putObject("schema").put("type", "string")
                    .put("format", "binary");
        }
        if (kind == Kind.VECTOR) {
            responses.putObject("204").put("description", "No features in this tile (an empty vector tile)");
        }
        responses.putObject("304").put("description", "Not modified: If-None-Match names the current ETag");
        errors(responses);
    }

    private static void errors(ObjectNode responses) {
        for (String code : List.of("400", "404", "406", "500")) {
            responses.putObject(code).put(REF, "#/components/responses/" + code);
        }
    }

    private static void parameters(ObjectNode parameters) {
        pathParameter(parameters, "tileMatrixSetId", "Tile matrix set identifier").putObject("schema")
                .put("type", "string").putArray("enum").add(WebMercatorQuad.ID);
        pathParameter(parameters, "tileMatrix", "Tile matrix (zoom level) of the tile matrix set, \"0\" to \""
                + TileAddress.MAX_ZOOM + "\"; the tileset's tileMatrixSetLimits list those served")
                .putObject("schema").put("type", "string").put("pattern", "^(0|[1-9][0-9]?)$");
        pathParameter(parameters, "tileRow", "Row of the tile in the tile matrix, 0 at the top (y)")
                .putObject("schema").put("type", "integer").put("minimum", 0);
        pathParameter(parameters, "tileCol", "Column of the tile in the tile matrix, 0 at the left (x)")
                .putObject("schema").put("type", "integer").put("minimum", 0);
        formatParameter(parameters, "f-tiles-metadata", "Format of the response (JSON only)", List.of("json"));
        formatParameter(parameters, "f-vector-tile",
                "Tile format: mvt (Mapbox Vector Tile, the default) or png (the layer drawn); overrides Accept",
                List.of("mvt", "png"));
        formatParameter(parameters, "f-map-tile", "Tile format: png", List.of("png"));
    }

    private static ObjectNode pathParameter(ObjectNode parameters, String name, String description) {
        ObjectNode p = parameters.putObject(name);
        p.put("name", name).put("in", "path").put("required", true).put("description", description);
        return p;
    }

    private static void formatParameter(ObjectNode parameters, String key, String description, List<String> values) {
        ObjectNode p = parameters.putObject(key);
        p.put("name", "f").put("in", "query").put("required", false).put("description", description);
        ObjectNode schema = p.putObject("schema").put("type", "string");
        ArrayNode e = schema.putArray("enum");
        values.forEach(e::add);
        schema.put("default", values.get(0));
    }

    private static void schemas(ObjectNode schemas) {
        ObjectNode tileLink = schemas.putObject("tileLink");
        tileLink.put("type", "object").putArray("required").add("href").add("rel");
        ObjectNode tlp = tileLink.putObject("properties");
        for (String s : List.of("href", "rel", "type", "title")) {
            tlp.putObject(s).put("type", "string");
        }
        tlp.putObject("templated").put("type", "boolean");

        ObjectNode list = schema(schemas, "tileMatrixSets", "tileMatrixSets");
        ObjectNode lp = list.putObject("properties");
        links(lp);
        ObjectNode ref = lp.putObject("tileMatrixSets").put("type", "array").putObject("items").put("type", "object");
        strings(ref.putArray("required"), "id", "links");
        ObjectNode rp = ref.putObject("properties");
        for (String s : List.of("id", "title", "uri", "crs")) {
            rp.putObject(s).put("type", "string");
        }
        links(rp);

        ObjectNode tms = schema(schemas, "tileMatrixSet", "crs", "tileMatrices");
        ObjectNode tp = tms.putObject("properties");
        for (String s : List.of("id", "title", "uri", "crs", "wellKnownScaleSet")) {
            tp.putObject(s).put("type", "string");
        }
        tp.putObject("orderedAxes").put("type", "array").putObject("items").put("type", "string");
        tp.putObject("boundingBox").put("type", "object");
        ObjectNode matrix = tp.putObject("tileMatrices").put("type", "array").putObject("items").put("type", "object");
        strings(matrix.putArray("required"), "id", "scaleDenominator", "cellSize", "pointOfOrigin", "tileWidth",
                "tileHeight", "matrixWidth", "matrixHeight");
        ObjectNode mp = matrix.putObject("properties");
        mp.putObject("id").put("type", "string");
        mp.putObject("scaleDenominator").put("type", "number");
        mp.putObject("cellSize").put("type", "number");
        mp.putObject("cornerOfOrigin").put("type", "string").putArray("enum").add("topLeft").add("bottomLeft");
        mp.putObject("pointOfOrigin").put("type", "array").put("minItems", 2).put("maxItems", 2).putObject("items")
                .put("type", "number");
        for (String s : List.of("tileWidth", "tileHeight", "matrixWidth", "matrixHeight")) {
            mp.putObject(s).put("type", "integer").put("minimum", 1);
        }

        ObjectNode tileSet = schema(schemas, "tileSet", "dataType", "crs", "links");
        ObjectNode sp = tileSet.putObject("properties");
        tileSetSummaryProperties(sp);
        sp.putObject("description").put("type", "string");
        sp.putObject("mediaTypes").put("type", "array").putObject("items").put("type", "string");
        ObjectNode limit = sp.putObject("tileMatrixSetLimits").put("type", "array").putObject("items")
                .put("type", "object");
        strings(limit.putArray("required"), "tileMatrix", "minTileRow", "maxTileRow", "minTileCol", "maxTileCol");
        ObjectNode limitProps = limit.putObject("properties");
        limitProps.putObject("tileMatrix").put("type", "string");
        for (String s : List.of("minTileRow", "maxTileRow", "minTileCol", "maxTileCol")) {
            limitProps.putObject(s).put("type", "integer").put("minimum", 0);
        }
        sp.putObject("layers").put("type", "array").putObject("items").put("type", "object");

        ObjectNode tileSets = schema(schemas, "tileSets", "tilesets");
        ObjectNode ssp = tileSets.putObject("properties");
        links(ssp);
        ObjectNode summary = ssp.putObject("tilesets").put("type", "array").putObject("items").put("type", "object");
        strings(summary.putArray("required"), "dataType", "crs", "links");
        tileSetSummaryProperties(summary.putObject("properties"));
    }

    private static void tileSetSummaryProperties(ObjectNode properties) {
        properties.putObject("title").put("type", "string");
        properties.putObject("dataType").put("type", "string").putArray("enum").add("map").add("vector").add("coverage");
        properties.putObject("crs").put("type", "string");
        properties.putObject("tileMatrixSetURI").put("type", "string");
        links(properties);
    }

    private static void links(ObjectNode properties) {
        properties.putObject("links").put("type", "array").putObject("items").put(REF, SCHEMAS + "tileLink");
    }

    private static ObjectNode schema(ObjectNode schemas, String name, String... required) {
        ObjectNode o = schemas.putObject(name).put("type", "object");
        strings(o.putArray("required"), required);
        return o;
    }

    private static void strings(ArrayNode array, String... values) {
        for (String v : values) {
            array.add(v);
        }
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode node = parent.get(name);
        return node instanceof ObjectNode o ? o : parent.putObject(name);
    }
}
