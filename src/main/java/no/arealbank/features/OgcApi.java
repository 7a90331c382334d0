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

    private static final String CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/";
    private static final String CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/";
    private static final String FILTER = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/";
    private static final String CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/";

    public static final List<String> CONFORMANCE = List.of(
            CORE + "core", CORE + "oas30", CORE + "geojson", CORE + "html",
            CRS + "crs",
            FILTER + "queryables", FILTER + "queryables-query-parameters", FILTER + "filter", FILTER + "features-filter",
            CQL2 + "cql2-text", CQL2 + "cql2-json", CQL2 + "basic-cql2", CQL2 + "advanced-comparison-operators",
            CQL2 + "basic-spatial-functions", CQL2 + "basic-spatial-functions-plus", CQL2 + "spatial-functions");

    /** Parameter names of the items resource (Parts 1–3 and {@code f}). */
    public static final List<String> ITEMS_PARAMETERS = List.of("f", "limit", "offset", "bbox", "bbox-crs", "datetime",
            "crs", "properties", "sortby", "filter", "filter-lang", "filter-crs");
}
