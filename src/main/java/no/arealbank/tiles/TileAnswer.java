package no.arealbank.tiles;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The HTTP answer for a tile, the same whether it leaves through the controller or the cached-tile fast path:
 * strong ETag (304 for a matching {@code If-None-Match}), {@code Cache-Control}, {@code Vary}, CORS,
 * {@code X-Cache}, gzip when accepted, 204 for an empty vector tile.
 */
record TileAnswer(HttpStatus status, HttpHeaders headers, byte[] body) {

    /** Whether the client takes the gzip representation of this tile. */
    static boolean gzip(Tile t, TileFormat format, String acceptEncoding) {
        return format == TileFormat.MVT && !t.empty() && acceptsGzip(acceptEncoding);
    }

    /** {@code gzipBytes} must be the tile's gzip bytes when {@link #gzip} is true, else it is not used. */
    static TileAnswer of(Tile t, boolean hit, TileFormat format, boolean gzip, byte[] gzipBytes, String ifNoneMatch,
            CacheControl cacheControl) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(gzip ? t.gzipEtag() : t.etag());
        headers.setCacheControl(cacheControl);
        headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        headers.set("X-Cache", hit ? "HIT" : "MISS");
        if (matches(ifNoneMatch, t)) {
            return new TileAnswer(HttpStatus.NOT_MODIFIED, headers, null);
        }
        if (t.empty()) {
            return new TileAnswer(HttpStatus.NO_CONTENT, headers, null);
        }
        headers.setContentType(format.mediaType);
        // said explicitly, so Spring MVC adds no download name of its own (it would for a path ending in .mvt)
        headers.set(HttpHeaders.CONTENT_DISPOSITION, "inline");
        if (gzip) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
            return new TileAnswer(HttpStatus.OK, headers, gzipBytes);
        }
        return new TileAnswer(HttpStatus.OK, headers, t.body());
    }

    /** Weak comparison (RFC 9110 13.1.2): either representation's tag, with or without W/, or *. */
    private static boolean matches(String ifNoneMatch, Tile t) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String s = tag.trim();
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            if (s.equals("*") || s.equals(t.etag()) || s.equals(t.gzipEtag())) {
                return true;
            }
        }
        return false;
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equalsIgnoreCase("gzip")) {
                return p.length < 2 || !p[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }
}
