package no.arealbank.features;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import no.arealbank.shared.SupportedCrs;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API definition (OpenAPI 3.0.3) linked as {@code service-desc}: self-contained (no external {@code $ref}),
 * one path per collection so each lists its own queryables and properties. Generated from the registry, plus what
 * each {@link OgcApiExtension} adds (OGC API – Tiles), and cached per base URL.
 */
@Component
class OpenApiDocument {

    private final CollectionRegistry registry;
    private final FeaturesSettings settings;
    private final ObjectProvider<OgcApiExtension> extensions;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    OpenApiDocument(CollectionRegistry registry, FeaturesSettings settings, ObjectProvider<OgcApiExtension> extensions) {
        this.registry = registry;
        this.settings = settings;
        this.extensions = extensions;
    }

    String document(String baseUrl) {
        return cache.computeIfAbsent(baseUrl, this::build);
    }

    private String build(String baseUrl) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", settings.title() + " – OGC API Features");
        info.put("version", "1.0.0");
        info.put("description", "Land ready for homes and businesses in Vest-Telemark and Sogn, as OGC API – Features "
                + "Parts 1–3 (core, CRS, CQL2 filtering).");
        info.putObject("license").put("name", "Boundaries: Kartverket CC BY 4.0; sample data illustrative");
        info.putObject("contact").put("name", "Arealbank");
        root.putArray("servers").addObject().put("url", baseUrl);
        ObjectNode paths = root.putObject("paths");
        simple(paths, "/", "getLandingPage", "Landing page", "landingPage", "Capabilities");
        simple(paths, "/conformance", "getConformanceDeclaration", "Conformance classes", "confClasses", "Capabilities");
        ObjectNode apiGet = paths.putObject("/api").putObject("get");
        apiGet.put("operationId", "getApiDefinition").put("summary", "This API definition").putArray("tags").add("Capabilities");
        apiGet.putArray("parameters").addObject().put("$ref", "#/components/parameters/f");
        ObjectNode api200 = apiGet.putObject("responses").putObject("200");
        api200.put("description", "The OpenAPI document");
        api200.putObject("content").putObject(OgcApi.OPENAPI_JSON).putObject("schema").put("type", "object");
        simple(paths, "/collections", "getCollections", "The collections", "collections", "Capabilities");
        for (FeatureCollectionDefinition c : registry.all()) {
            collectionPaths(paths, c);
        }
        components(root.putObject("components"));
        ArrayNode tags = root.putArray("tags");
        tags.addObject().put("name", "Capabilities").put("description", "Landing page, conformance, collections");
        tags.addObject().put("name", "Data").put("description", "Features");
        extensions.orderedStream().forEach(e -> e.describe(root));
        return root.toPrettyString();
    }

    private void simple(ObjectNode paths, String path, String operationId, String summary, String schema, String tag) {
        ObjectNode get = paths.putObject(path).putObject("get");
        get.put("operationId", operationId).put("summary", summary);
        get.putArray("tags").add(tag);
        get.putArray("parameters").addObject().put("$ref", "#/components/parameters/f");
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", summary);
        ObjectNode content = ok.putObject("content");
        content.putObject(OgcApi.JSON).putObject("schema").put("$ref", "#/components/schemas/" + schema);
        content.putObject(OgcApi.HTML).putObject("schema").put("type", "string");
        errors(responses);
    }

    private void collectionPaths(ObjectNode paths, FeatureCollectionDefinition c) {
        String p = "/collections/" + c.id();
        ObjectNode get = paths.putObject(p).putObject("get");
        get.put("operationId", "describe" + op(c)).put("summary", c.title());
        get.putArray("tags").add("Data");
        get.putArray("parameters").addObject().put("$ref", "#/components/parameters/f");
        ObjectNode r = get.putObject("responses");
        ObjectNode ok = r.putObject("200");
        ok.put("description", "Metadata of " + c.title());
        ok.putObject("content").putObject(OgcApi.JSON).putObject("schema").put("$ref", "#/components/schemas/collectionInfo");
        errors(r);

        ObjectNode items = paths.putObject(p + "/items").putObject("get");
        items.put("operationId", "getFeatures" + op(c)).put("summary", "Features of " + c.title());
        items.put("description", c.description());
        items.putArray("tags").add("Data");
        ArrayNode params = items.putArray("parameters");
        for (String name : List.of("f", "limit", "offset", "bbox", "bbox-crs", "datetime", "crs", "properties", "sortby",
                "filter", "filter-lang", "filter-crs")) {
            params.addObject().put("$ref", "#/components/parameters/" + name);
        }
        for (FeatureCollectionDefinition.Property prop : c.properties()) {
            if (ItemsParameters.isQueryParameter(prop)) {
                ObjectNode q = params.addObject();
                q.put("name", prop.name()).put("in", "query").put("required", false)
                        .put("description", prop.title() + " (equals)").put("style", "form").put("explode", false);
                ObjectNode s = q.putObject("schema").put("type", prop.type().jsonType);
                if (prop.type().format != null) {
                    s.put("format", prop.type().format);
                }
            }
        }
        ObjectNode ir = items.putObject("responses");
        ObjectNode iok = ir.putObject("200");
        iok.put("description", "A page of features; `next` links to the following page");
        iok.putObject("headers").putObject("Content-Crs").put("description", "CRS of the geometries")
                .putObject("schema").put("type", "string");
        ObjectNode ic = iok.putObject("content");
        ic.putObject(OgcApi.GEO_JSON).putObject("schema").put("$ref", "#/components/schemas/featureCollectionGeoJSON");
        ic.putObject(OgcApi.HTML).putObject("schema").put("type", "string");
        errors(ir);

        ObjectNode one = paths.putObject(p + "/items/{featureId}").putObject("get");
        one.put("operationId", "getFeature" + op(c)).put("summary", "One feature of " + c.title());
        one.putArray("tags").add("Data");
        ArrayNode oneParams = one.putArray("parameters");
        oneParams.addObject().put("$ref", "#/components/parameters/featureId");
        oneParams.addObject().put("$ref", "#/components/parameters/f");
        oneParams.addObject().put("$ref", "#/components/parameters/crs");
        ObjectNode or = one.putObject("responses");
        ObjectNode ook = or.putObject("200");
        ook.put("description", "The feature");
        ObjectNode oc = ook.putObject("content");
        oc.putObject(OgcApi.GEO_JSON).putObject("schema").put("$ref", "#/components/schemas/featureGeoJSON");
        oc.putObject(OgcApi.HTML).putObject("schema").put("type", "string");
        errors(or);

        ObjectNode qGet = paths.putObject(p + "/queryables").putObject("get");
        qGet.put("operationId", "getQueryables" + op(c)).put("summary", "Queryable properties of " + c.title());
        qGet.putArray("tags").add("Data");
        ObjectNode qr = qGet.putObject("responses");
        ObjectNode qok = qr.putObject("200");
        qok.put("description", "JSON Schema of the queryables");
        qok.putObject("content").putObject(OgcApi.SCHEMA_JSON).putObject("schema").put("type", "object");
        errors(qr);
    }

    private static String op(FeatureCollectionDefinition c) {
        StringBuilder sb = new StringBuilder();
        for (String part : c.id().split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    private static void errors(ObjectNode responses) {
        for (String code : List.of("400", "404", "406", "500")) {
            responses.putObject(code).put("$ref", "#/components/responses/" + code);
        }
    }

    private void components(ObjectNode components) {
        ObjectNode params = components.putObject("parameters");
        param(params, "f", "query", "Format: json or html (overrides Accept)").putObject("schema").put("type", "string")
                .putArray("enum").add("json").add("html");
        ObjectNode limit = param(params, "limit", "query", "Features per page; larger values are clamped to the maximum")
                .put("style", "form").put("explode", false).putObject("schema");
        limit.put("type", "integer").put("minimum", 1).put("maximum", settings.maxLimit()).put("default", settings.defaultLimit());
        param(params, "offset", "query", "Features to skip").putObject("schema").put("type", "integer").put("minimum", 0)
                .put("default", 0);
        ObjectNode bbox = param(params, "bbox", "query",
                "Only features intersecting minx,miny,maxx,maxy (or 6 numbers with heights), in bbox-crs")
                .put("style", "form").put("explode", false).putObject("schema");
        bbox.put("type", "array").put("minItems", 4).put("maxItems", 6).putObject("items").put("type", "number");
        crsParam(params, "bbox-crs", "CRS of bbox (default CRS84)");
        param(params, "datetime", "query", "Instant or interval (RFC 3339, '..' for open ends) of the last change")
                .put("style", "form").put("explode", false).putObject("schema").put("type", "string");
        crsParam(params, "crs", "CRS of the returned geometries (default CRS84)");
        ObjectNode props = param(params, "properties", "query", "Properties to return (comma-separated)")
                .put("style", "form").put("explode", false).putObject("schema");
        props.put("type", "array").putObject("items").put("type", "string");
        ObjectNode sortby = param(params, "sortby", "query", "Sort keys: name or -name for descending, comma-separated")
                .put("style", "form").put("explode", false).putObject("schema");
        sortby.put("type", "array").putObject("items").put("type", "string");
        param(params, "filter", "query", "CQL2 filter expression over the collection's queryables")
                .putObject("schema").put("type", "string");
        param(params, "filter-lang", "query", "Language of filter").putObject("schema").put("type", "string")
                .put("default", "cql2-text").putArray("enum").add("cql2-text").add("cql2-json");
        crsParam(params, "filter-crs", "CRS of geometry literals in filter (default CRS84)");
        ObjectNode fid = params.putObject("featureId");
        fid.put("name", "featureId").put("in", "path").put("required", true).put("description", "Feature id");
        fid.putObject("schema").put("type", "string");

        ObjectNode responses = components.putObject("responses");
        for (Map.Entry<String, String> e : Map.of("400", "Invalid parameter", "404", "Not found", "406",
                "Format not acceptable", "500", "Server error").entrySet()) {
            ObjectNode r = responses.putObject(e.getKey());
            r.put("description", e.getValue());
            r.putObject("content").putObject("application/problem+json").putObject("schema")
                    .put("$ref", "#/components/schemas/exception");
        }

        ObjectNode schemas = components.putObject("schemas");
        ObjectNode link = object(schemas, "link", "href", "rel");
        link.putObject("properties").set("href", str());
        ((ObjectNode) link.get("properties")).set("rel", str());
        ((ObjectNode) link.get("properties")).set("type", str());
        ((ObjectNode) link.get("properties")).set("title", str());
        ObjectNode landing = object(schemas, "landingPage", "links");
        ObjectNode lp = landing.putObject("properties");
        lp.set("title", str());
        lp.set("description", str());
        lp.set("links", links());
        ObjectNode conf = object(schemas, "confClasses", "conformsTo");
        conf.putObject("properties").putObject("conformsTo").put("type", "array").set("items", str());
        ObjectNode collections = object(schemas, "collections", "links", "collections");
        ObjectNode cp = collections.putObject("properties");
        cp.set("links", links());
        cp.putObject("collections").put("type", "array").putObject("items").put("$ref", "#/components/schemas/collectionInfo");
        cp.putObject("crs").put("type", "array").set("items", str());
        ObjectNode info = object(schemas, "collectionInfo", "id", "links");
        ObjectNode ip = info.putObject("properties");
        ip.set("id", str());
        ip.set("title", str());
        ip.set("description", str());
        ip.set("links", links());
        ip.putObject("extent").put("type", "object");
        ip.set("itemType", str());
        ip.putObject("crs").put("type", "array").set("items", str());
        ip.set("storageCrs", str());
        ObjectNode fc = object(schemas, "featureCollectionGeoJSON", "type", "features");
        ObjectNode fcp = fc.putObject("properties");
        fcp.putObject("type").put("type", "string").putArray("enum").add("FeatureCollection");
        fcp.putObject("features").put("type", "array").putObject("items").put("$ref", "#/components/schemas/featureGeoJSON");
        fcp.set("links", links());
        fcp.putObject("timeStamp").put("type", "string").put("format", "date-time");
        fcp.putObject("numberMatched").put("type", "integer").put("minimum", 0);
        fcp.putObject("numberReturned").put("type", "integer").put("minimum", 0);
        ObjectNode f = object(schemas, "featureGeoJSON", "type", "geometry", "properties");
        ObjectNode fp = f.putObject("properties");
        fp.putObject("type").put("type", "string").putArray("enum").add("Feature");
        fp.putObject("geometry").put("type", "object").put("nullable", true);
        fp.putObject("properties").put("type", "object").put("nullable", true);
        fp.putObject("id").putArray("oneOf").add(str()).addObject().put("type", "integer");
        fp.set("links", links());
        ObjectNode ex = object(schemas, "exception", "status");
        ObjectNode ep = ex.putObject("properties");
        ep.set("type", str());
        ep.set("title", str());
        ep.putObject("status").put("type", "integer");
        ep.set("detail", str());
        ep.set("code", str());
    }

    private ObjectNode param(ObjectNode params, String name, String in, String description) {
        ObjectNode p = params.putObject(name);
        p.put("name", name).put("in", in).put("required", false).put("description", description);
        return p;
    }

    private void crsParam(ObjectNode params, String name, String description) {
        ObjectNode s = param(params, name, "query", description).putObject("schema");
        s.put("type", "string").put("format", "uri");
        ArrayNode values = s.putArray("enum");
        SupportedCrs.uris().forEach(values::add);
        s.put("default", SupportedCrs.CRS84.uri());
    }

    private ObjectNode object(ObjectNode schemas, String name, String... required) {
        ObjectNode o = schemas.putObject(name);
        o.put("type", "object");
        ArrayNode r = o.putArray("required");
        for (String s : required) {
            r.add(s);
        }
        return o;
    }

    private ObjectNode str() {
        return json.createObjectNode().put("type", "string");
    }

    private ObjectNode links() {
        ObjectNode l = json.createObjectNode().put("type", "array");
        l.putObject("items").put("$ref", "#/components/schemas/link");
        return l;
    }
}
