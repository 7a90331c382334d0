package no.arealbank;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * For the benchmark harnesses (not a test): turns a statement with Spring named parameters and its bound values
 * into pgbench script text, with the values as typed SQL literals (or pgbench variables) exactly as pgjdbc binds
 * them.
 */
public final class PgbenchSql {

    private PgbenchSql() {
    }

    /** Values in placeholder order; a collection (expanded by Spring into several placeholders) is flattened. */
    public static List<Object> values(String sql, Map<String, Object> params) {
        List<Object> out = new ArrayList<>();
        for (Object v : NamedParameterUtils.buildValueArray(sql, params)) {
            if (v instanceof Collection<?> many) {
                out.addAll(many);
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /** Spring's placeholder SQL with each {@code ?} outside quotes, identifiers and comments replaced in order. */
    public static String fill(String sql, Map<String, Object> params, List<String> values) {
        String jdbcSql = NamedParameterUtils.substituteNamedParameters(sql, new MapSqlParameterSource(params));
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < jdbcSql.length(); i++) {
            char ch = jdbcSql.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = jdbcSql.indexOf(ch, i + 1);
                while (end >= 0 && end + 1 < jdbcSql.length() && jdbcSql.charAt(end + 1) == ch) {
                    end = jdbcSql.indexOf(ch, end + 2); // doubled quote inside the literal
                }
                if (end < 0) {
                    throw new IllegalStateException("unterminated quote in " + jdbcSql);
                }
                out.append(jdbcSql, i, end + 1);
                i = end;
            } else if (ch == '-' && jdbcSql.startsWith("--", i) || ch == '/' && jdbcSql.startsWith("/*", i)) {
                throw new IllegalStateException("comments are not expected in the service's SQL: " + jdbcSql);
            } else if (ch == '?') {
                if (next >= values.size()) {
                    throw new IllegalStateException("more placeholders than values in " + jdbcSql);
                }
                out.append(values.get(next++));
            } else if (ch == '\n' || ch == '\r') {
                out.append(' '); // pgbench: one statement per line
            } else {
                out.append(ch);
            }
        }
        if (next != values.size()) {
            throw new IllegalStateException(values.size() + " values for " + next + " placeholders in " + jdbcSql);
        }
        return out.toString();
    }

    /** A SQL literal of the type pgjdbc binds for the Java value. */
    public static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Double || v instanceof Float) {
            return "'" + doubleText(((Number) v).doubleValue()) + "'::float8";
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return v.toString();
        }
        if (v instanceof Long) {
            return "'" + v + "'::int8";
        }
        if (v instanceof BigDecimal d) {
            return "'" + d.toPlainString() + "'::numeric";
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof Timestamp t) {
            return "'" + OffsetDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC) + "'::timestamptz";
        }
        if (v instanceof LocalDate d) {
            return "'" + d + "'::date";
        }
        if (v instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        throw new IllegalArgumentException("no SQL literal for " + v.getClass().getName() + " " + v);
    }

    /** Shortest decimal text that reads back as exactly the same double ({@link Double#toString}). */
    public static String doubleText(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + d);
        }
        return Double.toString(d);
    }
}
