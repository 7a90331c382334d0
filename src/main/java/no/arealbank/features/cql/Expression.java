package no.arealbank.features.cql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.locationtech.jts.geom.Geometry;

/**
 * A parsed CQL2 filter, the same tree whichever encoding it came from ({@link Cql2#parseText},
 * {@link Cql2#parseJson}). Negated forms of the text encoding ({@code NOT LIKE}, {@code NOT BETWEEN}, {@code NOT IN},
 * {@code IS NOT NULL}) become {@link Not} around the positive predicate, as in CQL2 JSON.
 * <p>
 * Properties and literals carry the {@link Location} they were written at, for error messages; locations take no
 * part in equality, so a filter parsed from text equals the same filter parsed from JSON.
 */
public sealed interface Expression {

    /** Conjunction of two or more expressions. */
    record And(List<Expression> args) implements Expression {
        public And {
            args = List.copyOf(args);
        }
    }

    /** Disjunction of two or more expressions. */
    record Or(List<Expression> args) implements Expression {
        public Or {
            args = List.copyOf(args);
        }
    }

    record Not(Expression arg) implements Expression {
        public Not {
            Objects.requireNonNull(arg);
        }
    }

    /** {@code left op right}; operands of the same type (numbers and integers mix). */
    record Comparison(ComparisonOperator operator, Operand left, Operand right) implements Expression {
        public Comparison {
            Objects.requireNonNull(operator);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** {@code value LIKE pattern}: {@code %} any run of characters, {@code _} one character, {@code \} escapes. */
    record Like(Operand value, StringLiteral pattern) implements Expression {
        public Like {
            Objects.requireNonNull(value);
            Objects.requireNonNull(pattern);
        }
    }

    /** {@code value BETWEEN low AND high}, both ends included. */
    record Between(Operand value, Operand low, Operand high) implements Expression {
        public Between {
            Objects.requireNonNull(value);
            Objects.requireNonNull(low);
            Objects.requireNonNull(high);
        }
    }

    record In(Operand value, List<Operand> list) implements Expression {
        public In {
            Objects.requireNonNull(value);
            list = List.copyOf(list);
        }
    }

    record IsNull(Operand value) implements Expression {
        public IsNull {
            Objects.requireNonNull(value);
        }
    }

    /** {@code S_INTERSECTS(left, right)} and the other spatial comparison functions. */
    record Spatial(SpatialFunction function, Operand left, Operand right) implements Expression {
        public Spatial {
            Objects.requireNonNull(function);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    enum ComparisonOperator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        ComparisonOperator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as CQL2 (and SQL) write it. */
        public String symbol() {
            return symbol;
        }
    }

    /** The spatial comparison functions of CQL2 (requirements classes basic-spatial-functions, spatial-functions). */
    enum SpatialFunction {
        S_INTERSECTS, S_EQUALS, S_DISJOINT, S_TOUCHES, S_WITHIN, S_OVERLAPS, S_CROSSES, S_CONTAINS
    }

    /** Something a predicate compares: a property or a literal. */
    sealed interface Operand {
        Location at();
    }

    /** A literal value written in the filter. */
    sealed interface Literal extends Operand {
    }

    /** A reference to a queryable by name. */
    record Property(String name, Location at) implements Operand {
        public Property {
            Objects.requireNonNull(name);
            Objects.requireNonNull(at);
        }

        public Property(String name) {
            this(name, Location.UNKNOWN);
        }
    }

    record StringLiteral(String value, Location at) implements Literal {
        public StringLiteral {
            Objects.requireNonNull(value);
            Objects.requireNonNull(at);
        }

        public StringLiteral(String value) {
            this(value, Location.UNKNOWN);
        }
    }

    /** A number, normalised (no trailing zeros, no negative scale) so that 1.0, 1 and 1E0 are equal. */
    record NumberLiteral(BigDecimal value, Location at) implements Literal {
        public NumberLiteral {
            Objects.requireNonNull(at);
            value = value.stripTrailingZeros();
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
        }

        public NumberLiteral(BigDecimal value) {
            this(value, Location.UNKNOWN);
        }
    }

    /** {@code TRUE} or {@code FALSE}: a value to compare with, or on its own the whole (trivial) filter. */
    record BooleanLiteral(boolean value, Location at) implements Literal, Expression {
        public BooleanLiteral {
            Objects.requireNonNull(at);
        }

        public BooleanLiteral(boolean value) {
            this(value, Location.UNKNOWN);
        }
    }

    /** {@code DATE('2022-04-14')}. */
    record DateLiteral(LocalDate value, Location at) implements Literal {
        public DateLiteral {
            Objects.requireNonNull(value);
            Objects.requireNonNull(at);
        }

        public DateLiteral(LocalDate value) {
            this(value, Location.UNKNOWN);
        }
    }

    /** {@code TIMESTAMP('2022-04-14T14:48:46Z')}. */
    record TimestampLiteral(Instant value, Location at) implements Literal {
        public TimestampLiteral {
            Objects.requireNonNull(value);
            Objects.requireNonNull(at);
        }

        public TimestampLiteral(Instant value) {
            this(value, Location.UNKNOWN);
        }
    }

    /**
     * A WKT (text) or GeoJSON (JSON) geometry, coordinates as written: their CRS and axis order are only known when
     * the filter is translated with its {@link FilterCrs}.
     */
    record GeometryLiteral(Geometry geometry, Location at) implements Literal {
        public GeometryLiteral {
            Objects.requireNonNull(geometry);
            Objects.requireNonNull(at);
        }

        public GeometryLiteral(Geometry geometry) {
            this(geometry, Location.UNKNOWN);
        }
    }

    /** {@code BBOX(minx, miny, maxx, maxy)}, numbers in the axis order of the filter CRS; elevations dropped. */
    record BboxLiteral(double minX, double minY, double maxX, double maxY, Location at) implements Literal {
        public BboxLiteral {
            Objects.requireNonNull(at);
        }

        public BboxLiteral(double minX, double minY, double maxX, double maxY) {
            this(minX, minY, maxX, maxY, Location.UNKNOWN);
        }
    }

    /**
     * Where in the request an operand was written: a character position (0-based) in CQL2 text, or a JSON path such
     * as {@code $.args[0]} in CQL2 JSON. All locations are equal to each other, so they never make two otherwise equal
     * filters differ.
     */
    final class Location {

        /** For trees built in code. */
        public static final Location UNKNOWN = new Location("an unknown location");

        private final String text;

        private Location(String text) {
            this.text = text;
        }

        public static Location position(int index) {
            return new Location("position " + index);
        }

        public static Location jsonPath(String path) {
            return new Location(path);
        }

        /** "position 12" or "$.args[1]", to follow "at" in a message. */
        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Location;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
