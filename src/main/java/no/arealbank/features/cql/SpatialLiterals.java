package no.arealbank.features.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import no.arealbank.features.cql.Expression.BboxLiteral;
import no.arealbank.features.cql.Expression.GeometryLiteral;
import no.arealbank.features.cql.Expression.Literal;
import no.arealbank.shared.SupportedCrs;

/**
 * Turns a spatial literal into the geometry that is bound as WKB: in the filter CRS with x east and y north, checked
 * against the CRS's range, clipped to where features can be, and densified so PostGIS transforms its edges, not just
 * its corners.
 */
final class SpatialLiterals {

    static final int STORAGE_SRID = SupportedCrs.STORAGE_SRID;

    /**
     * Where features can lie, in each filter CRS's own coordinates. The lon/lat box is FeatureQueries.WORLD_CLAMP
     * (10°W–40°E, 50°N–85°N, far around Norway and Svalbard); the projected ones are its densified envelope
     * transformed with PostGIS and rounded outwards. Transverse Mercator cannot take a literal spanning the globe:
     * BBOX(-180,-90,180,90) would come out as a sliver between the poles and a point at 180° lands far off, so
     * literals are clipped to this box before PostGIS transforms them. Since no feature comes near the box's edges,
     * clipping changes no spatial function's answer.
     */
    private static final Map<Integer, Envelope> DOMAIN = Map.of(
            4326, new Envelope(-10, 40, 50, 85),
            3857, new Envelope(-1_113_195, 4_452_780, 6_446_275, 19_971_869),
            25833, new Envelope(-1_280_095, 2_280_095, 5_538_630, 9_491_806),
            25832, new Envelope(-856_924, 2_697_712, 5_538_630, 9_519_145));

    private static final GeometryFactory FACTORY = Literals.GEOMETRY_FACTORY;

    private SpatialLiterals() {
    }

    /** The literal as 2D WKB in the filter CRS, x east and y north. */
    static byte[] wkb(Literal literal, FilterCrs crs) {
        return new WKBWriter(2).write(geometry(literal, crs));
    }

    static Geometry geometry(Literal literal, FilterCrs crs) {
        Geometry g = literal instanceof BboxLiteral b ? bbox(b, crs) : fromGeometry((GeometryLiteral) literal, crs);
        g = clip(g, DOMAIN.get(crs.srid()));
        if (crs.srid() != STORAGE_SRID && !g.isEmpty()) {
            // Edges are straight in the filter CRS but curve in EPSG:25832; a 1° wide box at 60°N bows about 100 m.
            // Segments of at most 0.01° (1000 m) keep the error near a centimetre; the cap on vertex count
            // (about 200 per side) relaxes that only for literals far larger than a municipality.
            Envelope e = g.getEnvelopeInternal();
            double base = crs.isGeographic() ? 0.01 : 1000;
            g = Densifier.densify(g, Math.max(base, Math.max(e.getWidth(), e.getHeight()) / 200));
        }
        return g;
    }

    private static Geometry fromGeometry(GeometryLiteral literal, FilterCrs crs) {
        Geometry g = literal.geometry().copy();
        if (crs.latitudeFirst()) {
            g.apply(SWAP_XY);
        }
        if (crs.isGeographic()) {
            for (Coordinate c : g.getCoordinates()) {
                if (c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90) {
                    throw new CqlException("the " + g.getGeometryType().toUpperCase(Locale.ROOT) + " at "
                            + literal.at() + " has a coordinate outside " + range(crs) + ": "
                            + (crs.latitudeFirst() ? num(c.y) + " " + num(c.x) : num(c.x) + " " + num(c.y)));
                }
            }
        }
        return g;
    }

    /** CQL2's BBOX: an envelope; in a geographic CRS a west edge east of the east edge crosses the antimeridian. */
    private static Geometry bbox(BboxLiteral b, FilterCrs crs) {
        double[] n = {b.minX(), b.minY(), b.maxX(), b.maxY()};
        for (double v : n) {
            if (!Double.isFinite(v)) {
                throw new CqlException("the BBOX at " + b.at() + " has a number that is not finite");
            }
        }
        if (crs.latitudeFirst()) {
            n = new double[] {b.minY(), b.minX(), b.maxY(), b.maxX()};
        }
        if (crs.isGeographic() && (n[0] < -180 || n[0] > 180 || n[2] < -180 || n[2] > 180 || n[1] < -90 || n[1] > 90
                || n[3] < -90 || n[3] > 90)) {
            throw new CqlException("the BBOX at " + b.at() + " lies outside " + range(crs));
        }
        if (n[1] > n[3]) {
            throw new CqlException("the BBOX at " + b.at() + " has its lower " + (crs.isGeographic() ? "latitude"
                    : "y") + " (" + num(n[1]) + ") above its upper (" + num(n[3]) + ")");
        }
        if (n[0] <= n[2]) {
            return FACTORY.toGeometry(new Envelope(n[0], n[2], n[1], n[3]));
        }
        if (!crs.isGeographic()) {
            throw new CqlException("the BBOX at " + b.at() + " has its lower x (" + num(n[0]) + ") above its upper ("
                    + num(n[2]) + ")");
        }
        return FACTORY.createGeometryCollection(new Geometry[] {
                FACTORY.toGeometry(new Envelope(n[0], 180, n[1], n[3])),
                FACTORY.toGeometry(new Envelope(-180, n[2], n[1], n[3]))}).union();
    }

    private static Geometry clip(Geometry g, Envelope domain) {
        if (domain.covers(g.getEnvelopeInternal())) {
            return g;
        }
        if (g.getClass() == GeometryCollection.class) { // the overlay takes no mixed collections: clip each part
            List<Geometry> parts = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Geometry part = clip(g.getGeometryN(i), domain);
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return FACTORY.createGeometryCollection(parts.toArray(Geometry[]::new));
        }
        return OverlayNGRobust.overlay(g, FACTORY.toGeometry(domain), OverlayNG.INTERSECTION);
    }

    private static String range(FilterCrs crs) {
        return crs.label() + "'s range (" + (crs.latitudeFirst() ? "latitude -90..90, longitude -180..180"
                : "longitude -180..180, latitude -90..90") + ")";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static final CoordinateSequenceFilter SWAP_XY = new CoordinateSequenceFilter() {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            double x = seq.getOrdinate(i, CoordinateSequence.X);
            seq.setOrdinate(i, CoordinateSequence.X, seq.getOrdinate(i, CoordinateSequence.Y));
            seq.setOrdinate(i, CoordinateSequence.Y, x);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    };
}
