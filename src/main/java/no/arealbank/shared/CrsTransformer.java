package no.arealbank.shared;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.BasicCoordinateTransform;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Transforms JTS geometries between the supported CRSs with proj4j (EPSG definitions from proj4j-epsg).
 * Used on the write path, where Java must validate a geometry before it reaches the database;
 * read paths let PostGIS transform ({@code ST_Transform}).
 */
public final class CrsTransformer {

    private static final CRSFactory FACTORY = new CRSFactory();

    private CrsTransformer() {
    }

    /** Returns a transformed copy; the input is not changed. The result carries {@code to}'s SRID. */
    public static Geometry transform(Geometry geometry, int fromSrid, int toSrid) {
        Geometry copy = geometry.copy();
        if (fromSrid != toSrid) {
            // proj4j transforms are not thread-safe: one per call (they are cheap to build from cached CRSs)
            CoordinateTransform t = new BasicCoordinateTransform(crs(fromSrid), crs(toSrid));
            copy.apply(new TransformFilter(t));
            copy.geometryChanged();
        }
        copy.setSRID(toSrid);
        return copy;
    }

    private static CoordinateReferenceSystem crs(int srid) {
        return Cache.get(srid);
    }

    private static final class Cache {
        private static final java.util.concurrent.ConcurrentHashMap<Integer, CoordinateReferenceSystem> CRS =
                new java.util.concurrent.ConcurrentHashMap<>();

        static CoordinateReferenceSystem get(int srid) {
            return CRS.computeIfAbsent(srid, s -> FACTORY.createFromName("EPSG:" + s));
        }
    }

    private record TransformFilter(CoordinateTransform transform) implements CoordinateSequenceFilter {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            ProjCoordinate out = transform.transform(new ProjCoordinate(seq.getX(i), seq.getY(i)), new ProjCoordinate());
            seq.setOrdinate(i, 0, out.x);
            seq.setOrdinate(i, 1, out.y);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
