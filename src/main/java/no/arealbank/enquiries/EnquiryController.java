package no.arealbank.enquiries;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.arealbank.reference.ReferenceData;
import no.arealbank.security.Actor;
import no.arealbank.security.CurrentActor;
import no.arealbank.shared.BadParameterException;

import tools.jackson.databind.JsonNode;

/**
 * HTTP for {@code /api/enquiries}. Anyone may send one (rate-limited per client address); only planners of the
 * plot's municipality and regional admins read and handle them (the security filter lets only planners past
 * for everything but the POST). Answers are never cached.
 */
@RestController
@RequestMapping("/api/enquiries")
class EnquiryController {

    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Set<String> LIST_PARAMETERS = Set.of("status", "plotId", "municipality", "limit", "offset");

    private final EnquiryService service;
    private final EnquiryQueries queries;
    private final CurrentActor currentActor;
    private final ReferenceData reference;
    private final EnquirySettings settings;
    private final EnquiryPrivacy privacy;

    EnquiryController(EnquiryService service, EnquiryQueries queries, CurrentActor currentActor,
            ReferenceData reference, EnquirySettings settings, EnquiryPrivacy privacy) {
        this.privacy = privacy;
        this.service = service;
        this.queries = queries;
        this.currentActor = currentActor;
        this.reference = reference;
        this.settings = settings;
    }

    /**
     * 201 with a confirmation only: no Location, since the sender cannot read the enquiry back. The client address
     * is the request's remote address as Spring's forward-headers strategy resolves it.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnquiryService.Received> submit(@RequestBody EnquiryRequest request, HttpServletRequest http,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        EnquiryService.Received received = service.submit(request, http.getRemoteAddr(), acceptLanguage);
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(received);
    }

    record InboxPage(long numberMatched, int numberReturned, List<EnquiryQueries.EnquiryView> enquiries) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InboxPage> list(@RequestParam Map<String, String> params) {
        EnquiryQueries.Page page = queries.list(filter(params), actor());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new InboxPage(page.matched(), page.enquiries().size(), page.enquiries()));
    }

    /**
     * The inbox as CSV for Excel (semicolons, UTF-8 with BOM), with the list's filters; {@code limit} and
     * {@code offset} are accepted so the page can pass its query on, but the export holds every match.
     */
    @GetMapping("/export.csv")
    void exportCsv(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        EnquiryQueries.Filter filter = filter(params);
        privacy.csv(filter, actor(), () -> {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("arealbank-enquiries-" + LocalDate.now(NORWAY).format(DateTimeFormatter.BASIC_ISO_DATE)
                            + ".csv")
                    .build().toString());
            return response.getOutputStream();
        });
    }

    /** A data subject's access request: everything held about the address, within the reader's municipalities. */
    @GetMapping(path = "/personal-data", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnquiryPrivacy.PersonalData> personalData(@RequestParam(required = false) String email) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(privacy.personalData(email, actor()));
    }

    /** A data subject's erasure request: hard-deletes the address's enquiries within the actor's municipalities. */
    @DeleteMapping(path = "/personal-data", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnquiryPrivacy.Erased> erase(@RequestParam(required = false) String email) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(privacy.erase(email, actor()));
    }

    /** The inbox filter of the list and the export; paging is bounded by the settings. */
    private EnquiryQueries.Filter filter(Map<String, String> params) {
        params.keySet().stream().filter(p -> !LIST_PARAMETERS.contains(p)).findFirst().ifPresent(p -> {
            throw new BadParameterException("?" + p, "unknown parameter");
        });
        List<String> statuses = null;
        if (params.get("status") != null && !params.get("status").isBlank()) {
            statuses = Arrays.stream(params.get("status").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toList();
            statuses.stream().filter(s -> !EnquiryService.STATUSES.contains(s)).findFirst().ifPresent(s -> {
                throw new BadParameterException("?status", "'" + s + "' is not one of answered, closed, new");
            });
        }
        Long plotId = whole(params.get("plotId"), "?plotId", 1);
        String municipality = null;
        if (params.get("municipality") != null && !params.get("municipality").isBlank()) {
            String m = params.get("municipality").trim();
            municipality = reference.currentMunicipalityNumber(m).orElseThrow(
                    () -> new BadParameterException("?municipality", "unknown municipality '" + m + "'"));
        }
        Long limitValue = whole(params.get("limit"), "?limit", 1);
        int limit = limitValue == null ? settings.defaultLimit() : (int) Math.min(settings.maxLimit(), limitValue);
        Long offsetValue = whole(params.get("offset"), "?offset", 0);
        int offset = offsetValue == null ? 0 : (int) Math.min(Integer.MAX_VALUE, offsetValue);
        return new EnquiryQueries.Filter(statuses, plotId, municipality, limit, offset);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnquiryQueries.EnquiryView> get(@PathVariable long id) {
        EnquiryQueries.EnquiryView view = queries.find(id, actor()).orElseThrow(() -> EnquiryProblems.notFound(id));
        return one(view);
    }

    @PatchMapping(path = "/{id}", consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnquiryQueries.EnquiryView> update(@PathVariable long id, @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return one(service.update(id, patch, ifMatch, actor()));
    }

    private static ResponseEntity<EnquiryQueries.EnquiryView> one(EnquiryQueries.EnquiryView view) {
        return ResponseEntity.ok().eTag(EnquiryService.etag(view.version())).cacheControl(CacheControl.noStore())
                .body(view);
    }

    /** Only planners get past the security filter here; this turns the principal into an {@link Actor}. */
    private Actor actor() {
        return currentActor.current().orElseThrow(() -> new ErrorResponseException(HttpStatus.UNAUTHORIZED,
                ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Sign in as a planner"), null));
    }

    private static Long whole(String value, String parameter, long min) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < min) {
                throw new BadParameterException(parameter, "must be at least " + min);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadParameterException(parameter, "'" + value + "' is not a whole number");
        }
    }
}
