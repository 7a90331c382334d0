package no.arealbank.plots;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.springframework.web.util.UriComponentsBuilder;

import no.arealbank.audit.ChangeHistory;
import no.arealbank.reference.ReferenceData;
import no.arealbank.security.Actor;
import no.arealbank.security.CurrentActor;
import no.arealbank.shared.BadParameterException;
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
    private final ReferenceData reference;
    private final PlotSettings settings;

    PlotController(PlotService service, PlotQueries queries, CurrentActor currentActor, ReferenceData reference,
            PlotSettings settings) {
        this.service = service;
        this.queries = queries;
        this.currentActor = currentActor;
        this.reference = reference;
        this.settings = settings;
    }

    record Link(String href, String rel, String type, String title) {
    }

    record FeatureCollection(String type, long numberMatched, int numberReturned, List<Link> links,
            @JsonRawValue String features) {
    }

    @GetMapping(produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<FeatureCollection> list(@RequestParam Map<String, String> params) {
        SupportedCrs crs = crs(params.get("crs"), "?crs");
        PlotFilter filter = filter(params);
        PlotQueries.Page page = queries.list(filter, currentActor.current(), crs);
        List<Link> links = new java.util.ArrayList<>();
        UriComponentsBuilder self = ServletUriComponentsBuilder.fromCurrentRequest();
        links.add(new Link(self.toUriString(), "self", "application/geo+json", "this page"));
        if (filter.offset() + page.returned() < page.matched()) {
            links.add(new Link(self.cloneBuilder().replaceQueryParam("offset", filter.offset() + filter.limit())
                    .replaceQueryParam("limit", filter.limit()).toUriString(), "next", "application/geo+json", "next page"));
        }
        if (filter.offset() > 0) {
            links.add(new Link(self.cloneBuilder().replaceQueryParam("offset", Math.max(0, filter.offset() - filter.limit()))
                    .replaceQueryParam("limit", filter.limit()).toUriString(), "prev", "application/geo+json", "previous page"));
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

    @GetMapping(path = "/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ChangeHistory.Entry> history(@PathVariable long id) {
        return service.history(id, actor());
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
        if (value == null || value.isBlank()) {
            return SupportedCrs.CRS84;
        }
        return SupportedCrs.parse(value).orElseThrow(() -> new BadParameterException(parameter,
                "unsupported CRS '" + value + "', use one of " + SupportedCrs.uris()));
    }

    private static SupportedCrs inputCrs(String contentCrs, SupportedCrs fallback) {
        return contentCrs == null || contentCrs.isBlank() ? fallback : crs(contentCrs, "Content-Crs");
    }

    private PlotFilter filter(Map<String, String> p) {
        Map<String, String> known = new LinkedHashMap<>(p);
        List.of("municipality", "purpose", "allowedUse", "permanentResidence", "availability", "status", "minArea",
                "maxArea", "maxPrice", "bbox", "bbox-crs", "crs", "sort", "limit", "offset", "f").forEach(known::remove);
        if (!known.isEmpty()) {
            String name = known.keySet().iterator().next();
            throw new BadParameterException("?" + name, "unknown parameter");
        }
        List<String> municipalities = list(p.get("municipality"));
        if (municipalities != null) {
            municipalities = municipalities.stream().map(m -> reference.currentMunicipalityNumber(m)
                    .orElseThrow(() -> new BadParameterException("?municipality", "unknown municipality '" + m + "'")))
                    .toList();
        }
        List<String> purposes = checked(list(p.get("purpose")), PlotValidator.PURPOSES, "?purpose");
        List<String> uses = list(p.get("allowedUse"));
        if (uses != null) {
            uses.stream().filter(u -> !reference.isAllowedUse(u)).findFirst().ifPresent(u -> {
                throw new BadParameterException("?allowedUse", "unknown use '" + u + "'");
            });
        }
        String availabilityParam = p.getOrDefault("availability", p.get("status"));
        List<String> availability = checked(list(availabilityParam), PlotValidator.AVAILABILITY,
                p.containsKey("availability") ? "?availability" : "?status");
        Boolean permanent = bool(p.get("permanentResidence"), "?permanentResidence");
        Double minArea = number(p.get("minArea"), "?minArea");
        Double maxArea = number(p.get("maxArea"), "?maxArea");
        Double maxPriceValue = number(p.get("maxPrice"), "?maxPrice");
        BigDecimal maxPrice = maxPriceValue == null ? null : BigDecimal.valueOf(maxPriceValue);
        double[] bbox = bbox(p.get("bbox"));
        SupportedCrs bboxCrs = crs(p.get("bbox-crs"), "?bbox-crs");
        PlotFilter.Sort sort = PlotFilter.Sort.parse(p.get("sort"));
        if (sort == null) {
            throw new BadParameterException("?sort", "one of id, area, -area, price, -price, name");
        }
        Double limitValue = number(p.get("limit"), "?limit");
        int limit = limitValue == null ? settings.defaultLimit() : (int) Math.min(settings.maxLimit(), limitValue);
        if (limit < 1) {
            throw new BadParameterException("?limit", "must be at least 1");
        }
        Double offsetValue = number(p.get("offset"), "?offset");
        int offset = offsetValue == null ? 0 : offsetValue.intValue();
        return new PlotFilter(municipalities, purposes, uses, permanent, availability, minArea, maxArea, maxPrice,
                bbox, bboxCrs, sort, limit, offset);
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> checked(List<String> values, java.util.Set<String> allowed, String parameter) {
        if (values != null) {
            values.stream().filter(v -> !allowed.contains(v)).findFirst().ifPresent(v -> {
                throw new BadParameterException(parameter, "'" + v + "' is not one of " + allowed.stream().sorted().toList());
            });
        }
        return values;
    }

    private static Boolean bool(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameterException(parameter, "must be true or false");
        };
    }

    private static Double number(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d) || d < 0) {
                throw new BadParameterException(parameter, "must be a non-negative number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadParameterException(parameter, "'" + value + "' is not a number");
        }
    }

    private static double[] bbox(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.split(",");
        if (parts.length != 4) {
            throw new BadParameterException("?bbox", "four numbers: minx,miny,maxx,maxy");
        }
        double[] b = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i].trim());
                if (!Double.isFinite(b[i])) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new BadParameterException("?bbox", "four numbers: minx,miny,maxx,maxy");
        }
        if (b[0] > b[2] || b[1] > b[3]) {
            throw new BadParameterException("?bbox", "min must not exceed max");
        }
        return b;
    }

}
