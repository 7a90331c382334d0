package no.arealbank.features.cql;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import no.arealbank.features.cql.Expression.And;
import no.arealbank.features.cql.Expression.BboxLiteral;
import no.arealbank.features.cql.Expression.Between;
import no.arealbank.features.cql.Expression.BooleanLiteral;
import no.arealbank.features.cql.Expression.Comparison;
import no.arealbank.features.cql.Expression.DateLiteral;
import no.arealbank.features.cql.Expression.GeometryLiteral;
import no.arealbank.features.cql.Expression.In;
import no.arealbank.features.cql.Expression.IsNull;
import no.arealbank.features.cql.Expression.Like;
import no.arealbank.features.cql.Expression.Literal;
import no.arealbank.features.cql.Expression.Not;
import no.arealbank.features.cql.Expression.NumberLiteral;
import no.arealbank.features.cql.Expression.Operand;
import no.arealbank.features.cql.Expression.Or;
import no.arealbank.features.cql.Expression.Property;
import no.arealbank.features.cql.Expression.Spatial;
import no.arealbank.features.cql.Expression.SpatialFunction;
import no.arealbank.features.cql.Expression.StringLiteral;
import no.arealbank.features.cql.Expression.TimestampLiteral;

/**
 * Translates a parsed filter into a PostgreSQL/PostGIS boolean expression over a fixed set of queryables.
 * <ul>
 * <li>Every literal is a bound parameter ({@code :cql0}, {@code :cql1}, ...); SQL text comes only from the queryables,
 * so nothing from the request reaches it.</li>
 * <li>Properties resolve through the queryables map only; unknown names and operands of the wrong type are refused
 * with a {@link CqlException} that says where they were written.</li>
 * <li>Spatial literals are bound as WKB in the filter CRS and transformed to EPSG:25832 in SQL; the geometry
 * column is never transformed, so its GiST index serves the spatial functions.</li>
 * </ul>
 * Thread-safe; build one per collection at start.
 */
public final class CqlToSql {

    /** An SQL expression that can take an operator without parentheses: a column, possibly qualified. */
    private static final Pattern SIMPLE_SQL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final Map<String, Queryable> queryables;

    /** @param queryables by the name filters use; their order is the order error messages list them in */
    public CqlToSql(Map<String, Queryable> queryables) {
        this.queryables = new LinkedHashMap<>(queryables);
    }

    /**
     * @param crs the CRS of the filter's spatial literals ({@code filter-crs}), {@link FilterCrs#DEFAULT} if none
     * @throws CqlException for an unknown property, operands of the wrong type, or a spatial literal outside the CRS
     */
    public SqlFragment translate(Expression filter, FilterCrs crs) {
        Translation t = new Translation(crs);
        String sql = t.expression(filter);
        return new SqlFragment(sql, t.params);
    }

    /** Value kinds that can be compared with each other: INTEGER and NUMBER are one kind. */
    private enum Kind {
        STRING, NUMBER, BOOLEAN, DATE, TIMESTAMP, GEOMETRY;

        static Kind of(Queryable.Type type) {
            return switch (type) {
                case STRING -> STRING;
                case NUMBER, INTEGER -> NUMBER;
                case BOOLEAN -> BOOLEAN;
                case DATE -> DATE;
                case TIMESTAMP -> TIMESTAMP;
                case GEOMETRY -> GEOMETRY;
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One translation: the parameters bound so far. */
    private final class Translation {

        private final FilterCrs crs;
        private final Map<String, Object> params = new LinkedHashMap<>();

        Translation(FilterCrs crs) {
            this.crs = crs;
        }

        String expression(Expression e) {
            if (e instanceof And a) {
                return a.args().stream().map(this::expression).collect(Collectors.joining(" AND ", "(", ")"));
            }
            if (e instanceof Or o) {
                return o.args().stream().map(this::expression).collect(Collectors.joining(" OR ", "(", ")"));
            }
            if (e instanceof Not n) {
                return "NOT (" + expression(n.arg()) + ")";
            }
            if (e instanceof BooleanLiteral b) {
                return bind(b.value());
            }
            if (e instanceof Comparison c) {
                Kind left = kind(c.left());
                Kind right = kind(c.right());
                requireComparable(c.left(), left, c.right(), right);
                return sql(c.left(), right) + " " + c.operator().symbol() + " " + sql(c.right(), left);
            }
            if (e instanceof Like l) {
                Kind kind = kind(l.value());
                if (kind != Kind.STRING) {
                    throw new CqlException("LIKE needs a string, but " + describe(l.value()) + " is a " + kind.label());
                }
                return sql(l.value(), Kind.STRING) + " LIKE " + bind(likePattern(l.pattern().value()));
            }
            if (e instanceof Between b) {
                Kind kind = kind(b.value());
                if (kind != Kind.NUMBER && kind != Kind.DATE && kind != Kind.TIMESTAMP) {
                    throw new CqlException("BETWEEN needs a number, date or timestamp, but " + describe(b.value())
                            + " is a " + kind.label());
                }
                Kind low = kind(b.low());
                Kind high = kind(b.high());
                requireComparable(b.value(), kind, b.low(), low);
                requireComparable(b.value(), kind, b.high(), high);
                return sql(b.value(), kind) + " BETWEEN " + sql(b.low(), kind) + " AND " + sql(b.high(), kind);
            }
            if (e instanceof In in) {
                Kind kind = kind(in.value());
                Kind valueAs = kind;
                for (Operand item : in.list()) {
                    Kind itemKind = kind(item);
                    requireComparable(in.value(), kind, item, itemKind);
                    if (itemKind == Kind.DATE || itemKind == Kind.TIMESTAMP) {
                        valueAs = itemKind; // a string literal on the left is then read as one
                    }
                }
                return sql(in.value(), valueAs) + " IN ("
                        + in.list().stream().map(item -> sql(item, kind)).collect(Collectors.joining(", ")) + ")";
            }
            if (e instanceof IsNull n) {
                return sql(n.value(), kind(n.value())) + " IS NULL";
            }
            Spatial s = (Spatial) e;
            for (Operand o : List.of(s.left(), s.right())) {
                Kind kind = kind(o);
                if (kind != Kind.GEOMETRY) {
                    throw new CqlException(s.function() + " needs geometries, but " + describe(o) + " is a "
                            + kind.label());
                }
            }
            return function(s.function()) + "(" + sql(s.left(), Kind.GEOMETRY) + ", " + sql(s.right(), Kind.GEOMETRY)
                    + ")";
        }

        private Kind kind(Operand o) {
            if (o instanceof Property p) {
                return Kind.of(queryable(p).type());
            }
            if (o instanceof StringLiteral) {
                return Kind.STRING;
            }
            if (o instanceof NumberLiteral) {
                return Kind.NUMBER;
            }
            if (o instanceof BooleanLiteral) {
                return Kind.BOOLEAN;
            }
            if (o instanceof DateLiteral) {
                return Kind.DATE;
            }
            if (o instanceof TimestampLiteral) {
                return Kind.TIMESTAMP;
            }
            return Kind.GEOMETRY;
        }

        /**
         * CQL2 compares values of one type (/req/basic-cql2/binary-comparison-predicate D). A string literal next to
         * a date or timestamp is read as one (/per/basic-cql2/type-casts), as the advanced-comparison-operators
         * tests write {@code "date" IN ('2022-04-14', ...)}.
         */
        private void requireComparable(Operand a, Kind ka, Operand b, Kind kb) {
            if (ka == Kind.GEOMETRY || kb == Kind.GEOMETRY) {
                Operand g = ka == Kind.GEOMETRY ? a : b;
                throw new CqlException(describe(g) + " is a geometry; compare geometries with a spatial function "
                        + "such as S_EQUALS or S_INTERSECTS");
            }
            boolean castable = (ka == Kind.DATE || ka == Kind.TIMESTAMP) && b instanceof StringLiteral
                    || (kb == Kind.DATE || kb == Kind.TIMESTAMP) && a instanceof StringLiteral;
            if (ka != kb && !castable) {
                throw new CqlException("cannot compare " + describe(a) + " with " + describe(b) + ": a " + ka.label()
                        + " is only comparable with a " + ka.label());
            }
        }

        /** The SQL for an operand; {@code other} is the kind it is compared with, for casting string literals. */
        private String sql(Operand o, Kind other) {
            if (o instanceof Property p) {
                String sql = queryable(p).sql().trim();
                return SIMPLE_SQL.matcher(sql).matches() ? sql : "(" + sql + ")";
            }
            if (o instanceof StringLiteral s) {
                if (other == Kind.DATE) {
                    return bind(Literals.date(s.value(), s.at()));
                }
                if (other == Kind.TIMESTAMP) {
                    return bind(OffsetDateTime.ofInstant(Literals.timestamp(s.value(), s.at()), ZoneOffset.UTC));
                }
                return bind(s.value());
            }
            if (o instanceof NumberLiteral n) {
                return bind(number(n.value()));
            }
            if (o instanceof BooleanLiteral b) {
                return bind(b.value());
            }
            if (o instanceof DateLiteral d) {
                return bind(d.value());
            }
            if (o instanceof TimestampLiteral t) {
                return bind(OffsetDateTime.ofInstant(t.value(), ZoneOffset.UTC));
            }
            // transformed here, on the literal's side, so the stored column keeps its index
            return "ST_Transform(ST_SetSRID(ST_GeomFromWKB(" + bind(SpatialLiterals.wkb((Literal) o, crs)) + "), "
                    + bind(crs.srid()) + "), " + SpatialLiterals.STORAGE_SRID + ")";
        }

        private String bind(Object value) {
            String name = "cql" + params.size();
            params.put(name, value);
            return ":" + name;
        }
    }

    private Queryable queryable(Property p) {
        Queryable q = queryables.get(p.name());
        if (q != null) {
            return q;
        }
        String hint = queryables.keySet().stream().filter(n -> n.equalsIgnoreCase(p.name())).findFirst()
                .map(n -> " (names are case-sensitive: did you mean '" + n + "'?)").orElse("");
        throw new CqlException("unknown property '" + p.name() + "' at " + p.at() + hint
                + "; queryable properties are: " + String.join(", ", queryables.keySet()));
    }

    private String describe(Operand o) {
        if (o instanceof Property p) {
            return "property '" + p.name() + "' at " + p.at();
        }
        String what;
        if (o instanceof StringLiteral s) {
            what = "the string '" + (s.value().length() > 40 ? s.value().substring(0, 40) + "…" : s.value()) + "'";
        } else if (o instanceof NumberLiteral n) {
            what = "the number " + n.value().toPlainString();
        } else if (o instanceof BooleanLiteral b) {
            what = "the boolean " + String.valueOf(b.value()).toUpperCase(Locale.ROOT);
        } else if (o instanceof DateLiteral d) {
            what = "the date " + d.value();
        } else if (o instanceof TimestampLiteral t) {
            what = "the timestamp " + t.value();
        } else if (o instanceof GeometryLiteral g) {
            what = "the " + g.geometry().getGeometryType().toUpperCase(Locale.ROOT);
        } else {
            what = "the BBOX";
        }
        return what + " at " + o.at();
    }

    /** Integers bind as {@code bigint} so an integer column keeps its index; others as {@code numeric}. */
    private static Object number(BigDecimal value) {
        if (value.scale() <= 0 && value.toBigInteger().bitLength() < 64) {
            return value.longValueExact();
        }
        return value;
    }

    private static String function(SpatialFunction f) {
        return switch (f) {
            case S_INTERSECTS -> "ST_Intersects";
            case S_EQUALS -> "ST_Equals";
            case S_DISJOINT -> "ST_Disjoint";
            case S_TOUCHES -> "ST_Touches";
            case S_WITHIN -> "ST_Within";
            case S_OVERLAPS -> "ST_Overlaps";
            case S_CROSSES -> "ST_Crosses";
            case S_CONTAINS -> "ST_Contains";
        };
    }

    /**
     * CQL2's LIKE pattern as a PostgreSQL one. Both use {@code %}, {@code _} and a backslash escape (PostgreSQL's
     * default, so no ESCAPE clause); the rewrite keeps escaped wildcards and backslashes escaped, drops the escape
     * before any other character (it means that character in both), and makes a trailing lone backslash a literal
     * one, which PostgreSQL would otherwise reject.
     */
    static String likePattern(String cql) {
        StringBuilder sql = new StringBuilder(cql.length() + 4);
        for (int i = 0; i < cql.length(); i++) {
            char c = cql.charAt(i);
            if (c != '\\') {
                sql.append(c);
            } else if (i + 1 == cql.length()) {
                sql.append("\\\\");
            } else {
                char next = cql.charAt(++i);
                if (next == '%' || next == '_' || next == '\\') {
                    sql.append('\\');
                }
                sql.append(next);
            }
        }
        return sql.toString();
    }
}
