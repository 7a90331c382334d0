package no.arealbank.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OGC collection as the server defines it: trusted SQL fragments chosen at start, never from a request.
 * {@code from} names the main table with alias and joins; {@code visible} is the public-view predicate (drafts,
 * archived plots and enquiries never appear); {@code geometry} is the EPSG:25832 column.
 */
record FeatureCollectionDefinition(String id, String title, String description, String from, String idSql,
        boolean numericId, String geometry, String updatedAt, String visible, List<Property> properties) {

    /** A returned and queryable property: name in JSON, JSON-schema-ish type, SQL expression. */
    record Property(String name, Type type, String sql, String title) {
    }

    enum Type {
        STRING("string", null), INTEGER("integer", null), NUMBER("number", null), BOOLEAN("boolean", null),
        DATE("string", "date"), TIMESTAMP("string", "date-time"), STRING_ARRAY("array", null);

        final String jsonType;
        final String format;

        Type(String jsonType, String format) {
            this.jsonType = jsonType;
            this.format = format;
        }
    }

    Map<String, Property> propertiesByName() {
        Map<String, Property> m = new LinkedHashMap<>();
        properties.forEach(p -> m.put(p.name(), p));
        return m;
    }
}
