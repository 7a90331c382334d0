package no.arealbank.tiles;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Rendered tiles in memory, least recently used first out when the byte budget is reached.
 *
 * <p>Invalidation is exact and race-free: each layer has a generation that every invalidation of that layer
 * increases. A tile is stored only if its layer's generation did not change while it was rendered, so a tile
 * read from the database before an edit committed can never be kept after the edit's invalidation.
 */
@Component
class TileCache {

    record Key(String layer, int z, int x, int y, TileFormat format) {
    }

    /** A tile and whether it came from the cache. */
    record Lookup(Tile tile, boolean hit) {
    }

    private final Cache<Key, Tile> cache;
    private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();

    TileCache(TilesSettings settings, MeterRegistry meters) {
        if (settings.cacheBytes() > 0) {
            cache = Caffeine.newBuilder().maximumWeight(settings.cacheBytes())
                    .weigher((Key k, Tile t) -> t.weight()).recordStats().build();
            CaffeineCacheMetrics.monitor(meters, cache, "tiles");
        } else {
            cache = null;
        }
    }

    /** The cached tile, or the rendered one (stored when no invalidation of its layer happened meanwhile). */
    Lookup get(Key key, Supplier<Tile> render) {
        if (cache == null) {
            return new Lookup(render.get(), false);
        }
        Tile cached = cache.getIfPresent(key);
        if (cached != null) {
            return new Lookup(cached, true);
        }
        long generation = generation(key.layer()).get();
        Tile tile = render.get();
        if (generation(key.layer()).get() == generation) {
            cache.put(key, tile);
            // an invalidation that started during put must still win
            if (generation(key.layer()).get() != generation) {
                cache.invalidate(key);
            }
        }
        return new Lookup(tile, false);
    }

    /** Re-weighs a tile that has grown (its gzip bytes were made), if it is still cached. */
    void grown(Key key, Tile tile) {
        if (cache != null) {
            cache.asMap().replace(key, tile, tile);
        }
    }

    /** Drops one tile in every format. Call {@link #bump} first. */
    void invalidate(String layer, int z, int x, int y) {
        if (cache != null) {
            for (TileFormat f : TileFormat.values()) {
                cache.invalidate(new Key(layer, z, x, y, f));
            }
        }
    }

    /** Starts an invalidation of a layer: tiles being rendered now will not be stored. */
    void bump(String layer) {
        generation(layer).incrementAndGet();
    }

    /** Drops every tile of a layer (bulk changes such as an import or the sample reset). */
    void invalidateLayer(String layer) {
        bump(layer);
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> k.layer().equals(layer));
        }
    }

    private AtomicLong generation(String layer) {
        return generations.computeIfAbsent(layer, l -> new AtomicLong());
    }
}
