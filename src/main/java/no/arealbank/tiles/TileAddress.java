package no.arealbank.tiles;

import org.locationtech.jts.geom.Envelope;

/**
 * A tile of the WebMercatorQuad grid (EPSG:3857, 256 px tiles, origin top left): zoom, column, row.
 */
record TileAddress(int z, int x, int y) {

    /** Half the width of the EPSG:3857 world. */
    static final double WORLD = 20037508.342789244;
    /** Deepest zoom level served. */
    static final int MAX_ZOOM = 22;

    TileAddress {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom must be 0 to " + MAX_ZOOM);
        }
        long n = 1L << z;
        if (x < 0 || x >= n || y < 0 || y >= n) {
            throw new IllegalArgumentException("x and y must be 0 to " + (n - 1) + " at zoom " + z);
        }
    }

    /** Width (and height) of a tile at this zoom, in EPSG:3857 metres. */
    double size() {
        return size(z);
    }

    /** Width (and height) of a tile at zoom {@code z}, in EPSG:3857 metres. */
    static double size(int z) {
        return 2 * WORLD / (1L << z);
    }

    /** The tile's bounds in EPSG:3857. */
    Envelope envelope() {
        double size = size();
        double minX = -WORLD + x * size;
        double maxY = WORLD - y * size;
        return new Envelope(minX, minX + size, maxY - size, maxY);
    }

    /** The tiles at zoom {@code z} whose bounds, grown by {@code margin} metres, meet an EPSG:3857 envelope. */
    static TileRange covering(Envelope e, int z, double margin) {
        long n = 1L << z;
        double size = 2 * WORLD / n;
        int minX = clamp((long) Math.floor((e.getMinX() - margin + WORLD) / size), n);
        int maxX = clamp((long) Math.floor((e.getMaxX() + margin + WORLD) / size), n);
        int minY = clamp((long) Math.floor((WORLD - e.getMaxY() - margin) / size), n);
        int maxY = clamp((long) Math.floor((WORLD - e.getMinY() + margin) / size), n);
        return new TileRange(z, minX, maxX, minY, maxY);
    }

    private static int clamp(long v, long n) {
        return (int) Math.max(0, Math.min(n - 1, v));
    }

    record TileRange(int z, int minX, int maxX, int minY, int maxY) {
    }
}
