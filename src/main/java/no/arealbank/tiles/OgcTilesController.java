package no.arealbank.tiles;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import no.arealbank.features.OgcApi;
import no.arealbank.shared.Problems;
import no.arealbank.tiles.OgcTileSets.Kind;

/**
 * OGC API – Tiles (OGC 20-057) under {@code /ogc}, WebMercatorQuad only: the tile matrix sets, and per collection a
 * vector tileset ({@code /tiles}: MVT by default, PNG by {@code f=png} or {@code Accept: image/png}) and a map
 * tileset ({@code /map/tiles}: PNG). Tiles are the very answers of {@code /tiles/{layer}/{z}/{x}/{y}} (same bytes,
 * ETags, 304, gzip and 204 for an empty vector tile), with tileRow = y and tileCol = x.
 *
 * <p>Errors follow {@code /req/core/tc-error}: a tile matrix, row or column outside the tile matrix set or the
 * tileset's {@code tileMatrixSetLimits} is 404; a row or column that is not a number is 400; an unsupported
 * {@code f} or {@code Accept} is 406.
 */
@RestController
@RequestMapping("/ogc")
class OgcTilesController {

    private static final Pattern TILE_NUMBER = Pattern.compile("\\d{1,9}");

    private final TileLayers layers;
    private final TilesController tiles;

    OgcTilesController(TileLayers layers, TilesController tiles) {
        this.layers = layers;
        this.tiles = tiles;
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/ogc").toUriString();
    }

    @GetMapping("/tileMatrixSets")
    ResponseEntity<Map<String, Object>> tileMatrixSets(@RequestParam(required = false) String f) {
        return json(f, OgcTileSets.tileMatrixSets(base()));
    }

    @GetMapping("/tileMatrixSets/{tileMatrixSetId}")
    ResponseEntity<Map<String, Object>> tileMatrixSet(@PathVariable String tileMatrixSetId,
            @RequestParam(required = false) String f) {
        tileMatrixSetOr404(tileMatrixSetId);
        return json(f, WebMercatorQuad.definition(OgcTileSets.tileMatrixSetHref(base())));
    }

    @GetMapping("/collections/{collectionId}/tiles")
    ResponseEntity<Map<String, Object>> vectorTilesets(@PathVariable String collectionId,
            @RequestParam(required = false) String f) {
        return json(f, OgcTileSets.tilesets(base(), layerOr404(collectionId), Kind.VECTOR));
    }

    @GetMapping("/collections/{collectionId}/tiles/{tileMatrixSetId}")
    ResponseEntity<Map<String, Object>> vectorTileset(@PathVariable String collectionId,
            @PathVariable String tileMatrixSetId, @RequestParam(required = false) String f) {
        TileLayer layer = layerOr404(collectionId);
        tileMatrixSetOr404(tileMatrixSetId);
        return json(f, OgcTileSets.tileset(base(), layer, Kind.VECTOR));
    }

    @GetMapping("/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> vectorTile(@PathVariable String collectionId, @PathVariable String tileMatrixSetId,
            @PathVariable String tileMatrix, @PathVariable String tileRow, @PathVariable String tileCol,
            @RequestParam(required = false) String f,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        return tile(Kind.VECTOR, collectionId, tileMatrixSetId, tileMatrix, tileRow, tileCol, f, accept, ifNoneMatch,
                acceptEncoding);
    }

    @GetMapping("/collections/{collectionId}/map/tiles")
    ResponseEntity<Map<String, Object>> mapTilesets(@PathVariable String collectionId,
            @RequestParam(required = false) String f) {
        return json(f, OgcTileSets.tilesets(base(), layerOr404(collectionId), Kind.MAP));
    }

    @GetMapping("/collections/{collectionId}/map/tiles/{tileMatrixSetId}")
    ResponseEntity<Map<String, Object>> mapTileset(@PathVariable String collectionId,
            @PathVariable String tileMatrixSetId, @RequestParam(required = false) String f) {
        TileLayer layer = layerOr404(collectionId);
        tileMatrixSetOr404(tileMatrixSetId);
        return json(f, OgcTileSets.tileset(base(), layer, Kind.MAP));
    }

    @GetMapping("/collections/{collectionId}/map/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> mapTile(@PathVariable String collectionId, @PathVariable String tileMatrixSetId,
            @PathVariable String tileMatrix, @PathVariable String tileRow, @PathVariable String tileCol,
            @RequestParam(required = false) String f,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        return tile(Kind.MAP, collectionId, tileMatrixSetId, tileMatrix, tileRow, tileCol, f, accept, ifNoneMatch,
                acceptEncoding);
    }

    private ResponseEntity<byte[]> tile(Kind kind, String collectionId, String tileMatrixSetId, String tileMatrix,
            String tileRow, String tileCol, String f, String accept, String ifNoneMatch, String acceptEncoding) {
        TileLayer layer = layerOr404(collectionId);
        tileMatrixSetOr404(tileMatrixSetId);
        TileFormat format = negotiate(kind.formats, f, accept);
        OptionalInt zoom = WebMercatorQuad.zoom(tileMatrix);
        if (zoom.isEmpty()) {
            throw notFound("No tile matrix '" + tileMatrix + "' in " + WebMercatorQuad.ID + " (0 to "
                    + TileAddress.MAX_ZOOM + ")");
        }
        int z = zoom.getAsInt();
        if (!layer.covers(z)) {
            throw notFound("Tile matrix " + z + " is outside the tileMatrixSetLimits of " + layer.id() + " ("
                    + layer.minZoom() + " to " + layer.maxZoom() + ")");
        }
        long row = tileNumber(tileRow, "tileRow");
        long col = tileNumber(tileCol, "tileCol");
        long size = WebMercatorQuad.matrixSize(z);
        if (row >= size || col >= size) {
            throw notFound("No tile " + tileRow + "/" + tileCol + " in tile matrix " + z + ": rows and columns are 0 to "
                    + (size - 1));
        }
        ResponseEntity<byte[]> answer = tiles.respond(layer, new TileAddress(z, (int) col, (int) row), format,
                ifNoneMatch, acceptEncoding);
        // the representation depends on Accept as well as on Accept-Encoding
        HttpHeaders headers = HttpHeaders.copyOf(answer.getHeaders());
        headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT + ", " + HttpHeaders.ACCEPT_ENCODING);
        return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
    }

    /**
     * The tile format: {@code f} names it ({@code mvt}, {@code png}); without {@code f}, the most preferred of the
     * offered media types that {@code Accept} allows, the first offered on a tie or without {@code Accept}.
     */
    static TileFormat negotiate(List<TileFormat> offered, String f, String accept) {
        if (f != null) {
            return offered.stream().filter(t -> t.extension.equals(f)).findFirst().orElseThrow(() -> notAcceptable(
                    "Format '" + f + "' is not offered here; use f=" + String.join(" or f=",
                            offered.stream().map(t -> t.extension).toList())));
        }
        if (accept == null || accept.isBlank()) {
            return offered.get(0);
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMimeTypeException e) {
            throw notAcceptable("Cannot read the Accept header");
        }
        TileFormat best = null;
        double bestQuality = 0;
        for (TileFormat format : offered) {
            double quality = 0;
            for (MediaType range : ranges) {
                if (range.includes(format.mediaType)) {
                    quality = Math.max(quality, range.getQualityValue());
                }
            }
            if (quality > bestQuality) {
                best = format;
                bestQuality = quality;
            }
        }
        if (best == null) {
            throw notAcceptable("None of the accepted media types is offered; tiles here are "
                    + offered.stream().map(t -> t.mediaType.toString()).toList());
        }
        return best;
    }

    private static long tileNumber(String value, String name) {
        if (!TILE_NUMBER.matcher(value).matches()) {
            ProblemDetail pd = Problems.forField(HttpStatus.BAD_REQUEST, "Invalid parameter value", name,
                    "'" + value + "' is not a tile " + (name.equals("tileRow") ? "row" : "column") + " number");
            pd.setProperty("code", "InvalidParameterValue");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, pd, null);
        }
        return Long.parseLong(value);
    }

    private static ResponseEntity<Map<String, Object>> json(String f, Map<String, Object> document) {
        if (f != null && !f.equals("json")) {
            throw notAcceptable("Format '" + f + "' is not offered here; use f=json");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*").body(document);
    }

    private TileLayer layerOr404(String id) {
        return layers.find(id).orElseThrow(() -> notFound("No collection '" + id + "' with tiles"));
    }

    private static void tileMatrixSetOr404(String id) {
        if (!WebMercatorQuad.ID.equals(id)) {
            throw notFound("No tile matrix set '" + id + "'; the only one is " + WebMercatorQuad.ID);
        }
    }

    private static ErrorResponseException notFound(String detail) {
        ErrorResponseException e = Problems.notFound(detail);
        e.getBody().setProperty("code", "NotFound");
        return e;
    }

    private static ErrorResponseException notAcceptable(String detail) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE, detail);
        pd.setTitle("Not acceptable");
        pd.setProperty("code", "InvalidParameterValue");
        return new ErrorResponseException(HttpStatus.NOT_ACCEPTABLE, pd, null);
    }
}
