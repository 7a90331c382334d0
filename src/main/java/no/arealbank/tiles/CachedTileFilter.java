package no.arealbank.tiles;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt|.png|@2x.png} whose tile is already in the cache straight
 * from the filter chain, without Spring MVC's dispatch. It runs after Spring Security's filters (so the response
 * carries the same security headers) and writes exactly what {@link TilesController} would ({@link TileAnswer});
 * everything else — misses, a gzip representation not made yet, bad addresses, other methods — goes on to the
 * controller unchanged.
 */
@Component
class CachedTileFilter extends OncePerRequestFilter implements Ordered {

    private static final Pattern TILE = Pattern.compile("/tiles/([a-z-]{1,40})/(\\d{1,2})/(\\d{1,8})/(\\d{1,8})(@2x)?\\.(mvt|png)");

    private final TileLayers layers;
    private final TileCache cache;
    private final CacheControl cacheControl;

    CachedTileFilter(TileLayers layers, TileCache cache, TilesSettings settings) {
        this.layers = layers;
        this.cache = cache;
        this.cacheControl = CacheControl.maxAge(settings.maxAge()).cachePublic();
    }

    @Override
    public int getOrder() {
        return SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10; // just after Spring Security's chain
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !request.getRequestURI().startsWith(request.getContextPath() + "/tiles/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TileAnswer answer = cachedAnswer(request);
        if (answer == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(answer.status().value());
        answer.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        if (answer.body() != null) {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }

    private TileAnswer cachedAnswer(HttpServletRequest request) {
        Matcher m = TILE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!m.matches() || (m.group(5) != null && m.group(6).equals("mvt"))) {
            return null;
        }
        TileLayer layer = layers.find(m.group(1)).orElse(null);
        int z = Integer.parseInt(m.group(2));
        long n = 1L << Math.min(z, 31);
        long x = Long.parseLong(m.group(3));
        long y = Long.parseLong(m.group(4));
        if (layer == null || z > TileAddress.MAX_ZOOM || x >= n || y >= n) {
            return null;
        }
        TileFormat format = m.group(6).equals("mvt") ? TileFormat.MVT
                : m.group(5) == null ? TileFormat.PNG : TileFormat.PNG_2X;
        Tile t = cache.peek(new TileCache.Key(layer.id(), z, (int) x, (int) y, format));
        if (t == null) {
            return null;
        }
        boolean gzip = TileAnswer.gzip(t, format, request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        if (gzip && !t.hasGzip()) {
            return null; // the controller makes the gzip bytes once and re-weighs the cached tile
        }
        return TileAnswer.of(t, true, format, gzip, gzip ? t.gzip() : null,
                request.getHeader(HttpHeaders.IF_NONE_MATCH), cacheControl);
    }
}
