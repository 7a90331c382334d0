package no.arealbank.features.cql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import no.arealbank.features.cql.Expression.Location;

/** What both encodings share when they read literals: dates, timestamps, geometry checks, unsupported functions. */
final class Literals {

    /** Literals carry no SRID: the filter CRS is applied when the filter is translated. */
    static final GeometryFactory GEOMETRY_FACTORY = new GeometryFactory();

    private Literals() {
    }

    static LocalDate date(String value, Location at) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CqlException("invalid date '" + value + "' at " + at + ": expected YYYY-MM-DD");
        }
    }

    /** RFC 3339 with a UTC designator or an offset; CQL2 text writes {@code Z}, CQL2 JSON allows any offset. */
    static Instant timestamp(String value, Location at) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CqlException("invalid timestamp '" + value + "' at " + at + ": expected YYYY-MM-DDThh:mm:ssZ");
        }
    }

    /**
     * Refuses geometries PostGIS could not evaluate reliably (self-intersecting rings, rings with too few points),
     * with the place JTS found the problem.
     */
    static Geometry checkValid(Geometry g, Location at) {
        IsValidOp op = new IsValidOp(g);
        TopologyValidationError error = op.getValidationError();
        if (error != null) {
            throw new CqlException("invalid " + g.getGeometryType().toUpperCase(Locale.ROOT) + " at " + at
                    + ": " + error.getMessage().toLowerCase(Locale.ROOT) + " near ("
                    + error.getCoordinate().x + " " + error.getCoordinate().y + ")");
        }
        return g;
    }

    /** Names the conformance class a known CQL2 function belongs to, so the client learns what is missing. */
    static String unsupportedFunction(String name, String upper, String where) {
        String why;
        if (upper.equals("CASEI") || upper.equals("ACCENTI")) {
            why = "case- and accent-insensitive comparison is not supported";
        } else if (upper.startsWith("T_") || upper.equals("INTERVAL")) {
            why = "temporal functions are not supported; compare dates and timestamps with =, <, >, BETWEEN";
        } else if (upper.startsWith("A_")) {
            why = "array functions are not supported";
        } else if (upper.startsWith("S_")) {
            why = "it is not a CQL2 spatial function; use S_INTERSECTS, S_EQUALS, S_DISJOINT, S_TOUCHES, S_WITHIN, "
                    + "S_OVERLAPS, S_CROSSES or S_CONTAINS";
        } else {
            why = "no functions are offered";
        }
        return "unsupported function '" + name + "' at " + where + ": " + why;
    }
}
