package no.arealbank.tiles;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.locationtech.jts.geom.util.AffineTransformation;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Service;

/**
 * Tiles through the cache: rendered by PostGIS (MVT) or drawn from PostGIS's clipped geometries (PNG).
 *
 * <p>At most {@code arealbank.tiles.max-renders} tile statements run at once, the rest wait in arrival order: a
 * tile statement is pure CPU in the database, so more at once than there are processors only slices them thinner
 * (everyone finishes late, some much later) and holds pool connections the rest of the service needs.
 */
@Service
class TileService {

    private final TileQueries queries;
    private final TileCache cache;
    private final PngTileRenderer png;
    private final TileOccupancy occupancy;
    private final Semaphore renders;
    private final CacheControl cacheControl;

    TileService(TileQueries queries, TileCache cache, PngTileRenderer png, TileOccupancy occupancy,
            TilesSettings settings) {
        this.queries = queries;
        this.cache = cache;
        this.png = png;
        this.occupancy = occupancy;
        int permits = settings.maxRenders() > 0 ? settings.maxRenders() : Runtime.getRuntime().availableProcessors();
        this.renders = new Semaphore(permits, true);
        this.cacheControl = settings.cacheControl();
    }

    /**
     * The HTTP answer for a tile, from the cache or rendered now; the one place both {@link TileRequestFilter} and
     * {@link TilesController} (and through it the OGC API Tiles paths) get it from.
     */
    TileAnswer answer(TileLayer layer, TileAddress address, TileFormat format, String ifNoneMatch,
            String acceptEncoding) {
        TileCache.Lookup lookup = tile(layer, address, format);
        Tile t = lookup.tile();
        boolean gzip = TileAnswer.gzip(t, format, acceptEncoding);
        return TileAnswer.of(t, lookup.hit(), format, gzip, gzip ? gzip(layer, address, t) : null, ifNoneMatch,
                cacheControl);
    }

    TileCache.Lookup tile(TileLayer layer, TileAddress address, TileFormat format) {
        TileCache.Key key = new TileCache.Key(layer.id(), address.z(), address.x(), address.y(), format);
        return cache.get(key, () -> new Tile(render(layer, address, format)));
    }

    /** The gzip bytes of a vector tile; made once, then kept with the tile. */
    private byte[] gzip(TileLayer layer, TileAddress address, Tile tile) {
        boolean made = tile.hasGzip();
        byte[] gzip = tile.gzip();
        if (!made) {
            cache.grown(new TileCache.Key(layer.id(), address.z(), address.x(), address.y(), TileFormat.MVT), tile);
        }
        return gzip;
    }

    /** Runs a tile statement when a render permit is free. */
    private <T> T inTurn(Supplier<T> statement) {
        try {
            renders.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to render a tile", e);
        }
        try {
            return statement.get();
        } finally {
            renders.release();
        }
    }

    private byte[] render(TileLayer layer, TileAddress address, TileFormat format) {
        if (!occupancy.mayHoldFeatures(layer, address)) {
            return format.raster() ? png.empty(format.extent) : new byte[0];
        }
        if (!format.raster()) {
            return inTurn(() -> queries.mvt(layer, address));
        }
        // PostGIS clips and snaps to the output's pixels; the renderer draws in a 256 grid and scales @2x itself
        List<RasterFeature> features = inTurn(() -> queries.raster(layer, address, format.extent));
        if (features.isEmpty()) {
            return png.empty(format.extent);
        }
        if (format.extent != PngTileRenderer.TILE_SIZE) {
            AffineTransformation toTileGrid = AffineTransformation.scaleInstance(
                    (double) PngTileRenderer.TILE_SIZE / format.extent, (double) PngTileRenderer.TILE_SIZE / format.extent);
            features = features.stream().map(f -> new RasterFeature(toTileGrid.transform(f.geometry()), f.layer(),
                    f.purpose(), f.availability())).toList();
        }
        return png.render(features, format.extent);
    }
}
