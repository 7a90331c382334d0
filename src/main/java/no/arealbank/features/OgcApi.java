package no.arealbank.features;

import java.util.List;

/** The OGC vocabulary in one place: conformance classes, media types, link relations. */
public final class OgcApi {

    private OgcApi() {
    }

    public static final String GEO_JSON = "application/geo+json";
    public static final String JSON = "application/json";
    public static final String HTML = "text/html";
    public static final String OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.0";
    public static final String SCHEMA_JSON = "application/schema+json";
    public static final String MVT = "application/vnd.mapbox-vector-tile";
    public static final String PNG = "image/png";

    public static final String REL_SELF = "self";
    public static final String REL_ALTERNATE = "alternate";
    public static final String REL_SERVICE_DESC = "service-desc";
    public static final String REL_SERVICE_DOC = "service-doc";
    public static final String REL_CONFORMANCE = "conformance";
    public static final String REL_DATA = "data";
    public static final String REL_ITEMS = "items";
    public static final String REL_NEXT = "next";
    public static final String REL_PREV = "prev";
    public static final String REL_COLLECTION = "collection";
    public static final String REL_QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables";
    /** OGC API – Tiles: a templated link to single tiles ({@code templated: true}). */
    public static final String REL_ITEM = "item";
    public static final String REL_TILING_SCHEMES = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes";
    public static final String REL_TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    public static final String REL_TILESETS_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    public static final String REL_TILESETS_MAP = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map";
    public static final String REL_GEODATA = "http://www.opengis.net/def/rel/ogc/1.0/geodata";

    private static final String CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/";
    private static final String CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/";
    private static final String FILTER = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/";
    private static final String CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/";
    private static final String TILES = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/";
    private static final String TMS = "http://www.opengis.net/spec/tms/2.0/conf/";

    public static final List<String> CONFORMANCE = List.of(
            CORE + "core", CORE + "oas30", CORE + "geojson", CORE + "html",
            CRS + "crs",
            FILTER + "queryables", FILTER + "queryables-query-parameters", FILTER + "filter", FILTER + "features-filter",
            CQL2 + "cql2-text", CQL2 + "cql2-json", CQL2 + "basic-cql2", CQL2 + "advanced-comparison-operators",
            CQL2 + "basic-spatial-functions", CQL2 + "basic-spatial-functions-plus", CQL2 + "spatial-functions");

    /**
     * OGC API – Tiles Part 1 (OGC 20-057) and the 2D Tile Matrix Set and Tileset Metadata standard 2.0 (OGC 17-083r4)
     * classes the tiles module implements under {@code /ogc}; declared by it through {@link OgcApiExtension}.
     */
    public static final List<String> TILES_CONFORMANCE = List.of(
            TILES + "core", TILES + "tileset", TILES + "tilesets-list", TILES + "geodata-tilesets", TILES + "mvt",
            TILES + "png", TILES + "oas30",
            TMS + "tilematrixset", TMS + "json-tilematrixset", TMS + "tilematrixsetlimits",
            TMS + "json-tilematrixsetlimits", TMS + "tilesetmetadata", TMS + "json-tilesetmetadata");

    /** Parameter names of the items resource (Parts 1–3 and {@code f}). */
    public static final List<String> ITEMS_PARAMETERS = List.of("f", "limit", "offset", "bbox", "bbox-crs", "datetime",
            "crs", "properties", "sortby", "filter", "filter-lang", "filter-crs");
}
