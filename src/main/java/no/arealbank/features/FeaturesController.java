package no.arealbank.features;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import no.arealbank.shared.RequestLinks;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OGC API – Features resources. JSON and HTML for every resource ({@code f=json|html} or {@code Accept});
 * items pages are streamed row by row as PostGIS writes them.
 */
@RestController
@RequestMapping("/ogc")
class FeaturesController {

    private final CollectionRegistry registry;
    private final FeatureQueries queries;
    private final FeaturesSettings settings;
    private final FilterTranslator filters;
    private final OpenApiDocument openApi;
    private final TransactionTemplate readOnly;
    private final ObjectProvider<OgcApiExtension> extensions;
    private final JsonMapper json = JsonMapper.builder().build();

    FeaturesController(CollectionRegistry registry, FeatureQueries queries, FeaturesSettings settings,
            FilterTranslator filters, OpenApiDocument openApi, TransactionTemplate tx,
            ObjectProvider<OgcApiExtension> extensions) {
        this.registry = registry;
        this.queries = queries;
        this.settings = settings;
        this.filters = filters;
        this.openApi = openApi;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.extensions = extensions;
    }

    /** The conformance classes of this module and of every {@link OgcApiExtension}. */
    private List<String> conformsTo() {
        List<String> classes = new ArrayList<>(OgcApi.CONFORMANCE);
        extensions.orderedStream().forEach(e -> classes.addAll(e.conformance()));
        return classes;
    }

    private static Link link(OgcApiExtension.ExtensionLink l) {
        return new Link(l.href(), l.rel(), l.type(), l.title());
    }

    enum Format { JSON, HTML }

    static Format format(String f, String accept) {
        if (f != null) {
            return switch (f) {
                case "json", "geojson" -> Format.JSON;
                case "html" -> Format.HTML;
                default -> throw OgcProblems.notAcceptable(f);
            };
        }
        return accept != null && accept.contains("text/html") && !accept.contains("json") ? Format.HTML : Format.JSON;
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/ogc").toUriString();
    }

    @GetMapping({"", "/"})
    ResponseEntity<?> landing(@RequestParam(required = false) String f,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Format format = format(f, accept);
        String b = base();
        List<Link> links = new ArrayList<>(List.of(
                new Link(b + "?f=json", OgcApi.REL_SELF, OgcApi.JSON, "This document as JSON"),
                new Link(b + "?f=html", OgcApi.REL_ALTERNATE, OgcApi.HTML, "This document as HTML"),
                new Link(b + "/api", OgcApi.REL_SERVICE_DESC, OgcApi.OPENAPI_JSON, "The API definition (OpenAPI 3.0)"),
                new Link(b + "/conformance", OgcApi.REL_CONFORMANCE, OgcApi.JSON, "Conformance classes"),
                new Link(b + "/collections", OgcApi.REL_DATA, OgcApi.JSON, "The collections")));
        extensions.orderedStream().forEach(e -> e.landingLinks(b).forEach(l -> links.add(link(l))));
        String description = "Land ready for homes and businesses in Vest-Telemark and Sogn: plots, land-use zones, "
                + "hazard zones, municipalities, business hubs and plans, as OGC API – Features.";
        if (format == Format.HTML) {
            String body = "<p>" + HtmlPages.esc(description) + "</p>" + HtmlPages.links(links)
                    + "<p>Open it in QGIS: Layer › Add Layer › Add WFS / OGC API – Features Layer, URL <code>"
                    + HtmlPages.esc(b) + "</code>. With GDAL: <code>ogrinfo OAPIF:" + HtmlPages.esc(b) + "</code></p>";
            return html(HtmlPages.page(settings.title(), List.of(new Link(b, null, null, "Arealbank OGC API")), body, null));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", settings.title());
        doc.put("description", description);
        doc.put("links", links);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(doc);
    }

    @GetMapping("/conformance")
    ResponseEntity<?> conformance(@RequestParam(required = false) String f,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        if (format(f, accept) == Format.HTML) {
            StringBuilder body = new StringBuilder("<ul>");
            conformsTo().forEach(c -> body.append("<li>").append(HtmlPages.a(c, c)).append("</li>"));
            body.append("</ul>");
            String b = base();
            return html(HtmlPages.page("Conformance", List.of(new Link(b, null, null, "Arealbank OGC API")),
                    body.toString(), null));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("conformsTo", conformsTo()));
    }

    @GetMapping("/api")
    ResponseEntity<String> api(@RequestParam(required = false) String f) {
        if (f != null && !f.equals("json")) {
            throw OgcProblems.notAcceptable(f);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(OgcApi.OPENAPI_JSON))
                .body(openApi.document(base()));
    }

    @GetMapping("/collections")
    ResponseEntity<?> collections(@RequestParam(required = false) String f,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Format format = format(f, accept);
        String b = base();
        List<Map<String, Object>> list = registry.all().stream().map(c -> collectionJson(c, b)).toList();
        List<Link> links = List.of(
                new Link(b + "/collections?f=json", OgcApi.REL_SELF, OgcApi.JSON, "The collections as JSON"),
                new Link(b + "/collections?f=html", OgcApi.REL_ALTERNATE, OgcApi.HTML, "The collections as HTML"));
        if (format == Format.HTML) {
            List<List<String>> rows = new ArrayList<>();
            for (FeatureCollectionDefinition c : registry.all()) {
                rows.add(List.of(HtmlPages.a(b + "/collections/" + c.id() + "?f=html", c.title()),
                        HtmlPages.esc(c.description()),
                        HtmlPages.a(b + "/collections/" + c.id() + "/items?f=html", "items")));
            }
            return html(HtmlPages.page("Collections", List.of(new Link(b + "?f=html", null, null, "Arealbank OGC API")),
                    HtmlPages.table(List.of("Collection", "Description", ""), rows), null));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("links", links);
        doc.put("collections", list);
        doc.put("crs", SupportedCrs.uris());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(doc);
    }

    @GetMapping("/collections/{collectionId}")
    ResponseEntity<?> collection(@PathVariable String collectionId, @RequestParam(required = false) String f,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        FeatureCollectionDefinition c = collectionOr404(collectionId);
        Format format = format(f, accept);
        String b = base();
        Map<String, Object> doc = collectionJson(c, b);
        if (format == Format.HTML) {
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("id", HtmlPages.esc(c.id()));
            rows.put("description", HtmlPages.esc(c.description()));
            rows.put("items", HtmlPages.a(b + "/collections/" + c.id() + "/items?f=html", "browse the items")
                    + " · " + HtmlPages.a(b + "/collections/" + c.id() + "/items?f=json", "GeoJSON"));
            rows.put("queryables", HtmlPages.a(b + "/collections/" + c.id() + "/queryables", "JSON Schema"));
            List<String> more = new ArrayList<>();
            extensions.orderedStream().forEach(e -> e.collectionLinks(b, c.id())
                    .forEach(l -> more.add(HtmlPages.a(l.href(), l.title()))));
            if (!more.isEmpty()) {
                rows.put("more", String.join(" · ", more));
            }
            rows.put("storage CRS", HtmlPages.esc(SupportedCrs.EPSG_25832.uri()));
            rows.put("CRS", HtmlPages.esc(String.join(", ", SupportedCrs.uris())));
            return html(HtmlPages.page(c.title(), List.of(new Link(b + "?f=html", null, null, "Arealbank OGC API"),
                    new Link(b + "/collections?f=html", null, null, "Collections")), HtmlPages.definitionList(rows),
                    b + "/collections/" + c.id() + "/items?f=json&limit=1000"));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(doc);
    }

    @GetMapping("/collections/{collectionId}/queryables")
    ResponseEntity<?> queryables(@PathVariable String collectionId, @RequestParam(required = false) String f) {
        FeatureCollectionDefinition c = collectionOr404(collectionId);
        if (f != null && !f.equals("json")) {
            throw OgcProblems.notAcceptable(f);
        }
        String b = base();
        ObjectNode schema = json.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", b + "/collections/" + c.id() + "/queryables");
        schema.put("type", "object");
        schema.put("title", c.title());
        ObjectNode props = schema.putObject("properties");
        props.putObject(CqlFilters.GEOMETRY).put("format", "geometry-any").put("x-ogc-role", "primary-geometry")
                .put("title", "Geometry");
        for (FeatureCollectionDefinition.Property p : c.properties()) {
            if (!CqlFilters.isQueryable(p)) {
                continue;
            }
            ObjectNode node = props.putObject(p.name());
            node.put("title", p.title());
            node.put("type", p.type().jsonType);
            if (p.type().format != null) {
                node.put("format", p.type().format);
            }
        }
        schema.put("additionalProperties", false);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(OgcApi.SCHEMA_JSON)).body(schema);
    }

    @GetMapping("/collections/{collectionId}/items")
    void items(@PathVariable String collectionId, @RequestParam Map<String, String> params,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
            throws IOException {
        FeatureCollectionDefinition c = collectionOr404(collectionId);
        Format format = format(params.get("f"), accept);
        ItemsQuery q = ItemsParameters.parse(c, params, settings, filters);
        String b = base();
        List<Link> links = pageLinks(q, b, c);
        response.setHeader("Content-Crs", "<" + q.crs().uri() + ">");
        readOnly.executeWithoutResult(status -> {
            long matched = queries.count(q);
            try {
                if (format == Format.HTML) {
                    writeItemsHtml(c, q, matched, links, b, response);
                } else {
                    writeItemsJson(q, matched, links, response);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static final byte[] FEATURES_START = "{\"type\":\"FeatureCollection\",\"features\":["
            .getBytes(StandardCharsets.UTF_8);

    /**
     * The FeatureCollection, written around the features as the database sends them: each feature's bytes go to the
     * response unchanged, so a page costs the service little more than the database's own work.
     */
    private void writeItemsJson(ItemsQuery q, long matched, List<Link> links, HttpServletResponse response)
            throws IOException {
        response.setContentType(OgcApi.GEO_JSON);
        response.setCharacterEncoding("UTF-8");
        OutputStream out = response.getOutputStream();
        out.write(FEATURES_START);
        int[] returned = {0};
        queries.page(q, feature -> {
            try {
                if (returned[0]++ > 0) {
                    out.write(',');
                }
                out.write(feature);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String tail = "],\"numberMatched\":" + matched + ",\"numberReturned\":" + returned[0] + ",\"timeStamp\":\""
                + Instant.now() + "\",\"links\":" + json.writeValueAsString(filterNext(links, q, returned[0], matched))
                + "}";
        out.write(tail.getBytes(StandardCharsets.UTF_8));
    }

    private void writeItemsHtml(FeatureCollectionDefinition c, ItemsQuery q, long matched, List<Link> links, String b,
            HttpServletResponse response) throws IOException {
        List<JsonNode> features = new ArrayList<>();
        queries.page(q, feature -> features.add(json.readTree(feature)));
        List<String> columns = q.selected().stream().limit(6).map(FeatureCollectionDefinition.Property::name).toList();
        List<String> headers = new ArrayList<>(List.of("id"));
        headers.addAll(columns);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode f : features) {
            List<String> row = new ArrayList<>();
            String id = f.path("id").asString();
            row.add(HtmlPages.a(b + "/collections/" + c.id() + "/items/" + id + "?f=html", id));
            columns.forEach(col -> row.add(HtmlPages.esc(text(f.path("properties").get(col)))));
            rows.add(row);
        }
        List<Link> page = filterNext(links, q, features.size(), matched);
        StringBuilder body = new StringBuilder("<p>").append(matched).append(" features match; showing ")
                .append(features.size()).append(" from offset ").append(q.offset()).append(".</p>");
        for (Link l : page) {
            if (l.rel().equals(OgcApi.REL_NEXT) || l.rel().equals(OgcApi.REL_PREV)) {
                body.append(HtmlPages.a(l.href().replace("f=json", "f=html"), l.rel().equals("next") ? "Next page ›" : "‹ Previous page"))
                        .append(" ");
            }
        }
        body.append(HtmlPages.table(headers, rows));
        String mapUrl = RequestLinks.current(Map.of("f", "json"));
        writeHtml(response, HtmlPages.page(c.title() + " – items", List.of(new Link(b + "?f=html", null, null,
                "Arealbank OGC API"), new Link(b + "/collections?f=html", null, null, "Collections"),
                new Link(b + "/collections/" + c.id() + "?f=html", null, null, c.title())), body.toString(), mapUrl));
    }

    @GetMapping("/collections/{collectionId}/items/{featureId}")
    ResponseEntity<?> item(@PathVariable String collectionId, @PathVariable String featureId,
            @RequestParam Map<String, String> params,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        FeatureCollectionDefinition c = collectionOr404(collectionId);
        for (String name : params.keySet()) {
            if (!name.equals("f") && !name.equals("crs")) {
                throw OgcProblems.invalidParameter(name, "unknown parameter; allowed: f, crs");
            }
        }
        Format format = format(params.get("f"), accept);
        SupportedCrs crs = ItemsParameters.crs(params.get("crs"), "crs");
        Object id = featureId;
        if (c.numericId()) {
            try {
                id = Long.parseLong(featureId);
            } catch (NumberFormatException e) {
                throw OgcProblems.notFound("No feature '" + featureId + "' in " + c.id());
            }
        }
        String feature = queries.one(c, id, crs)
                .orElseThrow(() -> OgcProblems.notFound("No feature '" + featureId + "' in " + c.id()));
        String b = base();
        String self = b + "/collections/" + c.id() + "/items/" + featureId;
        if (format == Format.HTML) {
            JsonNode f = json.readTree(feature);
            Map<String, String> rows = new LinkedHashMap<>();
            f.path("properties").properties().forEach(e -> rows.put(e.getKey(), HtmlPages.esc(text(e.getValue()))));
            return html(HtmlPages.page(c.title() + " " + featureId, List.of(new Link(b + "?f=html", null, null,
                    "Arealbank OGC API"), new Link(b + "/collections?f=html", null, null, "Collections"),
                    new Link(b + "/collections/" + c.id() + "/items?f=html", null, null, c.title())),
                    HtmlPages.definitionList(rows), self + "?f=json"));
        }
        ObjectNode node = (ObjectNode) json.readTree(feature);
        ArrayNode links = node.putArray("links");
        links.add(json.valueToTree(new Link(self + "?f=json", OgcApi.REL_SELF, OgcApi.GEO_JSON, "This feature")));
        links.add(json.valueToTree(new Link(self + "?f=html", OgcApi.REL_ALTERNATE, OgcApi.HTML, "This feature as HTML")));
        links.add(json.valueToTree(new Link(b + "/collections/" + c.id(), OgcApi.REL_COLLECTION, OgcApi.JSON, c.title())));
        String body = node.toString();
        String etag = "\"" + sha256(body + crs.uri()) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(OgcApi.GEO_JSON)).eTag(etag)
                .header("Content-Crs", "<" + crs.uri() + ">").body(body);
    }

    private Map<String, Object> collectionJson(FeatureCollectionDefinition c, String b) {
        String self = b + "/collections/" + c.id();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", c.id());
        doc.put("title", c.title());
        doc.put("description", c.description());
        List<Link> links = new ArrayList<>(List.of(
                new Link(self + "?f=json", OgcApi.REL_SELF, OgcApi.JSON, "This collection"),
                new Link(self + "?f=html", OgcApi.REL_ALTERNATE, OgcApi.HTML, "This collection as HTML"),
                new Link(self + "/items", OgcApi.REL_ITEMS, OgcApi.GEO_JSON, "The items as GeoJSON"),
                new Link(self + "/items?f=html", OgcApi.REL_ITEMS, OgcApi.HTML, "The items as HTML"),
                new Link(self + "/queryables", OgcApi.REL_QUERYABLES, OgcApi.SCHEMA_JSON, "Queryable properties")));
        extensions.orderedStream().forEach(e -> e.collectionLinks(b, c.id()).forEach(l -> links.add(link(l))));
        doc.put("links", links);
        FeatureQueries.Extent extent = queries.extent(c);
        Map<String, Object> ext = new LinkedHashMap<>();
        if (extent.bbox() != null) {
            ext.put("spatial", Map.of("bbox", List.of(extent.bbox()), "crs", SupportedCrs.CRS84.uri()));
        }
        if (c.updatedAt() != null && extent.start() != null) {
            List<String> interval = new ArrayList<>();
            interval.add(extent.start());
            interval.add(extent.end());
            ext.put("temporal", Map.of("interval", List.of(interval),
                    "trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"));
        }
        doc.put("extent", ext);
        doc.put("itemType", "feature");
        doc.put("crs", SupportedCrs.uris());
        doc.put("storageCrs", SupportedCrs.EPSG_25832.uri());
        return doc;
    }

    private List<Link> pageLinks(ItemsQuery q, String b, FeatureCollectionDefinition c) {
        List<Link> links = new ArrayList<>();
        links.add(new Link(RequestLinks.current(Map.of("f", "json")), OgcApi.REL_SELF, OgcApi.GEO_JSON, "This page"));
        links.add(new Link(RequestLinks.current(Map.of("f", "html")), OgcApi.REL_ALTERNATE, OgcApi.HTML,
                "This page as HTML"));
        links.add(new Link(RequestLinks.current(Map.of("f", "json", "offset", q.offset() + q.limit(), "limit", q.limit())),
                OgcApi.REL_NEXT, OgcApi.GEO_JSON, "Next page"));
        if (q.offset() > 0) {
            links.add(new Link(RequestLinks.current(Map.of("f", "json", "offset", Math.max(0, q.offset() - q.limit()),
                    "limit", q.limit())), OgcApi.REL_PREV, OgcApi.GEO_JSON, "Previous page"));
        }
        links.add(new Link(b + "/collections/" + c.id(), OgcApi.REL_COLLECTION, OgcApi.JSON, c.title()));
        return links;
    }

    /** Drops the {@code next} link on the last page. */
    private static List<Link> filterNext(List<Link> links, ItemsQuery q, int returned, long matched) {
        boolean more = q.offset() + returned < matched;
        return links.stream().filter(l -> more || !l.rel().equals(OgcApi.REL_NEXT)).toList();
    }

    private FeatureCollectionDefinition collectionOr404(String id) {
        return registry.find(id).orElseThrow(() -> OgcProblems.notFound("No collection '" + id + "'"));
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        return v.isValueNode() ? v.asString() : v.toString();
    }

    private static ResponseEntity<String> html(String page) {
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8)).body(page);
    }

    private static void writeHtml(HttpServletResponse response, String page) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
