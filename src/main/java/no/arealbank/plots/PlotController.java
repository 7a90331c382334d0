package no.arealbank.plots;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import no.arealbank.security.Actor;
import no.arealbank.security.CurrentActor;
import no.arealbank.shared.RequestLinks;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.databind.JsonNode;

/** HTTP for {@code /api/plots}: binds and checks parameters, calls {@link PlotService} or {@link PlotQueries}. */
@RestController
@RequestMapping("/api/plots")
class PlotController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final PlotService service;
    private final PlotQueries queries;
    private final CurrentActor currentActor;
    private final PlotFilterParser filters;

    PlotController(PlotService service, PlotQueries queries, CurrentActor currentActor, PlotFilterParser filters) {
        this.service = service;
        this.queries = queries;
        this.currentActor = currentActor;
        this.filters = filters;
    }

    record Link(String href, String rel, String type, String title) {
    }

    record FeatureCollection(String type, long numberMatched, int numberReturned, List<Link> links,
            @JsonRawValue String features) {
    }

    @GetMapping(produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<FeatureCollection> list(@RequestParam Map<String, String> params) {
        SupportedCrs crs = crs(params.get("crs"), "?crs");
        PlotFilter filter = filters.list(params);
        PlotQueries.Page page = queries.list(filter, currentActor.current(), crs);
        List<Link> links = new java.util.ArrayList<>();
        links.add(new Link(RequestLinks.current(Map.of()), "self", "application/geo+json", "this page"));
        if (filter.offset() + page.returned() < page.matched()) {
            links.add(new Link(RequestLinks.current(Map.of("offset", filter.offset() + filter.limit(), "limit",
                    filter.limit())), "next", "application/geo+json", "next page"));
        }
        if (filter.offset() > 0) {
            links.add(new Link(RequestLinks.current(Map.of("offset", Math.max(0, filter.offset() - filter.limit()),
                    "limit", filter.limit())), "prev", "application/geo+json", "previous page"));
        }
        return ResponseEntity.ok().contentType(GEO_JSON).header("Content-Crs", "<" + crs.uri() + ">")
                .body(new FeatureCollection("FeatureCollection", page.matched(), page.returned(), links, page.features()));
    }

    @GetMapping(path = "/{id}", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> get(@PathVariable long id, @RequestParam(name = "crs", required = false) String crsParam,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        SupportedCrs crs = crs(crsParam, "?crs");
        PlotQueries.PlotRow row = queries.find(id, crs).orElseThrow(() -> PlotProblems.notFound(id));
        if ((!row.published() || row.archived())
                && !currentActor.current().map(a -> a.maySeeDrafts(row.municipalityNumber())).orElse(false)) {
            throw PlotProblems.notFound(id);
        }
        String etag = etag(row.version());
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::trim).anyMatch(etag::equals)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return feature(ResponseEntity.ok(), row, crs);
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/geo+json"},
            produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> create(@RequestBody PlotRequest request,
            @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
            @RequestParam(name = "crs", required = false) String crsParam) {
        SupportedCrs out = crs(crsParam, "?crs");
        PlotService.Written w = service.create(request, inputCrs(contentCrs, out), actor());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").replaceQuery(null)
                .buildAndExpand(w.id()).toUri();
        return feature(ResponseEntity.created(location), row(w.id(), out), out);
    }

    @PutMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/geo+json"},
            produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> replace(@PathVariable long id, @RequestBody PlotRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
            @RequestParam(name = "crs", required = false) String crsParam) {
        SupportedCrs out = crs(crsParam, "?crs");
        PlotService.Written w = service.replace(id, request, inputCrs(contentCrs, out), ifMatch, actor());
        return feature(ResponseEntity.ok(), row(w.id(), out), out);
    }

    @PatchMapping(path = "/{id}", consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE},
            produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> patch(@PathVariable long id, @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
            @RequestParam(name = "crs", required = false) String crsParam) {
        SupportedCrs out = crs(crsParam, "?crs");
        PlotService.Written w = service.patch(id, patch, inputCrs(contentCrs, out), ifMatch, actor());
        return feature(ResponseEntity.ok(), row(w.id(), out), out);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> archive(@PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        service.archive(id, ifMatch, actor());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/restore", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> unarchive(@PathVariable long id) {
        PlotService.Written w = service.unarchive(id, actor());
        return feature(ResponseEntity.ok(), row(w.id(), SupportedCrs.CRS84), SupportedCrs.CRS84);
    }

    /** Each entry with a field diff; snapshot geometries in {@code ?crs} (CRS84 unless asked otherwise). */
    @GetMapping(path = "/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    List<PlotHistory.Entry> history(@PathVariable long id,
            @RequestParam(name = "crs", required = false) String crsParam) {
        return service.history(id, crs(crsParam, "?crs"), actor());
    }

    // --- planner workspace ---

    @PostMapping(path = "/bulk", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    WorkspaceRequests.BulkResult bulk(@RequestBody WorkspaceRequests.Bulk request) {
        return service.bulk(request, actor());
    }

    /** 201 with the new plots as a FeatureCollection (largest piece first). */
    @PostMapping(path = "/{id}/split", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/geo+json"},
            produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<FeatureCollection> split(@PathVariable long id, @RequestBody WorkspaceRequests.Split request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
            @RequestParam(name = "crs", required = false) String crsParam) {
        SupportedCrs out = crs(crsParam, "?crs");
        List<Long> ids = service.split(id, request, inputCrs(contentCrs, out), ifMatch, actor());
        String features = queries.features(ids, out);
        return ResponseEntity.status(HttpStatus.CREATED).contentType(GEO_JSON).header("Content-Crs", "<" + out.uri() + ">")
                .body(new FeatureCollection("FeatureCollection", ids.size(), ids.size(), List.of(), features));
    }

    /** 201 with the merged plot, its Location and ETag. */
    @PostMapping(path = "/merge", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> merge(@RequestBody WorkspaceRequests.Merge request,
            @RequestParam(name = "crs", required = false) String crsParam) {
        SupportedCrs out = crs(crsParam, "?crs");
        long merged = service.merge(request, actor());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/plots/{id}")
                .buildAndExpand(merged).toUri();
        return feature(ResponseEntity.created(location), row(merged, out), out);
    }

    @PostMapping(path = "/{id}/history/{version}/restore",
            produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> restoreVersion(@PathVariable long id, @PathVariable int version,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        PlotService.Written w = service.restoreVersion(id, version, ifMatch, actor());
        return feature(ResponseEntity.ok(), row(w.id(), SupportedCrs.CRS84), SupportedCrs.CRS84);
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    private ResponseEntity<String> feature(ResponseEntity.BodyBuilder builder, PlotQueries.PlotRow row, SupportedCrs crs) {
        return builder.contentType(GEO_JSON).eTag(etag(row.version()))
                .header("Content-Crs", "<" + crs.uri() + ">").body(row.feature());
    }

    private PlotQueries.PlotRow row(long id, SupportedCrs crs) {
        return queries.find(id, crs).orElseThrow(() -> PlotProblems.notFound(id));
    }

    /** Writes pass the security filter only when signed in; this turns the principal into an {@link Actor}. */
    private Actor actor() {
        return currentActor.current().orElseThrow(() -> new ErrorResponseException(HttpStatus.UNAUTHORIZED,
                ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Sign in as a planner"), null));
    }

    private static SupportedCrs crs(String value, String parameter) {
        return PlotFilterParser.crs(value, parameter);
    }

    private static SupportedCrs inputCrs(String contentCrs, SupportedCrs fallback) {
        return contentCrs == null || contentCrs.isBlank() ? fallback : crs(contentCrs, "Content-Crs");
    }
}
