package no.arealbank.tiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import no.arealbank.shared.BadParameterException;
import no.arealbank.shared.Problems;

/**
 * {@code /tiles/{layer}/{z}/{x}/{y}.mvt}, {@code .png} and {@code @2x.png} (WebMercatorQuad, XYZ order), TileJSON
 * 3.0 at {@code /tiles/{layer}.json} and the list of layers at {@code /tiles}.
 *
 * <p>Every tile answer carries a strong ETag (304 for a matching {@code If-None-Match}), {@code Cache-Control} for
 * browsers and CDNs, and {@code X-Cache: HIT|MISS}. Vector tiles are gzip-compressed when the client accepts it;
 * an empty vector tile is {@code 204 No Content}, an empty PNG a transparent image.
 */
@RestController
class TilesController {

    private static final Pattern TILE = Pattern.compile("(\\d{1,8})(@2x)?\\.(mvt|png)");
    static final String ATTRIBUTION = "Arealbank; kommunegrenser © Kartverket (CC BY 4.0)";

    private final TileLayers layers;
    private final TileService tiles;
    private final TileJson tileJson;
    private final CacheControl cacheControl;

    TilesController(TileLayers layers, TileService tiles, TileJson tileJson, TilesSettings settings) {
        this.layers = layers;
        this.tiles = tiles;
        this.tileJson = tileJson;
        this.cacheControl = settings.cacheControl();
    }

    @GetMapping("/tiles")
    Map<String, Object> list() {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/tiles").toUriString();
        List<Map<String, Object>> list = layers.all().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("title", l.title());
            m.put("minzoom", l.minZoom());
            m.put("maxzoom", l.maxZoom());
            m.put("tilejson", base + "/" + l.id() + ".json");
            m.put("mvt", base + "/" + l.id() + "/{z}/{x}/{y}.mvt");
            m.put("png", base + "/" + l.id() + "/{z}/{x}/{y}.png");
            m.put("png2x", base + "/" + l.id() + "/{z}/{x}/{y}@2x.png");
            return m;
        }).toList();
        return Map.of("layers", list);
    }

    @GetMapping("/tiles/{layer}.json")
    ResponseEntity<Map<String, Object>> tileJson(@PathVariable String layer) {
        TileLayer l = layer(layer);
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/tiles").toUriString();
        return ResponseEntity.ok().cacheControl(cacheControl).header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .body(tileJson.describe(l, base));
    }

    @GetMapping("/tiles/{layer}/{z}/{x}/{tile}")
    ResponseEntity<byte[]> tile(@PathVariable String layer, @PathVariable String z, @PathVariable String x,
            @PathVariable String tile, @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        TileLayer l = layer(layer);
        Matcher m = TILE.matcher(tile);
        TileFormat format = m.matches() ? TileFormat.of(m.group(3), m.group(2) != null) : null;
        if (format == null) {
            throw notFound("No tile '" + tile + "': tiles are {y}.mvt, {y}.png or {y}@2x.png");
        }
        TileAddress address = address(z, x, m.group(1));
        return respond(l, address, format, ifNoneMatch, acceptEncoding);
    }

    /** The HTTP answer for a tile; shared with the OGC API Tiles paths. */
    ResponseEntity<byte[]> respond(TileLayer layer, TileAddress address, TileFormat format, String ifNoneMatch,
            String acceptEncoding) {
        TileAnswer a = tiles.answer(layer, address, format, ifNoneMatch, acceptEncoding);
        return ResponseEntity.status(a.status()).headers(a.headers()).body(a.body());
    }

    TileLayer layer(String id) {
        return layers.find(id).orElseThrow(() -> notFound("No tile layer '" + id + "'; layers: "
                + layers.all().stream().map(TileLayer::id).toList()));
    }

    static TileAddress address(String z, String x, String y) {
        int zoom = number(z, "z");
        try {
            return new TileAddress(zoom, number(x, "x"), number(y, "y"));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(zoom < 0 || zoom > TileAddress.MAX_ZOOM ? "z" : "x, y", e.getMessage());
        }
    }

    private static int number(String value, String name) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "'" + value + "' is not a tile number");
        }
    }

    static ErrorResponseException notFound(String detail) {
        return Problems.notFound(detail);
    }
}
