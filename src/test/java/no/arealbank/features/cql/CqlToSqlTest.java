package no.arealbank.features.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import no.arealbank.features.cql.Expression.SpatialFunction;
import no.arealbank.features.cql.Queryable.Type;

/** Translation to bound SQL: golden strings and parameters, type checks, CRS handling of spatial literals. */
class CqlToSqlTest {

    private static final String LITERAL_0_1 = "ST_Transform(ST_SetSRID(ST_GeomFromWKB(:cql0), :cql1), 25832)";

    private static final CqlToSql TO_SQL = new CqlToSql(queryables(
            new Queryable("name", Type.STRING, "p.name"),
            new Queryable("price", Type.NUMBER, "p.price_total"),
            new Queryable("landUseCode", Type.INTEGER, "p.land_use_code"),
            new Queryable("area", Type.NUMBER, "round(p.area_m2::numeric, 1)"),
            new Queryable("buildReady", Type.BOOLEAN, "(p.infra_road = 'yes' AND p.infra_water = 'yes')"),
            new Queryable("deadline", Type.DATE, "p.application_deadline"),
            new Queryable("updatedAt", Type.TIMESTAMP, "p.updated_at"),
            new Queryable("geometry", Type.GEOMETRY, "p.geom")));

    private static Map<String, Queryable> queryables(Queryable... qs) {
        Map<String, Queryable> map = new LinkedHashMap<>();
        for (Queryable q : qs) {
            map.put(q.name(), q);
        }
        return map;
    }

    private static SqlFragment text(String filter) {
        return TO_SQL.translate(Cql2.parseText(filter), FilterCrs.DEFAULT);
    }

    private static SqlFragment text(String filter, FilterCrs crs) {
        return TO_SQL.translate(Cql2.parseText(filter), crs);
    }

    // --- golden SQL ---

    static Stream<Arguments> goldenSql() {
        return Stream.of(
                Arguments.of("name = 'Luxembourg'", "p.name = :cql0", Map.of("cql0", "Luxembourg")),
                Arguments.of("price >= 37589262", "p.price_total >= :cql0", Map.of("cql0", 37589262L)),
                Arguments.of("price < 3.14", "p.price_total < :cql0", Map.of("cql0", new BigDecimal("3.14"))),
                Arguments.of("price <> -1E3", "p.price_total <> :cql0", Map.of("cql0", -1000L)),
                Arguments.of("landUseCode <= 1130", "p.land_use_code <= :cql0", Map.of("cql0", 1130L)),
                Arguments.of("area > 1000", "(round(p.area_m2::numeric, 1)) > :cql0", Map.of("cql0", 1000L)),
                Arguments.of("buildReady = true", "((p.infra_road = 'yes' AND p.infra_water = 'yes')) = :cql0",
                        Map.of("cql0", true)),
                Arguments.of("deadline = DATE('2022-04-14')", "p.application_deadline = :cql0",
                        Map.of("cql0", LocalDate.of(2022, 4, 14))),
                Arguments.of("updatedAt > TIMESTAMP('2022-04-14T14:48:46Z')", "p.updated_at > :cql0",
                        Map.of("cql0", OffsetDateTime.of(2022, 4, 14, 14, 48, 46, 0, ZoneOffset.UTC))),
                Arguments.of("name IS NULL", "p.name IS NULL", Map.of()),
                Arguments.of("name IS NOT NULL", "NOT (p.name IS NULL)", Map.of()),
                Arguments.of("name LIKE 'B_r%'", "p.name LIKE :cql0", Map.of("cql0", "B_r%")),
                Arguments.of("name NOT LIKE 'B_r%'", "NOT (p.name LIKE :cql0)", Map.of("cql0", "B_r%")),
                Arguments.of("price BETWEEN 100 AND 200.5", "p.price_total BETWEEN :cql0 AND :cql1",
                        Map.of("cql0", 100L, "cql1", new BigDecimal("200.5"))),
                Arguments.of("deadline NOT BETWEEN DATE('2022-01-01') AND DATE('2022-12-31')",
                        "NOT (p.application_deadline BETWEEN :cql0 AND :cql1)",
                        Map.of("cql0", LocalDate.of(2022, 1, 1), "cql1", LocalDate.of(2022, 12, 31))),
                Arguments.of("landUseCode IN (1110, 1120, 1130)", "p.land_use_code IN (:cql0, :cql1, :cql2)",
                        Map.of("cql0", 1110L, "cql1", 1120L, "cql2", 1130L)),
                Arguments.of("name NOT IN ('a', 'b')", "NOT (p.name IN (:cql0, :cql1))", Map.of("cql0", "a", "cql1", "b")),
                Arguments.of("name = 'a' AND price < 5 AND buildReady = false",
                        "(p.name = :cql0 AND p.price_total < :cql1 AND ((p.infra_road = 'yes' AND p.infra_water = 'yes'))"
                                + " = :cql2)",
                        Map.of("cql0", "a", "cql1", 5L, "cql2", false)),
                Arguments.of("name = 'a' OR name = 'b' AND NOT price > 1",
                        "(p.name = :cql0 OR (p.name = :cql1 AND NOT (p.price_total > :cql2)))",
                        Map.of("cql0", "a", "cql1", "b", "cql2", 1L)),
                Arguments.of("NOT (name = 'a' OR name = 'b')", "NOT ((p.name = :cql0 OR p.name = :cql1))",
                        Map.of("cql0", "a", "cql1", "b")),
                Arguments.of("price > landUseCode", "p.price_total > p.land_use_code", Map.of()),
                Arguments.of("'x' = name", ":cql0 = p.name", Map.of("cql0", "x")),
                Arguments.of("TRUE", ":cql0", Map.of("cql0", true)));
    }

    @ParameterizedTest
    @MethodSource
    void goldenSql(String filter, String sql, Map<String, Object> params) {
        SqlFragment f = text(filter);
        assertThat(f.sql()).isEqualTo(sql);
        assertThat(f.params()).containsExactlyInAnyOrderEntriesOf(params);
    }

    @Test
    void numbersParametersInOrderOfAppearance() {
        SqlFragment f = text("name IN ('a', 'b') OR price BETWEEN 1 AND 2");
        assertThat(f.params().keySet()).containsExactly("cql0", "cql1", "cql2", "cql3");
        assertThat(f.params().values()).containsExactly("a", "b", 1L, 2L);
    }

    @Test
    void translatesJsonToTheSameSql() {
        SqlFragment json = TO_SQL.translate(Cql2.parseJson("""
                {"op": "and", "args": [
                  {"op": "like", "args": [{"property": "name"}, "B_r%"]},
                  {"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [5, 60, 6, 61]}]}]}"""),
                FilterCrs.DEFAULT);
        SqlFragment text = text("name LIKE 'B_r%' AND S_INTERSECTS(geometry, BBOX(5, 60, 6, 61))");
        assertThat(json.sql()).isEqualTo(text.sql()).isEqualTo(
                "(p.name LIKE :cql0 AND ST_Intersects(p.geom, ST_Transform(ST_SetSRID(ST_GeomFromWKB(:cql1), :cql2), "
                        + "25832)))");
        assertThat((byte[]) json.params().get("cql1")).isEqualTo((byte[]) text.params().get("cql1"));
    }

    @Test
    void neverPutsALiteralIntoTheSqlText() {
        String evil = "x'' OR 1=1; DROP TABLE plot; --";
        SqlFragment f = text("name = '" + evil + "' OR name LIKE '" + evil + "' OR name IN ('" + evil + "')");
        assertThat(f.sql()).doesNotContain("DROP").doesNotContain("1=1")
                .isEqualTo("(p.name = :cql0 OR p.name LIKE :cql1 OR p.name IN (:cql2))");
        assertThat(f.params()).containsEntry("cql0", "x' OR 1=1; DROP TABLE plot; --");
    }

    // --- spatial functions ---

    @ParameterizedTest
    @CsvSource({"S_INTERSECTS, ST_Intersects", "S_EQUALS, ST_Equals", "S_DISJOINT, ST_Disjoint",
            "S_TOUCHES, ST_Touches", "S_WITHIN, ST_Within", "S_OVERLAPS, ST_Overlaps", "S_CROSSES, ST_Crosses",
            "S_CONTAINS, ST_Contains"})
    void mapsEachSpatialFunctionToPostgis(SpatialFunction function, String postgis) {
        SqlFragment f = text(function + "(geometry, POINT(7 60))");
        assertThat(f.sql()).isEqualTo(postgis + "(p.geom, " + LITERAL_0_1 + ")");
        assertThat(f.params()).containsEntry("cql1", 4326);
        assertThat(geometry(f, "cql0")).hasToString("POINT (7 60)");
    }

    @Test
    void transformsTheLiteralAndNeverTheColumn() {
        SqlFragment f = text("S_WITHIN(POINT(7 60), geometry)");
        assertThat(f.sql()).isEqualTo("ST_Within(" + LITERAL_0_1 + ", p.geom)");
    }

    @Test
    void bindsABboxAsAnEnvelopePolygon() {
        SqlFragment f = text("S_INTERSECTS(geometry, BBOX(5, 60, 6, 61))");
        Geometry g = geometry(f, "cql0");
        assertThat(g.getGeometryType()).isEqualTo("Polygon");
        assertThat(g.getEnvelopeInternal()).isEqualTo(new Envelope(5, 6, 60, 61));
        assertThat(g.getArea()).isEqualTo(1.0);
    }

    @Test
    void densifiesLiteralsSoTheirEdgesFollowTheFilterCrs() {
        // a 1° edge along 60°N bows about 100 m in EPSG:25832: PostGIS must transform points along it
        Geometry g = geometry(text("S_INTERSECTS(geometry, BBOX(5, 60, 6, 61))"), "cql0");
        assertThat(g.getNumPoints()).isGreaterThan(400);
        Geometry projected = geometry(text("S_INTERSECTS(geometry, BBOX(500000, 6600000, 510000, 6610000))",
                FilterCrs.EPSG_25833), "cql0");
        assertThat(projected.getNumPoints()).isGreaterThan(40);
        Geometry stored = geometry(text("S_INTERSECTS(geometry, BBOX(500000, 6600000, 510000, 6610000))",
                FilterCrs.EPSG_25832), "cql0");
        assertThat(stored.getNumPoints()).as("already in the storage CRS").isEqualTo(5);
    }

    @Test
    void swapsAxesForEpsg4326WhichIsLatitudeFirst() {
        SqlFragment lonLat = text("S_INTERSECTS(geometry, POINT(5.3 60.4))", FilterCrs.CRS84);
        SqlFragment latLon = text("S_INTERSECTS(geometry, POINT(60.4 5.3))", FilterCrs.EPSG_4326);
        assertThat(geometry(latLon, "cql0")).isEqualTo(geometry(lonLat, "cql0"));
        assertThat(geometry(latLon, "cql0").getCoordinate()).isEqualTo(new Coordinate(5.3, 60.4));
        assertThat(latLon.params()).containsEntry("cql1", 4326);

        Geometry bbox = geometry(text("S_INTERSECTS(geometry, BBOX(60, 5, 61, 6))", FilterCrs.EPSG_4326), "cql0");
        assertThat(bbox.getEnvelopeInternal()).isEqualTo(new Envelope(5, 6, 60, 61));

        Geometry json = geometry(TO_SQL.translate(Cql2.parseJson("""
                {"op": "s_intersects", "args": [{"property": "geometry"},
                  {"type": "LineString", "coordinates": [[60, 5], [61, 6]]}]}"""), FilterCrs.EPSG_4326), "cql0");
        assertThat(json.getCoordinates()[0]).isEqualTo(new Coordinate(5, 60));
    }

    @Test
    void keepsProjectedCoordinatesAsTheyAre() {
        SqlFragment f = text("S_INTERSECTS(geometry, POINT(297000 6700000))", FilterCrs.EPSG_25833);
        assertThat(f.params()).containsEntry("cql1", 25833);
        assertThat(geometry(f, "cql0").getCoordinate()).isEqualTo(new Coordinate(297000, 6700000));
        assertThat(text("S_INTERSECTS(geometry, POINT(1 2))", FilterCrs.EPSG_3857).params()).containsEntry("cql1", 3857);
    }

    @Test
    void refusesCoordinatesOutsideTheGeographicRange() {
        // /conf/basic-spatial-functions/s_intersects: POINT(90 180) is an invalid coordinate in CRS84
        assertThatThrownBy(() -> text("S_INTERSECTS(geometry, POINT(90 180))")).isInstanceOf(CqlException.class)
                .hasMessage("the POINT at position 23 has a coordinate outside CRS84's range "
                        + "(longitude -180..180, latitude -90..90): 90 180");
        assertThatThrownBy(() -> text("S_INTERSECTS(geometry, MULTIPOINT(7.02 49.92, 90 180))"))
                .isInstanceOf(CqlException.class).hasMessageContaining("outside CRS84's range");
        assertThatThrownBy(() -> text("S_INTERSECTS(geometry, POINT(91 5))", FilterCrs.EPSG_4326))
                .isInstanceOf(CqlException.class).hasMessage("the POINT at position 23 has a coordinate outside "
                        + "EPSG:4326's range (latitude -90..90, longitude -180..180): 91 5");
        assertThatThrownBy(() -> text("S_INTERSECTS(geometry, BBOX(-200, 0, 10, 10))"))
                .isInstanceOf(CqlException.class).hasMessage("the BBOX at position 23 lies outside CRS84's range "
                        + "(longitude -180..180, latitude -90..90)");
        // in EPSG:4326 the same numbers mean latitude 90, longitude 180: valid
        assertThatCode(() -> text("S_INTERSECTS(geometry, POINT(90 180))", FilterCrs.EPSG_4326))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesABboxWhoseCornersAreSwapped() {
        assertThatThrownBy(() -> text("S_INTERSECTS(geometry, BBOX(5, 61, 6, 60))")).isInstanceOf(CqlException.class)
                .hasMessage("the BBOX at position 23 has its lower latitude (61) above its upper (60)");
        assertThatThrownBy(() -> text("S_INTERSECTS(geometry, BBOX(2, 1, 1, 2))", FilterCrs.EPSG_25832))
                .isInstanceOf(CqlException.class)
                .hasMessage("the BBOX at position 23 has its lower x (2) above its upper (1)");
    }

    @Test
    void clipsLiteralsToWhereFeaturesCanBe() {
        // the whole world would reach PostGIS as a sliver between the poles; clipped, it covers all features
        Geometry world = geometry(text("S_INTERSECTS(geometry, BBOX(-180, -90, 180, 90))"), "cql0");
        assertThat(world.getEnvelopeInternal()).isEqualTo(new Envelope(-10, 40, 50, 85));
        Geometry polygon = geometry(text("S_DISJOINT(geometry, POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90)))"),
                "cql0");
        assertThat(polygon.getEnvelopeInternal()).isEqualTo(new Envelope(-10, 40, 50, 85));
        assertThat(geometry(text("S_INTERSECTS(geometry, POINT(-60 -45))"), "cql0").isEmpty()).isTrue();
        Geometry mixed = geometry(text(
                "S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(7.02 49.92), POLYGON((0 0, 10 0, 10 60, 0 60, 0 0))))"),
                "cql0");
        assertThat(mixed.getEnvelopeInternal()).isEqualTo(new Envelope(0, 10, 50, 60));
    }

    @Test
    void readsABboxWhoseWestEdgeIsEastOfItsEastEdgeAsCrossingTheAntimeridian() {
        // the suite's BBOX(150,-90,-150,90): two boxes, both far from any feature here
        assertThat(geometry(text("S_INTERSECTS(geometry, BBOX(150, -90, -150, 90))"), "cql0").isEmpty()).isTrue();
        assertThat(SpatialLiterals.geometry(new Expression.BboxLiteral(150, -90, -150, 90), FilterCrs.CRS84).isEmpty())
                .isTrue();
    }

    // --- LIKE patterns ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
            "B_r%       | B_r%",
            "100\\%     | 100\\%",
            "a\\_b      | a\\_b",
            "a\\\\b     | a\\\\b",
            "a\\bc      | abc",
            "ends\\     | ends\\\\",
            "'quote'    | 'quote'"})
    void keepsCql2LikeSemanticsInPostgresqlPatterns(String cql, String sql) {
        assertThat(CqlToSql.likePattern(cql)).isEqualTo(sql);
    }

    // --- strings as dates and timestamps (/per/basic-cql2/type-casts) ---

    @Test
    void readsStringLiteralsNextToDatesAndTimestampsAsSuch() {
        assertThat(text("deadline in ('2022-04-14', '2022-04-15')").params()).containsExactly(
                entry("cql0", LocalDate.of(2022, 4, 14)), entry("cql1", LocalDate.of(2022, 4, 15)));
        assertThat(text("updatedAt in ('2022-04-14T14:52:56Z', '2022-04-14T15:52:56Z')").params()).containsExactly(
                entry("cql0", OffsetDateTime.of(2022, 4, 14, 14, 52, 56, 0, ZoneOffset.UTC)),
                entry("cql1", OffsetDateTime.of(2022, 4, 14, 15, 52, 56, 0, ZoneOffset.UTC)));
        assertThat(text("'2022-04-14' < deadline").params()).containsExactly(entry("cql0", LocalDate.of(2022, 4, 14)));
        assertThatThrownBy(() -> text("deadline = 'soon'")).isInstanceOf(CqlException.class)
                .hasMessage("invalid date 'soon' at position 11: expected YYYY-MM-DD");
    }

    // --- errors ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
            "prize < 100                | unknown property 'prize' at position 0; queryable properties are: name, price, landUseCode, area, buildReady, deadline, updatedAt, geometry",
            "NAME = 'x'                 | unknown property 'NAME' at position 0 (names are case-sensitive: did you mean 'name'?); queryable properties are: name, price, landUseCode, area, buildReady, deadline, updatedAt, geometry",
            "name = 'a' OR size > 1     | unknown property 'size' at position 14; queryable properties are: name, price, landUseCode, area, buildReady, deadline, updatedAt, geometry",
            "price = 'cheap'            | cannot compare property 'price' at position 0 with the string 'cheap' at position 8: a number is only comparable with a number",
            "name > 5                   | cannot compare property 'name' at position 0 with the number 5 at position 7: a string is only comparable with a string",
            "buildReady = 1             | cannot compare property 'buildReady' at position 0 with the number 1 at position 13: a boolean is only comparable with a boolean",
            "deadline = TIMESTAMP('2022-04-14T00:00:00Z') | cannot compare property 'deadline' at position 0 with the timestamp 2022-04-14T00:00:00Z at position 11: a date is only comparable with a date",
            "updatedAt > DATE('2022-04-14') | cannot compare property 'updatedAt' at position 0 with the date 2022-04-14 at position 12: a timestamp is only comparable with a timestamp",
            "price IN (1, 'two')        | cannot compare property 'price' at position 0 with the string 'two' at position 13: a number is only comparable with a number",
            "price BETWEEN 1 AND 'z'    | cannot compare property 'price' at position 0 with the string 'z' at position 20: a number is only comparable with a number",
            "price LIKE '1%'            | LIKE needs a string, but property 'price' at position 0 is a number",
            "name BETWEEN 'a' AND 'b'   | BETWEEN needs a number, date or timestamp, but property 'name' at position 0 is a string",
            "S_INTERSECTS(name, POINT(1 2)) | S_INTERSECTS needs geometries, but property 'name' at position 13 is a string",
            "S_WITHIN(geometry, 'POINT(1 2)') | S_WITHIN needs geometries, but the string 'POINT(1 2)' at position 19 is a string",
            "geometry = POINT(1 2)      | property 'geometry' at position 0 is a geometry; compare geometries with a spatial function such as S_EQUALS or S_INTERSECTS",
            "geometry IS NULL AND S_CONTAINS(geometry, nope) | unknown property 'nope' at position 42; queryable properties are: name, price, landUseCode, area, buildReady, deadline, updatedAt, geometry"})
    void refusesUnknownPropertiesAndMismatchedTypes(String filter, String message) {
        assertThatThrownBy(() -> text(filter)).isInstanceOf(CqlException.class).hasMessage(message);
    }

    @Test
    void saysWhereInTheJsonAnErrorIs() {
        assertThatThrownBy(() -> TO_SQL.translate(Cql2.parseJson("""
                {"op": "and", "args": [true, {"op": "<", "args": [{"property": "prize"}, 100]}]}"""),
                FilterCrs.DEFAULT)).isInstanceOf(CqlException.class).hasMessageStartingWith(
                        "unknown property 'prize' at $.args[1].args[0]; queryable properties are: name, price");
        assertThatThrownBy(() -> TO_SQL.translate(Cql2.parseJson("""
                {"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [90, 180]}]}"""),
                FilterCrs.DEFAULT)).isInstanceOf(CqlException.class).hasMessage(
                        "the POINT at $.args[1] has a coordinate outside CRS84's range "
                                + "(longitude -180..180, latitude -90..90): 90 180");
        assertThatThrownBy(() -> TO_SQL.translate(Cql2.parseJson("""
                {"op": "like", "args": [{"property": "price"}, "1%"]}"""), FilterCrs.DEFAULT))
                .isInstanceOf(CqlException.class)
                .hasMessage("LIKE needs a string, but property 'price' at $.args[0] is a number");
    }

    // --- the abstract test suite, on typed queryables ---

    /** /conf/basic-cql2/comparison: every operator with a value of each queryable's type. */
    @ParameterizedTest
    @EnumSource(Expression.ComparisonOperator.class)
    void comparesEveryScalarTypeWithEveryOperator(Expression.ComparisonOperator op) {
        Map<String, String> values = Map.of("name", "'foo'", "buildReady", "true", "price", "3.14", "landUseCode",
                "1", "updatedAt", "TIMESTAMP('2022-04-14T14:48:46Z')", "deadline", "DATE('2022-04-14')");
        values.forEach((property, value) -> {
            SqlFragment f = text(property + " " + op.symbol() + " " + value);
            assertThat(f.sql()).endsWith(" " + op.symbol() + " :cql0");
            assertThat(f.params()).hasSize(1);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // /conf/basic-cql2/is-null and /conf/basic-cql2/boolean
            "name IS NULL", "geometry is not null", "deadline IS NULL", "true", "false",
            // /conf/advanced-comparison-operators/like, between, in
            "name LIKE '%'", "name like '_%'", "name like ''", "name like '%%'", "name like '\\%\\_'",
            "price BETWEEN 0 AND 100", "landUseCode between 100.0 and 1.0", "price IN (1, 2, 3)",
            "name in ('foo', 'bar')", "buildReady in (true)",
            "updatedAt in ('2022-04-14T14:52:56Z', '2022-04-14T15:52:56Z')", "deadline in ('2022-04-14', '2022-04-15')",
            "((NOT name LIKE '%' AND price between 0 and 100) OR (landUseCode in (1) and NOT deadline IS NULL) or "
                    + "not (name LIKE '%' AND deadline IS NULL))",
            // /conf/basic-spatial-functions/s_intersects
            "S_INTERSECTS(geometry,BBOX(-180,-90,180,90))", "S_INTERSECTS(geometry,POINT(7.02 49.92))",
            "S_INTERSECTS(geometry,BBOX(-180,-90,-90,90)) AND S_INTERSECTS(geometry,BBOX(90,-90,180,90))",
            "S_INTERSECTS(geometry,BBOX(150,-90,-150,90))",
            // /conf/basic-spatial-functions-plus/s_intersects
            "S_INTERSECTS(geometry,LINESTRING(-180 -45, 0 -45))",
            "S_INTERSECTS(geometry,MULTILINESTRING((-180 -45, 0 -45), (0 45, 180 45)))",
            "S_INTERSECTS(geometry,POLYGON((-180 -90, -90 -90, -90 90, -180 90, -180 -90), "
                    + "(-120 -50, -100 -50, -100 -40, -120 -40, -120 -50)))",
            "S_INTERSECTS(geometry,MULTIPOLYGON(((-180 -90, -90 -90, -90 90, -180 90, -180 -90), "
                    + "(-120 -50, -100 -50, -100 -40, -120 -40, -120 -50)),((0 0, 10 0, 10 10, 0 10, 0 0))))",
            "S_INTERSECTS(geometry,GEOMETRYCOLLECTION(POINT(7.02 49.92), POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))))",
            // /conf/spatial-functions/*
            "S_INTERSECTS(geometry,POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90)))",
            "S_INTERSECTS(geometry,LINESTRING(7 50, 10 51))",
            "S_DISJOINT(geometry,BBOX(-180,-90,180,90))", "S_DISJOINT(geometry,LINESTRING(7 50,10 51))",
            "S_DISJOINT(geometry,POINT(7.02 49.92))",
            "S_EQUALS(geometry,POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90)))",
            "S_EQUALS(geometry,LINESTRING(7 50,10 51))", "S_EQUALS(geometry,POINT(7.02 49.92))",
            "S_TOUCHES(geometry,BBOX(-180,-90,180,90))", "S_TOUCHES(geometry,LINESTRING(7 50,10 51))",
            "S_CROSSES(geometry,BBOX(-180,-90,180,90))", "S_CROSSES(geometry,LINESTRING(7 50,10 51))",
            "S_WITHIN(geometry,BBOX(-180,-90,180,90))", "S_WITHIN(geometry,MULTIPOINT(7 50,10 51))",
            "S_CONTAINS(geometry,BBOX(-180,-90,180,90))", "S_CONTAINS(geometry,MULTIPOINT(7 50,10 51))",
            "S_OVERLAPS(geometry,MULTIPOINT(7 50,10 51))", "S_OVERLAPS(geometry,LINESTRING(7 50,10 51))",
            "S_OVERLAPS(geometry,POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90)))",
            "S_TOUCHES(geometry,POLYGON((6.043073357781111 50.128051662794235,6.242751092156993 49.90222565367873,"
                    + "6.186320428094177 49.463802802114515,5.897759230176348 49.44266714130711,"
                    + "5.674051954784829 49.529483547557504,5.782417433300907 50.09032786722122,"
                    + "6.043073357781111 50.128051662794235)))",
            // /conf/*/logical with stored predicates
            "((NOT S_INTERSECTS(geometry,BBOX(0,40,10,50)) AND name IS NOT NULL) OR (price > 3.14 and NOT "
                    + "S_WITHIN(geometry,BBOX(-180,-90,0,90))) or not (S_INTERSECTS(geometry,BBOX(0,40,10,50)) AND "
                    + "deadline = DATE('2022-04-14')))"})
    void translatesTheAbstractTestSuiteFilters(String filter) {
        assertThatCode(() -> text(filter)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"S_INTERSECTS(geometry,POINT(90 180))", "S_DISJOINT(geometry,POINT(90 180))",
            "S_INTERSECTS(geometry,MULTIPOINT(7.02 49.92, 90 180))"})
    void refusesTheAbstractTestSuitesInvalidCoordinates(String filter) {
        assertThatThrownBy(() -> text(filter)).isInstanceOf(CqlException.class)
                .hasMessageContaining("has a coordinate outside CRS84's range");
    }

    @Test
    void mustBeGivenAnSqlExpressionForEveryQueryable() {
        assertThatThrownBy(() -> new Queryable("x", Type.STRING, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTheFilterCrsByItsUri() {
        assertThat(FilterCrs.fromUri("http://www.opengis.net/def/crs/OGC/1.3/CRS84")).contains(FilterCrs.CRS84);
        assertThat(FilterCrs.fromUri("http://www.opengis.net/def/crs/EPSG/0/4326")).contains(FilterCrs.EPSG_4326);
        assertThat(FilterCrs.fromUri("http://www.opengis.net/def/crs/EPSG/0/25833")).contains(FilterCrs.EPSG_25833);
        assertThat(FilterCrs.fromUri("http://www.opengis.net/def/crs/EPSG/0/2154")).isEmpty();
        assertThat(List.of(FilterCrs.CRS84, FilterCrs.EPSG_4326, FilterCrs.EPSG_3857))
                .extracting(FilterCrs::label).containsExactly("CRS84", "EPSG:4326", "EPSG:3857");
        assertThat(FilterCrs.of(no.arealbank.shared.SupportedCrs.EPSG_4326)).isEqualTo(FilterCrs.EPSG_4326);
        assertThat(FilterCrs.of(no.arealbank.shared.SupportedCrs.CRS84)).isEqualTo(FilterCrs.CRS84);
    }

    private static Geometry geometry(SqlFragment f, String param) {
        try {
            return new WKBReader().read((byte[]) f.params().get(param));
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
