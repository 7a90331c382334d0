package no.arealbank.tiles;

import java.time.Duration;

import org.springframework.http.CacheControl;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * @param cacheBytes bytes of tiles kept in memory (0 turns the cache off, e.g. to measure uncached rendering)
 * @param maxAge     how long a browser or CDN may use a tile without asking again ({@code Cache-Control: max-age});
 *                   after that it revalidates with its ETag and mostly gets 304
 * @param maxRenders how many tiles may be rendered in the database at once (0: one per processor of this machine);
 *                   the others wait their turn, first come first served
 */
@Validated
@ConfigurationProperties("arealbank.tiles")
record TilesSettings(@DefaultValue("268435456") @Min(0) long cacheBytes, @DefaultValue("60s") Duration maxAge,
        @DefaultValue("0") @Min(0) int maxRenders) {

    /** What tiles and TileJSON say to browsers and CDNs: public, for {@link #maxAge}. */
    CacheControl cacheControl() {
        return CacheControl.maxAge(maxAge).cachePublic();
    }
}
