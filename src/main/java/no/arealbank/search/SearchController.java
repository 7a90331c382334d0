package no.arealbank.search;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.arealbank.reference.ReferenceData;
import no.arealbank.shared.BadParameterException;

/** {@code GET /api/search?q=...&limit=8}: suggestions for the map page's search box, best first. */
@RestController
class SearchController {

    private static final Set<String> PARAMETERS = Set.of("q", "limit");

    private final SearchSuggestions suggestions;
    private final ReferenceData reference;
    private final SearchSettings settings;

    SearchController(SearchSuggestions suggestions, ReferenceData reference, SearchSettings settings) {
        this.suggestions = suggestions;
        this.reference = reference;
        this.settings = settings;
    }

    record Results(List<SearchSuggestions.Suggestion> results) {
    }

    @GetMapping(path = "/api/search", produces = MediaType.APPLICATION_JSON_VALUE)
    Results search(@RequestParam Map<String, String> params) {
        params.keySet().stream().filter(p -> !PARAMETERS.contains(p)).findFirst().ifPresent(p -> {
            throw new BadParameterException("?" + p, "unknown parameter");
        });
        String q = params.get("q") == null ? "" : params.get("q").strip();
        if (q.isEmpty()) {
            throw new BadParameterException("?q", "required: a place, municipality, plot name, gnr/bnr or plan id");
        }
        if (q.codePointCount(0, q.length()) > settings.maxQueryLength()) {
            throw new BadParameterException("?q", "at most " + settings.maxQueryLength() + " characters");
        }
        if (q.indexOf('\0') >= 0) {
            throw new BadParameterException("?q", "must not contain NUL");
        }
        int limit = settings.defaultLimit();
        String limitParam = params.get("limit");
        if (limitParam != null && !limitParam.isBlank()) {
            try {
                limit = Integer.parseInt(limitParam.trim());
            } catch (NumberFormatException e) {
                throw new BadParameterException("?limit", "'" + limitParam + "' is not a whole number");
            }
            if (limit < 1 || limit > settings.maxLimit()) {
                throw new BadParameterException("?limit", "from 1 to " + settings.maxLimit());
            }
        }
        return new Results(suggestions.find(SearchTerms.parse(q, reference::currentMunicipalityNumber), limit));
    }
}
