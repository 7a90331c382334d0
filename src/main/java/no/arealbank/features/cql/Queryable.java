package no.arealbank.features.cql;

import java.util.Objects;

/**
 * A property a filter may name, as the server defines it.
 *
 * @param name the name used in filters (case-sensitive)
 * @param type what values it holds, which decides the literals and operators it accepts
 * @param sql  a trusted SQL expression chosen by the server, e.g. {@code p.area_m2}; never from a request.
 *             A {@link Type#GEOMETRY} expression must be in the storage CRS (EPSG:25832) and is used as it is, so a
 *             spatial index on it applies.
 */
public record Queryable(String name, Type type, String sql) {

    public Queryable {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("queryable '" + name + "' needs an SQL expression");
        }
    }

    public enum Type {
        STRING, NUMBER, INTEGER, BOOLEAN, DATE, TIMESTAMP, GEOMETRY
    }
}
