package no.arealbank.tiles;

import org.springframework.http.MediaType;

/** What a tile is served as: a vector tile, or a PNG of 256 or 512 (@2x) pixels. */
enum TileFormat {
    MVT("mvt", "application/vnd.mapbox-vector-tile", 4096),
    PNG("png", "image/png", 256),
    PNG_2X("png", "image/png", 512);

    final String extension;
    final MediaType mediaType;
    /** MVT extent, or the PNG's size in pixels. */
    final int extent;

    TileFormat(String extension, String mediaType, int extent) {
        this.extension = extension;
        this.mediaType = MediaType.parseMediaType(mediaType);
        this.extent = extent;
    }

    /** The format of a tile path's ending: {@code mvt}, {@code png} or {@code @2x.png}; null for {@code @2x.mvt}. */
    static TileFormat of(String extension, boolean twoX) {
        if (extension.equals("mvt")) {
            return twoX ? null : MVT;
        }
        return twoX ? PNG_2X : PNG;
    }

    boolean raster() {
        return this != MVT;
    }
}
