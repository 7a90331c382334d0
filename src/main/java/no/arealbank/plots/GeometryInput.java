package no.arealbank.plots;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import no.arealbank.shared.CrsTransformer;
import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.databind.JsonNode;

/**
 * Turns a client's GeoJSON geometry into a valid MultiPolygon in EPSG:25832, or says precisely what is wrong:
 * parsing by JTS ({@code GeoJsonReader}), validity by {@code IsValidOp} (with the offending coordinate in the
 * client's CRS), the vertex limit, and Norway's extent. Transformation by proj4j.
 */
final class GeometryInput {

    static final String POINTER = "/geometry";

    private GeometryInput() {
    }

    record Result(MultiPolygon geometry, List<FieldProblem> problems) {
    }

    static Result parse(JsonNode node, SupportedCrs crs, PlotSettings settings, GeometryFactory factory) {
        List<FieldProblem> problems = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            problems.add(new FieldProblem(POINTER, "a Polygon or MultiPolygon geometry is required"));
            return new Result(null, problems);
        }
        Geometry g;
        try {
            g = new GeoJsonReader(new GeometryFactory(factory.getPrecisionModel(), crs.srid())).read(node.toString());
        } catch (ParseException | RuntimeException e) {
            problems.add(new FieldProblem(POINTER, "not a GeoJSON geometry: " + e.getMessage()));
            return new Result(null, problems);
        }
        if (!(g instanceof Polygon) && !(g instanceof MultiPolygon)) {
            problems.add(new FieldProblem(POINTER + "/type", "must be Polygon or MultiPolygon, not " + g.getGeometryType()));
            return new Result(null, problems);
        }
        if (g.isEmpty()) {
            problems.add(new FieldProblem(POINTER + "/coordinates", "the polygon has no coordinates"));
            return new Result(null, problems);
        }
        int vertices = g.getNumPoints();
        if (vertices > settings.maxVertices()) {
            problems.add(new FieldProblem(POINTER + "/coordinates",
                    "too many vertices: " + vertices + " (at most " + settings.maxVertices() + ")"));
            return new Result(null, problems);
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                problems.add(new FieldProblem(POINTER + "/coordinates", "coordinates must be finite numbers"));
                return new Result(null, problems);
            }
        }
        Geometry lonLat = crs.srid() == 4326 ? g : CrsTransformer.transform(g, crs.srid(), 4326);
        Coordinate[] inputCoords = g.getCoordinates();
        Coordinate[] lonLatCoords = lonLat.getCoordinates();
        for (int i = 0; i < lonLatCoords.length; i++) {
            Coordinate c = lonLatCoords[i];
            if (c.x < settings.minLon() || c.x > settings.maxLon() || c.y < settings.minLat() || c.y > settings.maxLat()) {
                problems.add(new FieldProblem(POINTER + "/coordinates",
                        "outside Norway: (" + inputCoords[i].x + ", " + inputCoords[i].y + ") in " + crs.uri()
                                + " is not within lon " + settings.minLon() + "–" + settings.maxLon() + ", lat "
                                + settings.minLat() + "–" + settings.maxLat(),
                        new double[] {inputCoords[i].x, inputCoords[i].y}));
                return new Result(null, problems);
            }
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            problems.add(new FieldProblem(POINTER, error.getMessage() + " at (" + at.x + ", " + at.y + ")",
                    new double[] {at.x, at.y}));
            return new Result(null, problems);
        }
        Geometry stored = CrsTransformer.transform(g, crs.srid(), SupportedCrs.STORAGE_SRID);
        TopologyValidationError afterTransform = new IsValidOp(stored).getValidationError();
        if (afterTransform != null) {
            problems.add(new FieldProblem(POINTER, afterTransform.getMessage() + " after transformation to EPSG:25832"));
            return new Result(null, problems);
        }
        MultiPolygon multi = stored instanceof MultiPolygon mp ? mp
                : factory.createMultiPolygon(new Polygon[] {(Polygon) stored});
        multi.setSRID(SupportedCrs.STORAGE_SRID);
        return new Result(multi, problems);
    }
}
