package no.arealbank.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import no.arealbank.features.FeatureCollectionDefinition.Property;
import no.arealbank.features.cql.Cql2;
import no.arealbank.features.cql.CqlException;
import no.arealbank.features.cql.CqlToSql;
import no.arealbank.features.cql.Expression;
import no.arealbank.features.cql.FilterCrs;
import no.arealbank.features.cql.Queryable;
import no.arealbank.features.cql.SqlFragment;

/**
 * The CQL2 {@code filter} parameter (Part 3): parsed by the generated CQL2 grammar (text) or the JSON parser,
 * checked against the collection's queryables and translated to SQL with bound values.
 */
@Component
class CqlFilters {

    /** The name filters use for a collection's geometry, as listed in its queryables. */
    static final String GEOMETRY = "geometry";

    private final Map<String, CqlToSql> translators = new ConcurrentHashMap<>();

    FilterTranslator.Translated translate(FeatureCollectionDefinition c, String filter, String lang, String filterCrs) {
        if (filter.isBlank()) {
            throw OgcProblems.invalidParameter("filter", "the filter is empty");
        }
        FilterCrs crs = FilterCrs.of(ItemsParameters.crs(filterCrs, "filter-crs"));
        try {
            Expression expression = switch (lang == null ? "cql2-text" : lang) {
                // "cql-text" is the pre-standard name GDAL 3.6 sends; what it writes is CQL2 text
                case "cql2-text", "cql-text" -> Cql2.parseText(filter);
                case "cql2-json" -> Cql2.parseJson(filter);
                default -> throw OgcProblems.invalidParameter("filter-lang",
                        "unsupported filter language '" + lang + "'; supported: cql2-text, cql2-json");
            };
            SqlFragment sql = translators.computeIfAbsent(c.id(), id -> new CqlToSql(queryables(c)))
                    .translate(expression, crs);
            return new FilterTranslator.Translated(sql.sql(), sql.params());
        } catch (CqlException e) {
            throw OgcProblems.invalidParameter("filter", e.getMessage());
        }
    }

    /** Whether a property can be named in a filter (CQL2 array functions are not offered). */
    static boolean isQueryable(Property p) {
        return p.type() != FeatureCollectionDefinition.Type.STRING_ARRAY;
    }

    private static Map<String, Queryable> queryables(FeatureCollectionDefinition c) {
        Map<String, Queryable> q = new LinkedHashMap<>();
        q.put(GEOMETRY, new Queryable(GEOMETRY, Queryable.Type.GEOMETRY, c.geometry()));
        for (Property p : c.properties()) {
            Queryable.Type type = switch (p.type()) {
                case STRING -> Queryable.Type.STRING;
                case INTEGER -> Queryable.Type.INTEGER;
                case NUMBER -> Queryable.Type.NUMBER;
                case BOOLEAN -> Queryable.Type.BOOLEAN;
                case DATE -> Queryable.Type.DATE;
                case TIMESTAMP -> Queryable.Type.TIMESTAMP;
                case STRING_ARRAY -> null;
            };
            if (type != null) {
                q.put(p.name(), new Queryable(p.name(), type, p.sql()));
            }
        }
        return q;
    }
}
