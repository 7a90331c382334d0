package no.arealbank.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/**
 * The OGC API's {@code service-desc} (/ogc/api) read by a real OpenAPI parser (swagger-parser): valid OpenAPI 3.0,
 * self-contained, and describing the items resource of every collection the service serves.
 */
class OpenApiDocumentIT extends SampleRegionTest {

    private Api.Response fetch() {
        Api.Response r = api().get("/ogc/api");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    @Test
    void isServedAsOpenApi30Json() {
        Api.Response r = fetch();
        MediaType type = MediaType.parseMediaType(r.header("Content-Type"));
        assertThat(type.getType() + "/" + type.getSubtype()).isEqualTo("application/vnd.oai.openapi+json");
        assertThat(type.getParameter("version")).as(r.header("Content-Type")).isEqualTo("3.0");
        // the landing page announces it with the same media type
        JsonNode landing = api().get("/ogc").json();
        List<String> serviceDesc = new ArrayList<>();
        landing.path("links").forEach(l -> {
            if ("service-desc".equals(l.path("rel").asString())) {
                serviceDesc.add(l.path("type").asString() + " " + l.path("href").asString());
            }
        });
        assertThat(serviceDesc).hasSize(1);
        assertThat(serviceDesc.get(0)).startsWith("application/vnd.oai.openapi+json;version=3.0 ").endsWith("/ogc/api");
    }

    @Test
    void parsesWithoutAnyValidationMessage() {
        String body = fetch().body();
        ParseOptions options = new ParseOptions();
        options.setResolve(false); // nothing may need resolving from outside: checked below
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(body, null, options);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getOpenapi()).matches("3\\.0\\.\\d+");
        assertThat(api.getInfo().getTitle()).isNotBlank();
        assertThat(api.getServers()).isNotEmpty();
        assertThat(api.getServers().get(0).getUrl()).isEqualTo("http://127.0.0.1:" + port + "/ogc");
    }

    @Test
    void everyRefIsInternalAndResolves() {
        JsonNode doc = Api.JSON.readTree(fetch().body());
        Map<String, String> refs = new LinkedHashMap<>();
        collectRefs(doc, "", refs);
        assertThat(refs).as("the document uses $ref").isNotEmpty();
        refs.forEach((where, ref) -> {
            assertThat(ref).as("$ref at %s is internal", where).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as("$ref %s at %s resolves", ref, where).isFalse();
        });
    }

    @Test
    void describesTheItemsOfEveryCollectionWithTheirParameters() {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(fetch().body(), null, new ParseOptions());
        OpenAPI api = result.getOpenAPI();
        assertThat(api).as(String.valueOf(result.getMessages())).isNotNull();

        Set<String> collections = new TreeSet<>();
        api().get("/ogc/collections").json().path("collections").forEach(c -> collections.add(c.path("id").asString()));
        assertThat(collections).containsExactlyInAnyOrder("plots", "zones", "hazards", "municipalities",
                "business-hubs", "plans");

        for (String id : collections) {
            PathItem path = api.getPaths().get("/collections/" + id + "/items");
            assertThat(path).as("path /collections/%s/items", id).isNotNull();
            Operation get = path.getGet();
            assertThat(get).as("GET /collections/%s/items", id).isNotNull();
            assertThat(get.getResponses()).containsKey("200");
            assertThat(get.getResponses().get("200").getContent()).containsKey("application/geo+json");

            Map<String, Parameter> params = new LinkedHashMap<>();
            for (Parameter p : get.getParameters()) {
                Parameter resolved = resolve(api, p);
                assertThat(resolved).as("parameter %s of %s", p.get$ref(), id).isNotNull();
                params.put(resolved.getName(), resolved);
            }
            assertThat(params).as("parameters of %s", id).containsKeys("limit", "bbox", "datetime", "crs", "filter");
            params.forEach((name, p) -> assertThat(p.getIn()).as("%s of %s", name, id).isEqualTo("query"));

            Schema<?> limit = params.get("limit").getSchema();
            assertThat(limit.getType()).isEqualTo("integer");
            assertThat(limit.getMinimum()).isEqualByComparingTo(BigDecimal.ONE);
            assertThat(limit.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(10_000));
            assertThat(limit.getDefault()).isNotNull();
            assertThat(new BigDecimal(limit.getDefault().toString())).isEqualByComparingTo(BigDecimal.valueOf(100));

            Schema<?> bbox = params.get("bbox").getSchema();
            assertThat(bbox.getType()).isEqualTo("array");
            assertThat(bbox.getMinItems()).isEqualTo(4);
            assertThat(bbox.getMaxItems()).isEqualTo(6);
            assertThat(bbox.getItems().getType()).isEqualTo("number");

            assertThat(params.get("datetime").getSchema().getType()).isEqualTo("string");
            assertThat(params.get("filter").getSchema().getType()).isEqualTo("string");

            Schema<?> crs = params.get("crs").getSchema();
            assertThat(crs.getType()).isEqualTo("string");
            List<String> crsValues = new ArrayList<>();
            crs.getEnum().forEach(v -> crsValues.add(String.valueOf(v)));
            JsonNode collection = api().get("/ogc/collections/" + id).json();
            List<String> served = new ArrayList<>();
            collection.path("crs").forEach(c -> served.add(c.asString()));
            assertThat(crsValues).as("crs values of %s", id).containsExactlyInAnyOrderElementsOf(served);
        }
    }

    private static Parameter resolve(OpenAPI api, Parameter p) {
        String ref = p.get$ref();
        if (ref == null) {
            return p;
        }
        assertThat(ref).startsWith("#/components/parameters/");
        return api.getComponents().getParameters().get(ref.substring("#/components/parameters/".length()));
    }

    private static void collectRefs(JsonNode node, String pointer, Map<String, String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (e.getKey().equals("$ref")) {
                    refs.put(child, e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), child, refs);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), pointer + "/" + i, refs);
            }
        }
    }
}
