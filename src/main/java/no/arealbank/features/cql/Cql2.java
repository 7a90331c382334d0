package no.arealbank.features.cql;

/**
 * Parses CQL2 filters (OGC 21-065r2) in either encoding into the same {@link Expression} tree. Supported: Basic CQL2,
 * the advanced comparison operators (LIKE, BETWEEN, IN), the spatial functions with all WKT/GeoJSON geometry types and
 * BBOX, and property-property comparisons. Parsing knows nothing of queryables or CRSs; {@link CqlToSql} checks
 * property names and types.
 */
public final class Cql2 {

    private Cql2() {
    }

    /**
     * Parses the CQL2 text encoding ({@code filter-lang=cql2-text}).
     *
     * @throws CqlException with the character position (0-based) of the first error
     */
    public static Expression parseText(String filter) {
        return TextParser.parse(filter);
    }

    /**
     * Parses the CQL2 JSON encoding ({@code filter-lang=cql2-json}).
     *
     * @throws CqlException with the JSON path of the first error
     */
    public static Expression parseJson(String filter) {
        return JsonParser.parse(filter);
    }
}
