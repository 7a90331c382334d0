package no.arealbank.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of a tile: one statement per tile in which PostGIS selects by the GiST index, clips and quantizes
 * ({@code ST_AsMVTGeom}) and, for vector tiles, encodes ({@code ST_AsMVT}).
 *
 * <p>Every tiled table keeps its geometry in EPSG:3857 as well (a generated column, migration V11), so the index
 * condition compares that column with the tile's bounds computed here in Java and bound as four numbers: no plan,
 * generic or custom, can end up transforming the envelope per row, and no row is transformed to be drawn either.
 *
 * <p>{@code ST_AsMVTGeom} clips and validates every polygon (PostGIS runs it through Wagyu even when nothing needs
 * clipping), which was over half of the busiest plot tile's time (bench/tiles). A layer with a clearance column skips
 * that for the polygons that need neither: those lying within the tile and its buffer (nothing to clip) whose
 * minimum clearance — the least distance between a vertex and another vertex or a segment not its own (PostGIS
 * {@code ST_MinimumClearance}, kept per row by migration V12) — exceeds √2 output units. Snapping to the integer grid
 * moves each vertex by at most √2/2, so no vertex can reach another or a segment and the snapped polygon stays
 * valid with the same rings; it gets the same affine transform, grid and ring orientation as {@code ST_AsMVTGeom}
 * would give it. Every other polygon still goes through {@code ST_AsMVTGeom}.
 */
@Component
class TileQueries {

    /** Pixels (of 256) of data around each tile, so lines and outlines continue across tile edges. */
    static final int BUFFER_PIXELS = 16;

    /** The tile buffer at zoom {@code z} in EPSG:3857 metres: how far beyond a tile its features may reach. */
    static double bufferMetres(int z) {
        return TileAddress.size(z) * BUFFER_PIXELS / 256;
    }
    /**
     * Where the data can be (Norway with a margin, EPSG:3857); tiles outside are empty without asking the database.
     * Lon 3–32, lat 56–72; plot validation keeps plots within lon 4–31.5, lat 57.9–71.3.
     */
    static final Envelope DATA_DOMAIN = new Envelope(333958, 3562223, 7558416, 11753184);

    /**
     * How far (EPSG:3857 metres) a bounding box as PostGIS stores it (float4, rounded outwards) can reach beyond
     * the geometry: one float4 step, which is at most 2 m anywhere in EPSG:3857 (|x|, |y| < 2^25). The box a polygon
     * must lie in to skip clipping is shrunk by this much, so that "inside" by the boxes is inside for certain.
     */
    static final double BOX_ROUNDING = 2;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final JdbcClient jdbc;

    TileQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A prepared statement for one tile: the SQL and its bound values; null bounds mean "certainly empty". */
    record Statement(String sql, Map<String, Object> params) {
    }

    /** The vector tile of a layer, or an empty array when nothing is there. */
    byte[] mvt(TileLayer layer, TileAddress tile) {
        Statement s = mvtStatement(layer, tile);
        if (s == null) {
            return new byte[0];
        }
        byte[] mvt = jdbc.sql(s.sql()).params(s.params()).query(byte[].class).single();
        return mvt == null ? new byte[0] : mvt;
    }

    /** The features of a tile for drawing, geometries in pixels of a {@code size}² image (y down). */
    List<RasterFeature> raster(TileLayer layer, TileAddress tile, int size) {
        Statement s = rasterStatement(layer, tile, size);
        if (s == null) {
            return List.of();
        }
        WKBReader wkb = new WKBReader(GEOMETRY);
        List<RasterFeature> features = new ArrayList<>();
        jdbc.sql(s.sql()).params(s.params()).query(rs -> {
            try {
                features.add(new RasterFeature(wkb.read(rs.getBytes(1)), layer.id(), rs.getString(2), rs.getString(3)));
            } catch (ParseException e) {
                throw new IllegalStateException("PostGIS returned invalid WKB", e);
            }
        });
        return features;
    }

    /** The vector tile statement, or null when the tile is outside the data domain or the layer's zooms. */
    Statement mvtStatement(TileLayer layer, TileAddress tile) {
        Map<String, Object> params = bounds(layer, tile, TileFormat.MVT.extent);
        if (params == null) {
            return null;
        }
        params.put("layer", layer.id());
        String attributes = layer.attributes().stream().map(a -> a.sql() + " AS \"" + a.name() + "\"")
                .collect(Collectors.joining(", "));
        String fid = layer.idSql() == null ? "" : layer.idSql() + " AS __fid, ";
        String sql = "SELECT ST_AsMVT(t.*, :layer, :extent, 'geom'" + (layer.idSql() == null ? "" : ", '__fid'")
                + ") FROM (SELECT " + fid + attributes + ", " + clipped(layer) + " AS geom FROM " + layer.from()
                + " WHERE " + where(layer) + ") t WHERE t.geom IS NOT NULL";
        return new Statement(sql, params);
    }

    /** The raster statement (WKB in pixels, purpose, status), or null like {@link #mvtStatement}. */
    Statement rasterStatement(TileLayer layer, TileAddress tile, int size) {
        Map<String, Object> params = bounds(layer, tile, size);
        if (params == null) {
            return null;
        }
        String sql = "SELECT ST_AsBinary(t.geom), t.purpose, t.status FROM (SELECT " + clipped(layer) + " AS geom, "
                + layer.purposeSql() + " AS purpose, " + layer.statusSql() + " AS status FROM " + layer.from()
                + " WHERE " + where(layer) + (layer.idSql() == null ? "" : " ORDER BY " + layer.idSql())
                + ") t WHERE t.geom IS NOT NULL";
        return new Statement(sql, params);
    }

    static String clipped(TileLayer layer) {
        String geometry = layer.simplify() ? "ST_Simplify(" + layer.geometry() + ", :tolerance, true)" : layer.geometry();
        String clipped = "ST_AsMVTGeom(" + geometry + ", ST_MakeEnvelope(:xmin, :ymin, :xmax, :ymax, 3857), "
                + ":extent, :buffer, true)";
        if (layer.clearance() == null) {
            return clipped;
        }
        // within the tile and its buffer by the bounding boxes, which PostGIS keeps in float4 (see BOX_ROUNDING)
        return "CASE WHEN " + geometry + " @ ST_MakeEnvelope(:cxmin, :cymin, :cxmax, :cymax, 3857) AND "
                + layer.clearance() + " > :snap_clearance THEN ST_ForcePolygonCCW(ST_SnapToGrid(ST_Affine(" + geometry
                + ", :fx, 0, 0, :fy, :xoff, :yoff), 1)) ELSE " + clipped + " END";
    }

    private static String where(TileLayer layer) {
        return "(" + layer.visible() + ") AND " + layer.geometry()
                + " && ST_MakeEnvelope(:imin_x, :imin_y, :imax_x, :imax_y, 3857)";
    }

    /**
     * The bound values of a tile statement: the tile in EPSG:3857, the MVT extent and buffer, the simplification
     * tolerance, the box for the index (the tile with its buffer, within the data domain) and, for a layer with a
     * clearance, what the snap-only path needs (ST_AsMVTGeom's affine factors, the box a polygon must lie in and the
     * least clearance). Null when there can be no data.
     */
    static Map<String, Object> bounds(TileLayer layer, TileAddress tile, int extent) {
        if (!layer.covers(tile.z())) {
            return null;
        }
        Envelope e = tile.envelope();
        Envelope grown = new Envelope(e);
        grown.expandBy(bufferMetres(tile.z()));
        Envelope index = grown.intersection(DATA_DOMAIN);
        if (index.isNull()) {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("xmin", e.getMinX());
        p.put("ymin", e.getMinY());
        p.put("xmax", e.getMaxX());
        p.put("ymax", e.getMaxY());
        p.put("extent", extent);
        p.put("buffer", extent * BUFFER_PIXELS / 256);
        // half an MVT unit (EPSG:3857 metres), so simplification never moves a point by a visible amount
        p.put("tolerance", tile.size() / TileFormat.MVT.extent / 2);
        if (layer.clearance() != null) {
            // as ST_AsMVTGeom computes them, so both paths give the same coordinates
            double fx = extent / e.getWidth();
            double fy = -(extent / e.getHeight());
            p.put("fx", fx);
            p.put("fy", fy);
            p.put("xoff", -e.getMinX() * fx);
            p.put("yoff", -e.getMaxY() * fy);
            p.put("cxmin", grown.getMinX() + BOX_ROUNDING);
            p.put("cymin", grown.getMinY() + BOX_ROUNDING);
            p.put("cxmax", grown.getMaxX() - BOX_ROUNDING);
            p.put("cymax", grown.getMaxY() - BOX_ROUNDING);
            p.put("snap_clearance", Math.sqrt(2) * e.getWidth() / extent);
        }
        p.put("imin_x", index.getMinX());
        p.put("imin_y", index.getMinY());
        p.put("imax_x", index.getMaxX());
        p.put("imax_y", index.getMaxY());
        return p;
    }
}
