package no.arealbank.tiles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import no.arealbank.features.OgcApi;

/**
 * The one tile matrix set the OGC API – Tiles paths serve: WebMercatorQuad as registered by OGC
 * ({@value #URI}), the grid of {@link TileAddress}, zoom 0 to {@link TileAddress#MAX_ZOOM}.
 */
final class WebMercatorQuad {

    static final String ID = "WebMercatorQuad";
    static final String URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    static final String CRS = "http://www.opengis.net/def/crs/EPSG/0/3857";
    static final String TITLE = "Google Maps Compatible for the World";
    static final int TILE_SIZE = 256;
    /** The standardized rendering pixel size of OGC tile matrix sets (0.28 mm), which turns cell sizes into scales. */
    private static final double PIXEL_SIZE_M = 0.00028;
    private static final Pattern TILE_MATRIX_ID = Pattern.compile("0|[1-9]\\d?");

    private WebMercatorQuad() {
    }

    /** The zoom a tile matrix id names, if it is one of this set's ({@code "0"} to {@code "22"}, no leading zeros). */
    static OptionalInt zoom(String tileMatrix) {
        if (tileMatrix == null || !TILE_MATRIX_ID.matcher(tileMatrix).matches()) {
            return OptionalInt.empty();
        }
        int z = Integer.parseInt(tileMatrix);
        return z <= TileAddress.MAX_ZOOM ? OptionalInt.of(z) : OptionalInt.empty();
    }

    /** Tiles along one side of the matrix at zoom {@code z}. */
    static long matrixSize(int z) {
        return 1L << z;
    }

    /** Metres (EPSG:3857) per pixel at zoom {@code z}. */
    static double cellSize(int z) {
        return 2 * TileAddress.WORLD / TILE_SIZE / matrixSize(z);
    }

    /**
     * The definition in the JSON encoding of the 2D Tile Matrix Set standard 2.0 (OGC 17-083r4), computed from the
     * grid. Each level also carries its 1.0 names ({@code identifier}, {@code topLeftCorner}, and
     * {@code supportedCRS} at the top): GDAL before 3.7 reads only those, and the 2.0 schema allows extra members.
     */
    static Map<String, Object> definition(String selfHref) {
        List<Double> origin = List.of(-TileAddress.WORLD, TileAddress.WORLD);
        Map<String, Object> tms = new LinkedHashMap<>();
        tms.put("id", ID);
        tms.put("title", TITLE);
        tms.put("uri", URI);
        tms.put("crs", CRS);
        tms.put("orderedAxes", List.of("X", "Y"));
        tms.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
        Map<String, Object> bbox = new LinkedHashMap<>();
        bbox.put("lowerLeft", List.of(-TileAddress.WORLD, -TileAddress.WORLD));
        bbox.put("upperRight", List.of(TileAddress.WORLD, TileAddress.WORLD));
        bbox.put("crs", CRS);
        tms.put("boundingBox", bbox);
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (int z = 0; z <= TileAddress.MAX_ZOOM; z++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Integer.toString(z));
            m.put("scaleDenominator", BigDecimal.valueOf(cellSize(z) / PIXEL_SIZE_M));
            m.put("cellSize", BigDecimal.valueOf(cellSize(z)));
            m.put("cornerOfOrigin", "topLeft");
            m.put("pointOfOrigin", origin);
            m.put("tileWidth", TILE_SIZE);
            m.put("tileHeight", TILE_SIZE);
            m.put("matrixWidth", matrixSize(z));
            m.put("matrixHeight", matrixSize(z));
            m.put("identifier", Integer.toString(z));
            m.put("topLeftCorner", origin);
            matrices.add(m);
        }
        tms.put("tileMatrices", matrices);
        tms.put("supportedCRS", CRS);
        tms.put("links", List.of(new TileSetLink(selfHref, OgcApi.REL_SELF, OgcApi.JSON, "This tile matrix set", null)));
        return tms;
    }
}
