package no.arealbank.features;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import no.arealbank.features.FeatureCollectionDefinition.Property;

/**
 * Turns the filtering parameters of an items request into SQL over the collection's queryables: queryables
 * used as query parameters (equality, Part 3 "queryables-query-parameters") and the CQL2 {@code filter}.
 * Values are always bound; SQL text comes only from the collection definition.
 */
@Component
class FilterTranslator {

    private final CqlFilters cql;

    FilterTranslator(CqlFilters cql) {
        this.cql = cql;
    }

    record Translated(String sql, Map<String, Object> params) {
    }

    Translated translate(FeatureCollectionDefinition c, Map<String, String> p) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, String> e : p.entrySet()) {
            Property prop = c.propertiesByName().get(e.getKey());
            if (OgcApi.ITEMS_PARAMETERS.contains(e.getKey()) || !ItemsParameters.isQueryParameter(prop)) {
                continue;
            }
            String name = "qp" + i++;
            clauses.add(prop.sql() + " = :" + name);
            params.put(name, value(prop, e.getValue()));
        }
        if (p.containsKey("filter")) {
            Translated f = cql.translate(c, p.get("filter"), p.get("filter-lang"), p.get("filter-crs"));
            clauses.add("(" + f.sql() + ")");
            params.putAll(f.params());
        } else if (p.containsKey("filter-lang") || p.containsKey("filter-crs")) {
            String which = p.containsKey("filter-lang") ? "filter-lang" : "filter-crs";
            throw OgcProblems.invalidParameter(which, "only meaningful together with 'filter'");
        }
        return new Translated(clauses.isEmpty() ? null : String.join(" AND ", clauses), params);
    }

    private static Object value(Property prop, String v) {
        try {
            return switch (prop.type()) {
                case STRING -> v;
                case INTEGER -> Long.parseLong(v.trim());
                case NUMBER -> new BigDecimal(v.trim());
                case BOOLEAN -> switch (v.trim()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException();
                };
                case DATE -> LocalDate.parse(v.trim());
                case TIMESTAMP -> Timestamp.from(OffsetDateTime.parse(v.trim()).toInstant());
                case STRING_ARRAY -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw OgcProblems.invalidParameter(prop.name(), "'" + v + "' is not a valid " + prop.type().name().toLowerCase());
        }
    }
}
