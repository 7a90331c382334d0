package no.arealbank.features.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.io.WKTReader;

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
import no.arealbank.features.cql.Expression.Not;
import no.arealbank.features.cql.Expression.NumberLiteral;
import no.arealbank.features.cql.Expression.Or;
import no.arealbank.features.cql.Expression.Property;
import no.arealbank.features.cql.Expression.Spatial;
import no.arealbank.features.cql.Expression.SpatialFunction;
import no.arealbank.features.cql.Expression.StringLiteral;
import no.arealbank.features.cql.Expression.TimestampLiteral;

/** Parsing CQL2 text and JSON (OGC 21-065r2) into one tree; the examples follow the standard's abstract test suite. */
class Cql2Test {

    // --- both encodings give the same tree ---

    static Stream<Arguments> sameFilterInBothEncodings() {
        return Stream.of(
                Arguments.of("NAME='Luxembourg'", """
                        {"op": "=", "args": [{"property": "NAME"}, "Luxembourg"]}"""),
                Arguments.of("POP_EST<>37589262", """
                        {"op": "<>", "args": [{"property": "POP_EST"}, 37589262]}"""),
                Arguments.of("pop_other <= 3.14", """
                        {"op": "<=", "args": [{"property": "pop_other"}, 3.14]}"""),
                Arguments.of("\"date\" >= DATE('2022-04-16')", """
                        {"op": ">=", "args": [{"property": "date"}, {"date": "2022-04-16"}]}"""),
                Arguments.of("start < TIMESTAMP('2022-04-16T10:13:19Z')", """
                        {"op": "<", "args": [{"property": "start"}, {"timestamp": "2022-04-16T10:13:19Z"}]}"""),
                Arguments.of("boolean = true", """
                        {"op": "=", "args": [{"property": "boolean"}, true]}"""),
                Arguments.of("name IS NOT NULL", """
                        {"op": "not", "args": [{"op": "isNull", "args": [{"property": "name"}]}]}"""),
                Arguments.of("name NOT LIKE 'B_r%'", """
                        {"op": "not", "args": [{"op": "like", "args": [{"property": "name"}, "B_r%"]}]}"""),
                Arguments.of("pop_other between 1000000 and 3000000", """
                        {"op": "between", "args": [{"property": "pop_other"}, 1000000, 3000000]}"""),
                Arguments.of("name IN ('Kiev','kobenhavn','Berlin')", """
                        {"op": "in", "args": [{"property": "name"}, ["Kiev", "kobenhavn", "Berlin"]]}"""),
                Arguments.of("S_INTERSECTS(geom,BBOX(0,40,10,50))", """
                        {"op": "s_intersects", "args": [{"property": "geom"}, {"bbox": [0, 40, 10, 50]}]}"""),
                Arguments.of("S_INTERSECTS(geom,POINT(7.02 49.92))", """
                        {"op": "s_intersects", "args": [{"property": "geom"},
                          {"type": "Point", "coordinates": [7.02, 49.92]}]}"""),
                Arguments.of("S_WITHIN(geom,POLYGON((-180 -90, -90 -90, -90 90, -180 90, -180 -90), "
                        + "(-120 -50, -100 -50, -100 -40, -120 -40, -120 -50)))", """
                        {"op": "s_within", "args": [{"property": "geom"}, {"type": "Polygon", "coordinates": [
                          [[-180, -90], [-90, -90], [-90, 90], [-180, 90], [-180, -90]],
                          [[-120, -50], [-100, -50], [-100, -40], [-120, -40], [-120, -50]]]}]}"""),
                Arguments.of("S_CROSSES(geom,MULTILINESTRING((-180 -45, 0 -45), (0 45, 180 45)))", """
                        {"op": "s_crosses", "args": [{"property": "geom"}, {"type": "MultiLineString",
                          "coordinates": [[[-180, -45], [0, -45]], [[0, 45], [180, 45]]]}]}"""),
                Arguments.of("S_CONTAINS(geom,MULTIPOINT(7 50,10 51))", """
                        {"op": "s_contains", "args": [{"property": "geom"},
                          {"type": "MultiPoint", "coordinates": [[7, 50], [10, 51]]}]}"""),
                Arguments.of("S_OVERLAPS(geom,MULTIPOLYGON(((0 0, 10 0, 10 10, 0 10, 0 0)),((20 0, 30 0, 30 10, 20 0))))",
                        """
                        {"op": "s_overlaps", "args": [{"property": "geom"}, {"type": "MultiPolygon", "coordinates": [
                          [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]], [[[20, 0], [30, 0], [30, 10], [20, 0]]]]}]}"""),
                Arguments.of("S_EQUALS(geom,LINESTRING(7 50,10 51))", """
                        {"op": "s_equals", "args": [{"property": "geom"},
                          {"type": "LineString", "coordinates": [[7, 50], [10, 51]]}]}"""),
                Arguments.of("S_TOUCHES(geom,GEOMETRYCOLLECTION(POINT(7.02 49.92), POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))))",
                        """
                        {"op": "s_touches", "args": [{"property": "geom"}, {"type": "GeometryCollection",
                          "geometries": [{"type": "Point", "coordinates": [7.02, 49.92]},
                            {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}]}]}"""),
                Arguments.of("S_DISJOINT(geom,BBOX(-180,-90,0,-10,90,100))", """
                        {"op": "s_disjoint", "args": [{"property": "geom"}, {"bbox": [-180, -90, 0, -10, 90, 100]}]}"""),
                Arguments.of("(NOT (name<>'København') AND pop_other<>1038288) OR (pop_other IS NULL and "
                        + "name<'København') or not (pop_other<>1038288 OR name<'København')", """
                        {"op": "or", "args": [
                          {"op": "and", "args": [
                            {"op": "not", "args": [{"op": "<>", "args": [{"property": "name"}, "København"]}]},
                            {"op": "<>", "args": [{"property": "pop_other"}, 1038288]}]},
                          {"op": "and", "args": [
                            {"op": "isNull", "args": [{"property": "pop_other"}]},
                            {"op": "<", "args": [{"property": "name"}, "København"]}]},
                          {"op": "not", "args": [{"op": "or", "args": [
                            {"op": "<>", "args": [{"property": "pop_other"}, 1038288]},
                            {"op": "<", "args": [{"property": "name"}, "København"]}]}]}]}"""),
                Arguments.of("TRUE", "true"),
                Arguments.of("false", "false"));
    }

    @ParameterizedTest
    @MethodSource
    void sameFilterInBothEncodings(String text, String json) {
        assertThat(Cql2.parseText(text)).isEqualTo(Cql2.parseJson(json));
    }

    @Test
    void buildsTheExpectedTreeForAComparison() {
        assertThat(Cql2.parseText("POP_EST>=37589262")).isEqualTo(new Comparison(ComparisonOperator.GE,
                new Property("POP_EST"), new NumberLiteral(new BigDecimal("37589262"))));
    }

    @Test
    void turnsNegatedPredicatesIntoNotAroundThePositiveOne() {
        Property name = new Property("name");
        Property pop = new Property("pop");
        assertThat(Cql2.parseText("name NOT LIKE 'a%'")).isEqualTo(new Not(new Like(name, new StringLiteral("a%"))));
        assertThat(Cql2.parseText("pop NOT BETWEEN 1 AND 2")).isEqualTo(new Not(new Between(pop, number("1"),
                number("2"))));
        assertThat(Cql2.parseText("pop NOT IN (1, 2)")).isEqualTo(new Not(new In(pop, List.of(number("1"),
                number("2")))));
        assertThat(Cql2.parseText("name IS NOT NULL")).isEqualTo(new Not(new IsNull(name)));
    }

    // --- precedence: NOT binds tighter than AND, AND tighter than OR ---

    @Test
    void andBindsTighterThanOr() {
        assertThat(Cql2.parseText("a = 1 OR b = 2 AND c = 3"))
                .isEqualTo(new Or(List.of(eq("a", "1"), new And(List.of(eq("b", "2"), eq("c", "3"))))));
        assertThat(Cql2.parseText("a = 1 AND b = 2 OR c = 3"))
                .isEqualTo(new Or(List.of(new And(List.of(eq("a", "1"), eq("b", "2"))), eq("c", "3"))));
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(Cql2.parseText("NOT a = 1 AND b = 2"))
                .isEqualTo(new And(List.of(new Not(eq("a", "1")), eq("b", "2"))));
        assertThat(Cql2.parseText("a = 1 OR NOT b = 2 AND c = 3"))
                .isEqualTo(new Or(List.of(eq("a", "1"), new And(List.of(new Not(eq("b", "2")), eq("c", "3"))))));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(Cql2.parseText("(a = 1 OR b = 2) AND c = 3"))
                .isEqualTo(new And(List.of(new Or(List.of(eq("a", "1"), eq("b", "2"))), eq("c", "3"))));
        assertThat(Cql2.parseText("NOT (a = 1 AND b = 2)"))
                .isEqualTo(new Not(new And(List.of(eq("a", "1"), eq("b", "2")))));
    }

    @Test
    void keepsAChainOfAndsFlat() {
        assertThat(Cql2.parseText("a = 1 AND b = 2 AND c = 3"))
                .isEqualTo(new And(List.of(eq("a", "1"), eq("b", "2"), eq("c", "3"))));
    }

    @Test
    void betweenTakesItsOwnAndBeforeTheLogicalOne() {
        assertThat(Cql2.parseText("pop BETWEEN 1 AND 2 AND a = 1")).isEqualTo(new And(List.of(
                new Between(new Property("pop"), number("1"), number("2")), eq("a", "1"))));
    }

    // --- lexical details ---

    @Test
    void readsKeywordsInAnyCase() {
        Expression upper = Cql2.parseText("NOT a IS NULL AND b LIKE 'x%' OR c BETWEEN 1 AND 2 OR d IN (TRUE) "
                + "OR S_INTERSECTS(g, POINT(1 2)) OR e = DATE('2020-01-01')");
        Expression mixed = Cql2.parseText("not a is null and b like 'x%' Or c between 1 aNd 2 or d in (true) "
                + "or s_intersects(g, point(1 2)) or e = date('2020-01-01')");
        assertThat(mixed).isEqualTo(upper);
    }

    @Test
    void keepsTheCaseOfPropertyNames() {
        assertThat(Cql2.parseText("Name = 'x'")).isEqualTo(new Comparison(ComparisonOperator.EQ, new Property("Name"),
                new StringLiteral("x")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
            "\"date\" = 1          | date",
            "\"name with space\" = 1 | name with space",
            "områdeNavn = 1        | områdeNavn",
            "ÆØÅ_æøå = 1           | ÆØÅ_æøå",
            "ns:prop.sub = 1       | ns:prop.sub",
            "_x1 = 1               | _x1"})
    void readsPropertyNames(String filter, String name) {
        assertThat(((Comparison) Cql2.parseText(filter)).left()).isEqualTo(new Property(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
            "'it''s'        | it's",
            "'it\\'s'       | it's",
            "'a\\\\b'       | a\\b",
            "'\\%\\_'       | \\%\\_",
            "'København'    | København",
            "''             | ''"})
    void decodesCharacterLiterals(String literal, String value) {
        assertThat(((Comparison) Cql2.parseText("name = " + literal)).right())
                .isEqualTo(new StringLiteral(value.equals("''") ? "" : value));
    }

    @Test
    void decodesControlCharacterEscapes() {
        // /conf/cql2-text/escaping
        assertThat(((Comparison) Cql2.parseText("name = '\\a\\b\\t\\n\\v\\f\\r'")).right())
                .isEqualTo(new StringLiteral("\u0007\b\t\n\u000B\f\r"));
    }

    @ParameterizedTest
    @CsvSource({"-1.5, -1.5", "+7, 7", ".5, 0.5", "7., 7", "1E3, 1000", "2.5e-1, 0.25", "3.140, 3.14"})
    void readsNumbers(String text, String value) {
        assertThat(((Comparison) Cql2.parseText("x = " + text)).right()).isEqualTo(number(value));
    }

    @Test
    void readsDatesAndTimestamps() {
        assertThat(((Comparison) Cql2.parseText("d = DATE('2022-04-14')")).right())
                .isEqualTo(new DateLiteral(LocalDate.of(2022, 4, 14)));
        assertThat(((Comparison) Cql2.parseText("t = TIMESTAMP('2022-04-14T14:48:46.25Z')")).right())
                .isEqualTo(new TimestampLiteral(Instant.parse("2022-04-14T14:48:46.250Z")));
    }

    @Test
    void readsWktWithJts() throws Exception {
        WKTReader wkt = new WKTReader();
        assertThat(((Spatial) Cql2.parseText("S_INTERSECTS(geom, POINT Z (7 50 100))")).right())
                .isEqualTo(new GeometryLiteral(wkt.read("POINT Z (7 50 100)")));
        assertThat(((Spatial) Cql2.parseText("S_INTERSECTS(geom, MULTIPOINT((7 50), (10 51)))")).right())
                .isEqualTo(new GeometryLiteral(wkt.read("MULTIPOINT (7 50, 10 51)")));
        assertThat(((Spatial) Cql2.parseText("S_INTERSECTS(geom, BBOX(1, 2, 3, 4))")).right())
                .isEqualTo(new BboxLiteral(1, 2, 3, 4));
    }

    @Test
    void allowsPropertiesAndLiteralsOnEitherSide() {
        // property-property comparisons
        assertThat(Cql2.parseText("a < b")).isEqualTo(new Comparison(ComparisonOperator.LT, new Property("a"),
                new Property("b")));
        assertThat(Cql2.parseText("S_INTERSECTS(POINT(1 2), geom)")).isInstanceOf(Spatial.class);
        assertThat(Cql2.parseText("'a' = name")).isInstanceOf(Comparison.class);
    }

    @Test
    void mapsEverySpatialFunction() {
        for (SpatialFunction f : SpatialFunction.values()) {
            assertThat(Cql2.parseText(f.name() + "(geom, POINT(1 2))")).isEqualTo(
                    Cql2.parseJson("{\"op\": \"" + f.name().toLowerCase() + "\", \"args\": [{\"property\": \"geom\"},"
                            + " {\"type\": \"Point\", \"coordinates\": [1, 2]}]}"));
        }
    }

    // --- the abstract test suite's filters parse ---

    @ParameterizedTest
    @ValueSource(strings = {
            // basic-cql2
            "NAME='Luxembourg'", "NAME>='Luxembourg'", "NAME>'Luxembourg'", "NAME<='Luxembourg'", "NAME<'Luxembourg'",
            "NAME<>'Luxembourg'", "POP_EST=37589262", "POP_EST<=37589262", "name IS NOT NULL", "name IS NULL",
            "name='København'", "\"date\"=DATE('2022-04-16')", "\"date\"<>DATE('2022-04-16')",
            "start=TIMESTAMP('2022-04-16T10:13:19Z')", "start<=TIMESTAMP('2022-04-16T10:13:19Z')", "boolean=true",
            "boolean=false", "true", "false", "x is not null",
            "(NOT (start IS NULL) AND pop_other<>1038288) OR (name<='København' and boolean=true) or "
                    + "not (pop_other<>1038288 OR boolean=true)",
            // advanced-comparison-operators
            "name LIKE 'B_r%'", "name NOT LIKE 'B_r%'", "x LIKE '%'", "x like '_%'", "x like ''", "x like '%%'",
            "x like '\\%\\_'", "pop_other between 1000000 and 3000000", "pop_other not between 1000000 and 3000000",
            "x between 100.0 and 1.0", "x IN (1, 2, 3)", "x in ('foo', 'bar')", "x in (true)",
            "x in ('2022-04-14T14:52:56Z', '2022-04-14T15:52:56Z')",
            "name IN ('Kiev','kobenhavn','Berlin','athens','foo')",
            "\"date\" in (DATE('2021-04-16'),DATE('2022-04-16'),DATE('2022-04-18'))",
            "start not in (TIMESTAMP('2022-04-16T10:13:19Z'))", "boolean not in (false)",
            "((NOT x LIKE '%' AND y between 0 and 100) OR (z in (1) and NOT w IS NULL) or not (x LIKE '%' AND w IS NULL))",
            // basic-spatial-functions
            "S_INTERSECTS(geom,BBOX(-180,-90,180,90))", "S_INTERSECTS(geom,POINT(7.02 49.92))",
            "S_INTERSECTS(geom,BBOX(-180,-90,-90,90)) AND S_INTERSECTS(geom,BBOX(90,-90,180,90))",
            "S_INTERSECTS(geom,BBOX(150,-90,-150,90))",
            "S_INTERSECTS(geom,BBOX(0,40,10,50)) and not S_INTERSECTS(geom,BBOX(5,50,10,60))",
            // basic-spatial-functions-plus
            "S_INTERSECTS(geom,LINESTRING(-180 -45, 0 -45))",
            "S_INTERSECTS(geom,MULTILINESTRING((-180 -45, 0 -45), (0 45, 180 45)))",
            "S_INTERSECTS(geom,MULTIPOLYGON(((-180 -90, -90 -90, -90 90, -180 90, -180 -90), "
                    + "(-120 -50, -100 -50, -100 -40, -120 -40, -120 -50)),((0 0, 10 0, 10 10, 0 10, 0 0))))",
            "S_INTERSECTS(geom,GEOMETRYCOLLECTION(POINT(7.02 49.92), POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))))",
            // spatial-functions
            "S_INTERSECTS(geom,POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90)))",
            "S_DISJOINT(geom,LINESTRING(7 50,10 51))", "S_EQUALS(geom,POINT(6.1300028 49.6116604))",
            "S_TOUCHES(geom,POINT(6.043073357781111 50.128051662794235))", "S_CROSSES(geom,BBOX(0,40,10,50))",
            "S_WITHIN(geom,MULTIPOINT(7 50,10 51))", "S_CONTAINS(geom,BBOX(7,50,8,51))",
            "S_OVERLAPS(geom,BBOX(-180,-90,0,90))"})
    void parsesTheAbstractTestSuiteFilters(String filter) {
        assertThatCode(() -> Cql2.parseText(filter)).doesNotThrowAnyException();
    }

    // --- errors say where and what ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
            "name =                     | syntax error at position 6: the filter ends too early",
            "name = 'abc                | syntax error at position 7: a string that is not closed",
            "\"name = 1                 | syntax error at position 0: a quoted property name that is not closed",
            "name == 1                  | syntax error at position 6: unexpected '='",
            "name = 1 AND               | syntax error at position 12: the filter ends too early",
            "name = 1 name = 2          | syntax error at position 9: unexpected 'name'; expected the end of the filter",
            "price - 5 > 3              | syntax error at position 6: unexpected character '-'",
            "(name = 1                  | syntax error at position 9: the filter ends too early; expected )",
            "S_INTERSECTS(geom, POINT(1)) | syntax error at position 26: unexpected ')'; expected NUMBER",
            "S_INTERSECTS(geom, BBOX(1,2,3)) | syntax error at position 29: unexpected ')'; expected ,",
            "S_INTERSECTS(geom, POINT M (1 2)) | syntax error at position 25: unexpected 'M' after POINT; only Z may follow a geometry type",
            "''                         | syntax error at position 2: the filter ends too early",
            "CASEI(name) = 'x'          | unsupported function 'CASEI' at position 0: case- and accent-insensitive comparison is not supported",
            "name LIKE casei('x')       | unsupported function 'casei' at position 10: case- and accent-insensitive comparison is not supported",
            "T_AFTER(start, TIMESTAMP('2022-04-16T10:13:19Z')) | unsupported function 'T_AFTER' at position 0: temporal functions are not supported; compare dates and timestamps with =, <, >, BETWEEN",
            "A_CONTAINS(tags, ('a'))    | unsupported function 'A_CONTAINS' at position 0: array functions are not supported",
            "S_DWITHIN(geom, POINT(1 2), 5) | unsupported function 'S_DWITHIN' at position 0: it is not a CQL2 spatial function; use S_INTERSECTS, S_EQUALS, S_DISJOINT, S_TOUCHES, S_WITHIN, S_OVERLAPS, S_CROSSES or S_CONTAINS",
            "upper(name) = 'X'          | unsupported function 'upper' at position 0: no functions are offered",
            "name LIKE other            | the pattern of LIKE at position 10 must be a string literal, not 'other'",
            "d = DATE('2022-13-01')     | invalid date '2022-13-01' at position 4: expected YYYY-MM-DD",
            "t = TIMESTAMP('yesterday') | invalid timestamp 'yesterday' at position 4: expected YYYY-MM-DDThh:mm:ssZ",
            "S_INTERSECTS(geom, LINESTRING(1 1)) | invalid geometry at position 19: Invalid number of points in LineString (found 1 - must be 0 or >= 2)",
            "S_INTERSECTS(geom, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))) | invalid POLYGON at position 19: self-intersection near (0.5 0.5)"})
    void reportsTextErrorsWithTheirPosition(String filter, String message) {
        assertThatThrownBy(() -> Cql2.parseText(filter)).isInstanceOf(CqlException.class).hasMessage(message);
    }

    @Test
    void refusesAnEmptyFilter() {
        assertThatThrownBy(() -> Cql2.parseText("  ")).isInstanceOf(CqlException.class)
                .hasMessage("the filter is empty");
        assertThatThrownBy(() -> Cql2.parseJson("")).isInstanceOf(CqlException.class)
                .hasMessage("the filter is empty");
    }

    @Test
    void refusesDeepNestingBeforeParsing() {
        String deep = "(".repeat(101) + "a = 1" + ")".repeat(101);
        assertThatThrownBy(() -> Cql2.parseText(deep)).isInstanceOf(CqlException.class)
                .hasMessage("syntax error at position 100: parentheses nested more than 100 levels deep");
        String fine = "(".repeat(100) + "a = 1" + ")".repeat(100);
        assertThat(Cql2.parseText(fine)).isEqualTo(eq("a", "1"));
    }

    @Test
    void parsesALongChainOfNotsWithoutRecursion() {
        assertThat(Cql2.parseText("NOT ".repeat(10_000) + "a = 1")).isInstanceOf(Not.class);
    }

    @Test
    void printsNothingToStandardErrorOnSyntaxErrors() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> Cql2.parseText("name = = 'x' $")).isInstanceOf(CqlException.class);
            assertThatThrownBy(() -> Cql2.parseText("name = 'x' $")).isInstanceOf(CqlException.class);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
            "{\"op\": \"=\", \"args\": [}                            | the filter is not valid JSON at line 1, column 22: Unexpected close marker '}': expected ']'",
            "{\"op\": \"=\"} {}                                      | the filter is not valid JSON at line 1, column 13: more follows the end of the filter",
            "42                                                     | expected a predicate such as {\"op\": \"=\", \"args\": [...]}, or true or false, at $, found 42",
            "{\"op\": \"foo\", \"args\": []}                          | unknown operator \"foo\" at $.op",
            "{\"op\": 1, \"args\": []}                               | \"op\" at $.op must be a string, found 1",
            "{\"op\": \"and\", \"args\": [true]}                     | \"and\" at $ takes at least 2 arguments, found 1",
            "{\"op\": \"not\", \"args\": [true, false]}              | \"not\" at $ takes 1 argument, found 2",
            "{\"op\": \"=\"}                                         | \"=\" at $ needs an \"args\" array",
            "{\"op\": \"or\", \"args\": [true, {\"op\": \"=\", \"args\": [{\"property\": \"a\"}]}]} | \"=\" at $.args[1] takes 2 arguments, found 1",
            "{\"op\": \"=\", \"args\": [{\"property\": 7}, 1]}       | \"property\" at $.args[0].property must be a string, found 7",
            "{\"op\": \"=\", \"args\": [{\"property\": \"a\"}, null]} | expected a property, a literal or a geometry at $.args[1], found null",
            "{\"op\": \"=\", \"args\": [{\"property\": \"a\"}, {\"date\": \"2022-02-30\"}]} | invalid date '2022-02-30' at $.args[1]: expected YYYY-MM-DD",
            "{\"op\": \"=\", \"args\": [{\"property\": \"a\"}, {\"op\": \"+\", \"args\": [1, 2]}]} | arithmetic (\"+\" at $.args[1]) is not supported",
            "{\"op\": \"=\", \"args\": [{\"property\": \"a\"}, {\"foo\": 1}]} | expected a property, a literal or a geometry at $.args[1], found an object with [foo]",
            "{\"op\": \"in\", \"args\": [{\"property\": \"a\"}, 1]}  | the second argument of \"in\" at $.args[1] must be a non-empty array of values, found 1",
            "{\"op\": \"like\", \"args\": [{\"property\": \"a\"}, {\"casei\": \"x\"}]} | unsupported function 'casei' at $.args[1]: case- and accent-insensitive comparison is not supported",
            "{\"op\": \"like\", \"args\": [{\"property\": \"a\"}, 5]} | the pattern of \"like\" at $.args[1] must be a string, found 5",
            "{\"op\": \"t_after\", \"args\": [{\"property\": \"a\"}, {\"timestamp\": \"2022-04-16T10:13:19Z\"}]} | unsupported function 't_after' at $: temporal functions are not supported; compare dates and timestamps with =, <, >, BETWEEN",
            "{\"function\": {\"name\": \"ready\", \"args\": []}}      | unsupported function 'ready' at $: no functions are offered",
            "{\"op\": \"s_intersects\", \"args\": [{\"property\": \"g\"}, {\"bbox\": [1, 2, 3]}]} | \"bbox\" at $.args[1].bbox must be an array of 4 or 6 numbers, found an array of 3",
            "{\"op\": \"s_intersects\", \"args\": [{\"property\": \"g\"}, {\"type\": \"Point\", \"coordinates\": [7]}]} | a position at $.args[1].coordinates must be 2 or 3 numbers, found an array of 1",
            "{\"op\": \"s_intersects\", \"args\": [{\"property\": \"g\"}, {\"type\": \"LineString\", \"coordinates\": [[1, 2], [3, \"x\"]]}]} | a position at $.args[1].coordinates[1] must be 2 or 3 numbers, found an array of 2",
            "{\"op\": \"s_intersects\", \"args\": [{\"property\": \"g\"}, {\"type\": \"Circle\", \"coordinates\": [1, 2]}]} | unknown geometry type \"Circle\" at $.args[1].type; expected Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon or GeometryCollection",
            "{\"op\": \"s_intersects\", \"args\": [{\"property\": \"g\"}, {\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [0, 1]]]}]} | invalid GeoJSON geometry at $.args[1]: Points of LinearRing do not form a closed linestring"})
    void reportsJsonErrorsWithTheirPath(String filter, String message) {
        assertThatThrownBy(() -> Cql2.parseJson(filter)).isInstanceOf(CqlException.class).hasMessage(message);
    }

    @Test
    void acceptsIsNullWithABareOperand() {
        assertThat(Cql2.parseJson("{\"op\": \"isNull\", \"args\": {\"property\": \"a\"}}"))
                .isEqualTo(new IsNull(new Property("a")));
    }

    @Test
    void recordsWhereEachOperandWasWritten() {
        Comparison text = (Comparison) Cql2.parseText("  name = 'x'");
        assertThat(text.left().at()).hasToString("position 2");
        assertThat(text.right().at()).hasToString("position 9");
        Comparison json = (Comparison) ((Not) Cql2.parseJson(
                "{\"op\": \"not\", \"args\": [{\"op\": \"=\", \"args\": [{\"property\": \"name\"}, \"x\"]}]}")).arg();
        assertThat(json.left().at()).hasToString("$.args[0].args[0]");
        assertThat(json.right().at()).hasToString("$.args[0].args[1]");
    }

    @Test
    void readsBooleansAsFilters() {
        assertThat(Cql2.parseText("TRUE AND a = 1")).isEqualTo(new And(List.of(new BooleanLiteral(true), eq("a", "1"))));
    }

    private static NumberLiteral number(String value) {
        return new NumberLiteral(new BigDecimal(value));
    }

    private static Comparison eq(String property, String number) {
        return new Comparison(ComparisonOperator.EQ, new Property(property), number(number));
    }
}
