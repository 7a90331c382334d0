package no.arealbank.tiles;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every well-formed {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt|.png|@2x.png} straight from the filter chain,
 * from the cache or rendered now, without Spring MVC's dispatch: handler lookup, argument resolution and message
 * conversion cost the service more CPU per uncached light tile than the tile's own statement in the database
 * (bench/tiles, measured with JFR and /proc). It runs after Spring Security's filters, so the response carries the
 * same security headers, and writes exactly what {@link TilesController} would ({@link TileAnswer}). Everything
 * else — unknown layers, bad numbers, other methods, and any failure while rendering — goes on to the controller,
 * which answers with its problem details.
 */
@Component
class TileRequestFilter extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(TileRequestFilter.class);
    private static final Pattern TILE = Pattern.compile("/tiles/([a-z-]{1,40})/(\\d{1,2})/(\\d{1,8})/(\\d{1,8})(@2x)?\\.(mvt|png)");

    private final TileLayers layers;
    private final TileService tiles;

    TileRequestFilter(TileLayers layers, TileService tiles) {
        this.layers = layers;
        this.tiles = tiles;
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
        TileAnswer answer = answer(request);
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

    /** The answer for a well-formed tile address, or null to leave the request to the controller. */
    private TileAnswer answer(HttpServletRequest request) {
        Matcher m = TILE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        TileFormat format = m.matches() ? TileFormat.of(m.group(6), m.group(5) != null) : null;
        if (format == null) {
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
        try {
            return tiles.answer(layer, new TileAddress(z, (int) x, (int) y), format,
                    request.getHeader(HttpHeaders.IF_NONE_MATCH), request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        } catch (RuntimeException e) {
            // the controller tries again and turns the failure into its problem details (e.g. 503 without a database)
            log.debug("tile {} failed in the fast path; the controller answers", request.getRequestURI(), e);
            return null;
        }
    }
}
