package no.arealbank.features;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import no.arealbank.shared.SupportedCrs;

/**
 * A parsed, checked items request. Everything that reaches SQL text comes from the collection definition
 * ({@code selected}, {@code sort}, {@code filterSql} built from queryables); every value is in {@code params}.
 * {@code bbox} is lon/lat-ordered already (axis order resolved while parsing).
 */
record ItemsQuery(FeatureCollectionDefinition collection, List<FeatureCollectionDefinition.Property> selected,
        double[] bbox, SupportedCrs bboxCrs, Instant from, Instant to, String filterSql, Map<String, Object> filterParams,
        List<SortKey> sort, int limit, int offset, SupportedCrs crs) {

    record SortKey(FeatureCollectionDefinition.Property property, boolean descending) {
    }
}
