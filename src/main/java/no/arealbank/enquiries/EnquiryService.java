package no.arealbank.enquiries;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.arealbank.security.Actor;
import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.InvalidContentException;

import tools.jackson.databind.JsonNode;

/**
 * Enquiry writes, one transaction each. A new enquiry is checked completely (every field, the plot public) before
 * the sender's rate is counted, and any failure rolls back, so a refused request stores nothing. Planners change
 * only status and note, with the version they read (optimistic locking).
 */
@Service
@Transactional(readOnly = true)
class EnquiryService {

    static final Set<String> STATUSES = Set.of("new", "answered", "closed");
    private static final Set<String> PATCHABLE = Set.of("status", "note", "version");
    private static final Pattern CONTROL_EXCEPT_LINES = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

    private final EnquiryRepository enquiries;
    private final EnquiryQueries queries;
    private final EnquiryValidator validator;
    private final EnquiryRateLimiter limiter;

    EnquiryService(EnquiryRepository enquiries, EnquiryQueries queries, EnquiryValidator validator,
            EnquiryRateLimiter limiter) {
        this.enquiries = enquiries;
        this.queries = queries;
        this.validator = validator;
        this.limiter = limiter;
    }

    /** The confirmation a sender gets: no personal data echoed, nothing they could read back later. */
    record Received(long id, Instant receivedAt, String message) {
    }

    @Transactional
    Received submit(EnquiryRequest request, String client, String acceptLanguage) {
        ValidEnquiry valid;
        try {
            valid = validator.validate(request, acceptLanguage);
        } catch (InvalidContentException e) {
            // name the plot too when it is also wrong, so the sender learns everything at once
            List<FieldProblem> problems = new ArrayList<>(e.problems());
            if (request.plotId() != null && request.plotId() > 0
                    && queries.lockPublicPlot(request.plotId()).isEmpty()) {
                problems.add(noPublicPlot(request.plotId()));
            }
            throw new InvalidContentException(problems);
        }
        EnquiryQueries.PublicPlot plot = queries.lockPublicPlot(valid.plotId())
                .orElseThrow(() -> new InvalidContentException(List.of(noPublicPlot(valid.plotId()))));
        Optional<Duration> wait = limiter.tryAcquire(client);
        if (wait.isPresent()) {
            throw EnquiryProblems.tooMany(wait.get());
        }
        try {
            Enquiry enquiry = new Enquiry(valid, Instant.now().truncatedTo(ChronoUnit.MICROS));
            enquiries.saveAndFlush(enquiry);
            return new Received(enquiry.id, enquiry.createdAt, confirmation(valid.language(), plot));
        } catch (RuntimeException e) {
            limiter.release(client);
            throw e;
        }
    }

    /** Status and note as a JSON Merge Patch; {@code If-Match} or a {@code version} member must name the current version. */
    @Transactional
    EnquiryQueries.EnquiryView update(long id, JsonNode patch, String ifMatch, Actor actor) {
        Enquiry enquiry = enquiries.findById(id).orElseThrow(() -> EnquiryProblems.notFound(id));
        if (queries.find(id, actor).isEmpty()) {
            throw EnquiryProblems.notFound(id); // another municipality's enquiry: not disclosed
        }
        if (patch == null || !patch.isObject()) {
            throw new InvalidContentException("", "a JSON object with status and/or note is required");
        }
        requireVersion(enquiry, ifMatch, patch.get("version"));
        List<FieldProblem> problems = new ArrayList<>();
        patch.propertyNames().stream().filter(n -> !PATCHABLE.contains(n))
                .forEach(n -> problems.add(new FieldProblem("/" + n.replace("~", "~0").replace("/", "~1"),
                        "unknown property; only status and note can be changed")));
        String status = enquiry.status;
        if (patch.has("status")) {
            JsonNode s = patch.get("status");
            if (!s.isString() || !STATUSES.contains(s.stringValue())) {
                problems.add(new FieldProblem("/status", "one of new, answered, closed"));
            } else {
                status = s.stringValue();
            }
        }
        String note = enquiry.note;
        if (patch.has("note")) {
            JsonNode n = patch.get("note");
            if (n.isNull()) {
                note = null;
            } else if (!n.isString()) {
                problems.add(new FieldProblem("/note", "a text or null"));
            } else if (n.stringValue().codePointCount(0, n.stringValue().length()) > EnquiryValidator.MAX_MESSAGE) {
                problems.add(new FieldProblem("/note", "at most " + EnquiryValidator.MAX_MESSAGE + " characters"));
            } else if (CONTROL_EXCEPT_LINES.matcher(n.stringValue()).find()) {
                problems.add(new FieldProblem("/note", "must not contain control characters other than line breaks and tabs"));
            } else {
                note = n.stringValue().isBlank() ? null : n.stringValue().strip();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidContentException(problems);
        }
        if (!status.equals(enquiry.status) || !java.util.Objects.equals(note, enquiry.note)) {
            enquiry.status = status;
            enquiry.note = note;
            enquiry.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            enquiry.updatedBy = actor.username();
            enquiries.saveAndFlush(enquiry);
        }
        return queries.find(id, actor).orElseThrow(() -> EnquiryProblems.notFound(id));
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    private static void requireVersion(Enquiry enquiry, String ifMatch, JsonNode versionMember) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            if (!ifMatch.trim().equals("*") && java.util.Arrays.stream(ifMatch.split(",")).map(String::trim)
                    .noneMatch(etag(enquiry.version)::equals)) {
                throw EnquiryProblems.stale(enquiry.version);
            }
        } else if (versionMember == null || versionMember.isNull()) {
            throw EnquiryProblems.preconditionRequired();
        }
        if (versionMember != null && !versionMember.isNull()) {
            if (!versionMember.isIntegralNumber() || !versionMember.canConvertToInt()) {
                throw new InvalidContentException("/version", "the version you read, a whole number");
            }
            if (versionMember.intValue() != enquiry.version) {
                throw EnquiryProblems.stale(enquiry.version);
            }
        }
    }

    private static FieldProblem noPublicPlot(long plotId) {
        return new FieldProblem("/plotId", "no published plot with id " + plotId);
    }

    private static String confirmation(String language, EnquiryQueries.PublicPlot plot) {
        String lang = language == null ? "nn" : language;
        Map<String, String> texts = Map.of(
                "nn", "Takk! Førespurnaden din om «%s» er send til %s kommune, som svarar deg på e-post.",
                "nb", "Takk! Henvendelsen din om «%s» er sendt til %s kommune, som svarer deg på e-post.",
                "en", "Thank you. Your enquiry about “%s” has been sent to %s municipality, who will reply by e-mail.");
        return texts.get(lang).formatted(plot.name(), plot.municipalityName());
    }
}
