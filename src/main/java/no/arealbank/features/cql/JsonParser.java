package no.arealbank.features.cql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

import no.arealbank.features.cql.Expression.And;
import no.arealbank.features.cql.Expression.BboxLiteral;
import no.arealbank.features.cql.Expression.Between;
import no.arealbank.features.cql.Expression.BooleanLiteral;
import no.arealbank.features.cql.Expression.Comparison;
import no.arealbank.features.cql.Expression.ComparisonOperator;
import no.arealbank.features.cql.Expression.DateLiteral;
import no.arealbank.features.cql.Expression.GeometryLiteral;
import no.arealbank.features.cql.Expression.In;
import no.arealbank.features.cql.Expression.IsNull;
import no.arealbank.features.cql.Expression.Like;
import no.arealbank.features.cql.Expression.Location;
import no.arealbank.features.cql.Expression.Not;
import no.arealbank.features.cql.Expression.NumberLiteral;
import no.arealbank.features.cql.Expression.Operand;
import no.arealbank.features.cql.Expression.Or;
import no.arealbank.features.cql.Expression.Property;
import no.arealbank.features.cql.Expression.Spatial;
import no.arealbank.features.cql.Expression.SpatialFunction;
import no.arealbank.features.cql.Expression.StringLiteral;
import no.arealbank.features.cql.Expression.TimestampLiteral;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CQL2 JSON (the standard's JSON schema, cql2.json) to {@link Expression}. Errors name the JSON path of the offending
 * member, {@code $} being the whole filter.
 */
final class JsonParser {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // 0.1 stays 0.1, as in CQL2 text
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Map<String, ComparisonOperator> COMPARISONS = Map.of("=", ComparisonOperator.EQ, "<>",
            ComparisonOperator.NE, "<", ComparisonOperator.LT, "<=", ComparisonOperator.LE, ">", ComparisonOperator.GT,
            ">=", ComparisonOperator.GE);

    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "^", "div");

    /** The GeoJSON types a spatial literal may have, and how deep their positions sit in "coordinates". */
    private static final Map<String, Integer> GEOJSON_DEPTH = Map.of("Point", 0, "LineString", 1, "MultiPoint", 1,
            "Polygon", 2, "MultiLineString", 2, "MultiPolygon", 3);

    private JsonParser() {
    }

    static Expression parse(String json) {
        if (json == null || json.isBlank()) {
            throw new CqlException("the filter is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new CqlException("the filter is not valid JSON" + where + ": " + jacksonMessage(e), e);
        }
        return expression(root, "$");
    }

    /** Jackson's message without its hints about Java types and source locations. */
    private static String jacksonMessage(JacksonException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Trailing token")) {
            return "more follows the end of the filter";
        }
        int cut = m.indexOf(" (for ");
        m = cut > 0 ? m.substring(0, cut) : m;
        cut = m.indexOf('\n');
        return cut > 0 ? m.substring(0, cut) : m;
    }

    private static Expression expression(JsonNode node, String path) {
        if (node.isBoolean()) {
            return new BooleanLiteral(node.booleanValue(), Location.jsonPath(path));
        }
        if (!node.isObject() || !node.has("op")) {
            if (node.isObject() && node.has("function")) {
                throw unsupportedFunction(node, path);
            }
            throw new CqlException("expected a predicate such as {\"op\": \"=\", \"args\": [...]}, or true or false, "
                    + "at " + path + ", found " + describe(node));
        }
        String op = opName(node, path);
        String lower = op.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "and", "or" -> {
                List<JsonNode> args = args(node, path, 2, Integer.MAX_VALUE);
                List<Expression> list = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    list.add(expression(args.get(i), path + ".args[" + i + "]"));
                }
                return lower.equals("and") ? new And(list) : new Or(list);
            }
            case "not" -> {
                return new Not(expression(args(node, path, 1, 1).get(0), path + ".args[0]"));
            }
            case "like" -> {
                List<JsonNode> args = args(node, path, 2, 2);
                return new Like(operand(args.get(0), path + ".args[0]"), pattern(args.get(1), path + ".args[1]"));
            }
            case "between" -> {
                List<JsonNode> args = args(node, path, 3, 3);
                return new Between(operand(args.get(0), path + ".args[0]"), operand(args.get(1), path + ".args[1]"),
                        operand(args.get(2), path + ".args[2]"));
            }
            case "in" -> {
                List<JsonNode> args = args(node, path, 2, 2);
                JsonNode list = args.get(1);
                if (!list.isArray() || list.isEmpty()) {
                    throw new CqlException("the second argument of \"in\" at " + path
                            + ".args[1] must be a non-empty array of values, found " + describe(list));
                }
                List<Operand> items = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    items.add(operand(list.get(i), path + ".args[1][" + i + "]"));
                }
                return new In(operand(args.get(0), path + ".args[0]"), items);
            }
            case "isnull" -> {
                // the schema has an array of one operand; a bare operand is accepted as well
                JsonNode args = node.get("args");
                if (args != null && !args.isArray()) {
                    return new IsNull(operand(args, path + ".args"));
                }
                return new IsNull(operand(args(node, path, 1, 1).get(0), path + ".args[0]"));
            }
            default -> {
                if (COMPARISONS.containsKey(lower)) {
                    List<JsonNode> args = args(node, path, 2, 2);
                    return new Comparison(COMPARISONS.get(lower), operand(args.get(0), path + ".args[0]"),
                            operand(args.get(1), path + ".args[1]"));
                }
                SpatialFunction spatial = spatialFunction(lower);
                if (spatial != null) {
                    List<JsonNode> args = args(node, path, 2, 2);
                    return new Spatial(spatial, operand(args.get(0), path + ".args[0]"),
                            operand(args.get(1), path + ".args[1]"));
                }
                if (ARITHMETIC.contains(lower)) {
                    throw new CqlException("arithmetic (\"" + op + "\" at " + path + ") is not supported");
                }
                if (lower.startsWith("t_") || lower.startsWith("a_") || lower.equals("casei")
                        || lower.equals("accenti")) {
                    throw new CqlException(Literals.unsupportedFunction(op, op.toUpperCase(Locale.ROOT), path));
                }
                throw new CqlException("unknown operator \"" + op + "\" at " + path + ".op");
            }
        }
    }

    private static SpatialFunction spatialFunction(String lower) {
        for (SpatialFunction f : SpatialFunction.values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return f;
            }
        }
        return null;
    }

    private static String opName(JsonNode node, String path) {
        JsonNode op = node.get("op");
        if (!op.isString()) {
            throw new CqlException("\"op\" at " + path + ".op must be a string, found " + describe(op));
        }
        return op.stringValue();
    }

    private static List<JsonNode> args(JsonNode node, String path, int min, int max) {
        JsonNode args = node.get("args");
        String op = node.get("op").stringValue();
        if (args == null || !args.isArray()) {
            throw new CqlException("\"" + op + "\" at " + path + " needs an \"args\" array");
        }
        if (args.size() < min || args.size() > max) {
            String count = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min
                    : min + " to " + max;
            throw new CqlException("\"" + op + "\" at " + path + " takes " + count + " argument" + (max == 1 ? "" : "s")
                    + ", found " + args.size());
        }
        List<JsonNode> list = new ArrayList<>();
        args.forEach(list::add);
        return list;
    }

    private static StringLiteral pattern(JsonNode node, String path) {
        if (node.isString()) {
            return new StringLiteral(node.stringValue(), Location.jsonPath(path));
        }
        if (node.isObject() && (node.has("casei") || node.has("accenti"))) {
            String name = node.has("casei") ? "casei" : "accenti";
            throw new CqlException(Literals.unsupportedFunction(name, name.toUpperCase(Locale.ROOT), path));
        }
        throw new CqlException("the pattern of \"like\" at " + path + " must be a string, found " + describe(node));
    }

    private static Operand operand(JsonNode node, String path) {
        Location at = Location.jsonPath(path);
        if (node.isString()) {
            return new StringLiteral(node.stringValue(), at);
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            return new NumberLiteral(value, at);
        }
        if (node.isBoolean()) {
            return new BooleanLiteral(node.booleanValue(), at);
        }
        if (!node.isObject()) {
            throw new CqlException("expected a property, a literal or a geometry at " + path + ", found "
                    + describe(node));
        }
        if (node.has("property")) {
            JsonNode name = node.get("property");
            if (!name.isString()) {
                throw new CqlException("\"property\" at " + path + ".property must be a string, found "
                        + describe(name));
            }
            return new Property(name.stringValue(), at);
        }
        if (node.has("date")) {
            return new DateLiteral(Literals.date(string(node.get("date"), path + ".date"), at), at);
        }
        if (node.has("timestamp")) {
            return new TimestampLiteral(Literals.timestamp(string(node.get("timestamp"), path + ".timestamp"), at), at);
        }
        if (node.has("bbox")) {
            return bbox(node.get("bbox"), path + ".bbox", at);
        }
        if (node.has("type")) {
            return new GeometryLiteral(geometry(node, path, at), at);
        }
        if (node.has("interval")) {
            throw new CqlException(Literals.unsupportedFunction("interval", "INTERVAL", path));
        }
        if (node.has("casei") || node.has("accenti")) {
            String name = node.has("casei") ? "casei" : "accenti";
            throw new CqlException(Literals.unsupportedFunction(name, name.toUpperCase(Locale.ROOT), path));
        }
        if (node.has("function")) {
            throw unsupportedFunction(node, path);
        }
        if (node.has("op")) {
            String op = opName(node, path);
            if (ARITHMETIC.contains(op.toLowerCase(Locale.ROOT))) {
                throw new CqlException("arithmetic (\"" + op + "\" at " + path + ") is not supported");
            }
            throw new CqlException("expected a property or a literal at " + path + ", found the predicate \"" + op
                    + "\"");
        }
        throw new CqlException("expected a property, a literal or a geometry at " + path + ", found an object with "
                + node.propertyNames());
    }

    private static String string(JsonNode node, String path) {
        if (!node.isString()) {
            throw new CqlException("expected a string at " + path + ", found " + describe(node));
        }
        return node.stringValue();
    }

    private static BboxLiteral bbox(JsonNode node, String path, Location at) {
        if (!node.isArray() || (node.size() != 4 && node.size() != 6)) {
            throw new CqlException("\"bbox\" at " + path + " must be an array of 4 or 6 numbers, found "
                    + describe(node));
        }
        double[] n = new double[node.size()];
        for (int i = 0; i < n.length; i++) {
            if (!node.get(i).isNumber()) {
                throw new CqlException("expected a number at " + path + "[" + i + "], found " + describe(node.get(i)));
            }
            n[i] = node.get(i).doubleValue();
        }
        return n.length == 4 ? new BboxLiteral(n[0], n[1], n[2], n[3], at) : new BboxLiteral(n[0], n[1], n[3], n[4], at);
    }

    /**
     * A GeoJSON geometry object, read by JTS. Its "coordinates" are checked for shape first, because the reader
     * quietly pads a position of one number with zeros.
     */
    private static Geometry geometry(JsonNode node, String path, Location at) {
        checkGeoJson(node, path);
        try {
            Geometry g = new GeoJsonReader(Literals.GEOMETRY_FACTORY).read(JSON.writeValueAsString(node));
            return Literals.checkValid(g, at);
        } catch (ParseException | RuntimeException e) {
            if (e instanceof CqlException c) {
                throw c;
            }
            Throwable reason = e.getCause() != null ? e.getCause() : e; // JTS wraps the telling message
            throw new CqlException("invalid GeoJSON geometry at " + path + ": " + reason.getMessage(), e);
        }
    }

    private static void checkGeoJson(JsonNode node, String path) {
        JsonNode type = node.get("type");
        String name = type.isString() ? type.stringValue() : "";
        if (name.equals("GeometryCollection")) {
            JsonNode geometries = node.get("geometries");
            if (geometries == null || !geometries.isArray()) {
                throw new CqlException("the GeometryCollection at " + path + " needs a \"geometries\" array");
            }
            for (int i = 0; i < geometries.size(); i++) {
                JsonNode g = geometries.get(i);
                if (!g.isObject() || !g.has("type")) {
                    throw new CqlException("expected a GeoJSON geometry at " + path + ".geometries[" + i + "], found "
                            + describe(g));
                }
                checkGeoJson(g, path + ".geometries[" + i + "]");
            }
            return;
        }
        Integer depth = GEOJSON_DEPTH.get(name);
        if (depth == null) {
            throw new CqlException("unknown geometry type " + describe(type) + " at " + path
                    + ".type; expected Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon or "
                    + "GeometryCollection");
        }
        JsonNode coordinates = node.get("coordinates");
        if (coordinates == null) {
            throw new CqlException("the " + name + " at " + path + " needs \"coordinates\"");
        }
        checkPositions(coordinates, depth, path + ".coordinates");
    }

    private static void checkPositions(JsonNode node, int depth, String path) {
        if (!node.isArray()) {
            throw new CqlException("expected an array at " + path + ", found " + describe(node));
        }
        if (depth == 0) {
            boolean numbers = true;
            for (JsonNode n : node) {
                numbers &= n.isNumber();
            }
            if (!numbers || node.size() < 2 || node.size() > 3) {
                throw new CqlException("a position at " + path + " must be 2 or 3 numbers, found " + describe(node));
            }
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            checkPositions(node.get(i), depth - 1, path + "[" + i + "]");
        }
    }

    private static CqlException unsupportedFunction(JsonNode node, String path) {
        JsonNode f = node.get("function");
        String name = f.isObject() && f.has("name") && f.get("name").isString() ? f.get("name").stringValue() : "?";
        return new CqlException(Literals.unsupportedFunction(name, name.toUpperCase(Locale.ROOT), path));
    }

    /** A short account of a JSON value for messages: its type, and the value itself when short. */
    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array of " + node.size();
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
