package no.arealbank.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import no.arealbank.features.OgcApi;

/**
 * The JSON documents of OGC API – Tiles (OGC 20-057) for the tile layers: tile matrix sets, tilesets lists and
 * tileset metadata (2D Tile Matrix Set and Tileset Metadata 2.0). Each collection has a vector tileset at
 * {@code /collections/{id}/tiles/WebMercatorQuad} (MVT, and the same layer drawn as PNG) and a map tileset at
 * {@code /collections/{id}/map/tiles/WebMercatorQuad} (PNG): the paths of the standard's geodata-tilesets class.
 * Pure functions of the layer definitions and the base URL of {@code /ogc}.
 */
final class OgcTileSets {

    private OgcTileSets() {
    }

    /** The two kinds of tileset a collection offers. */
    enum Kind {
        VECTOR("vector", "tiles", OgcApi.REL_TILESETS_VECTOR, List.of(TileFormat.MVT, TileFormat.PNG)),
        MAP("map", "map/tiles", OgcApi.REL_TILESETS_MAP, List.of(TileFormat.PNG));

        /** The tileset's {@code dataType}. */
        final String dataType;
        /** The path below the collection. */
        final String path;
        /** The relation of the collection's link to the tilesets list. */
        final String rel;
        /** The tile formats offered, the default first. */
        final List<TileFormat> formats;

        Kind(String dataType, String path, String rel, List<TileFormat> formats) {
            this.dataType = dataType;
            this.path = path;
            this.rel = rel;
            this.formats = formats;
        }

        String title(TileLayer layer) {
            return this == VECTOR ? layer.title() + " – vector tiles" : layer.title() + " – map tiles";
        }
    }

    static String tileMatrixSetHref(String base) {
        return base + "/tileMatrixSets/" + WebMercatorQuad.ID;
    }

    static String tilesetsHref(String base, TileLayer layer, Kind kind) {
        return base + "/collections/" + layer.id() + "/" + kind.path;
    }

    static String tilesetHref(String base, TileLayer layer, Kind kind) {
        return tilesetsHref(base, layer, kind) + "/" + WebMercatorQuad.ID;
    }

    /** The tile URL template of one format: {@code .../{tileMatrix}/{tileRow}/{tileCol}?f=mvt}. */
    static String tileTemplate(String base, TileLayer layer, Kind kind, TileFormat format) {
        return tilesetHref(base, layer, kind) + "/{tileMatrix}/{tileRow}/{tileCol}?f=" + format.extension;
    }

    /** {@code /tileMatrixSets}: the one set served. */
    static Map<String, Object> tileMatrixSets(String base) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("id", WebMercatorQuad.ID);
        set.put("title", WebMercatorQuad.TITLE);
        set.put("uri", WebMercatorQuad.URI);
        set.put("crs", WebMercatorQuad.CRS);
        set.put("links", List.of(new TileSetLink(tileMatrixSetHref(base), OgcApi.REL_SELF, OgcApi.JSON,
                "The definition of " + WebMercatorQuad.ID, null)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("links", List.of(new TileSetLink(base + "/tileMatrixSets", OgcApi.REL_SELF, OgcApi.JSON,
                "The tile matrix sets", null)));
        doc.put("tileMatrixSets", List.of(set));
        return doc;
    }

    /** {@code .../tiles} or {@code .../map/tiles}: the tilesets list of one collection. */
    static Map<String, Object> tilesets(String base, TileLayer layer, Kind kind) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("title", kind.title(layer));
        summary.put("dataType", kind.dataType);
        summary.put("crs", WebMercatorQuad.CRS);
        summary.put("tileMatrixSetURI", WebMercatorQuad.URI);
        summary.put("links", List.of(
                new TileSetLink(tilesetHref(base, layer, kind), OgcApi.REL_SELF, OgcApi.JSON, "The tileset", null),
                tilingScheme(base)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("links", List.of(
                new TileSetLink(tilesetsHref(base, layer, kind), OgcApi.REL_SELF, OgcApi.JSON, "These tilesets", null),
                collection(base, layer)));
        doc.put("tilesets", List.of(summary));
        return doc;
    }

    /** {@code .../tiles/WebMercatorQuad}: tileset metadata, with tile URL templates and the zoom limits. */
    static Map<String, Object> tileset(String base, TileLayer layer, Kind kind) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", kind.title(layer));
        doc.put("description", layer.description());
        doc.put("dataType", kind.dataType);
        doc.put("crs", WebMercatorQuad.CRS);
        doc.put("tileMatrixSetURI", WebMercatorQuad.URI);
        doc.put("mediaTypes", kind.formats.stream().map(f -> f.mediaType.toString()).toList());
        doc.put("attribution", TilesController.ATTRIBUTION);
        doc.put("tileMatrixSetLimits", limits(layer));
        if (kind == Kind.VECTOR) {
            doc.put("layers", List.of(vectorLayer(base, layer)));
        }
        List<TileSetLink> links = new ArrayList<>();
        links.add(new TileSetLink(tilesetHref(base, layer, kind), OgcApi.REL_SELF, OgcApi.JSON, "This tileset", null));
        links.add(tilingScheme(base));
        links.add(collection(base, layer));
        for (TileFormat format : kind.formats) {
            links.add(new TileSetLink(tileTemplate(base, layer, kind, format), OgcApi.REL_ITEM, format.mediaType.toString(),
                    (format == TileFormat.MVT ? "Mapbox vector tiles" : "PNG tiles") + " of " + layer.title(), true));
        }
        doc.put("links", links);
        return doc;
    }

    /** Every row and column of each zoom the layer is served at; other zooms are not part of the tileset. */
    static List<Map<String, Object>> limits(TileLayer layer) {
        List<Map<String, Object>> limits = new ArrayList<>();
        for (int z = layer.minZoom(); z <= layer.maxZoom(); z++) {
            long last = WebMercatorQuad.matrixSize(z) - 1;
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("tileMatrix", Integer.toString(z));
            l.put("minTileRow", 0);
            l.put("maxTileRow", last);
            l.put("minTileCol", 0);
            l.put("maxTileCol", last);
            limits.add(l);
        }
        return limits;
    }

    /** The vector layer inside each tile: its name, zooms and attributes as a JSON Schema. */
    private static Map<String, Object> vectorLayer(String base, TileLayer layer) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (TileLayer.Attribute a : layer.attributes()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", a.type());
            p.put("description", a.description());
            properties.put(a.name(), p);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("id", layer.id());
        l.put("title", layer.title());
        l.put("description", layer.description());
        l.put("dataType", Kind.VECTOR.dataType);
        l.put("minTileMatrix", Integer.toString(layer.minZoom()));
        l.put("maxTileMatrix", Integer.toString(layer.maxZoom()));
        l.put("propertiesSchema", schema);
        l.put("links", List.of(collection(base, layer)));
        return l;
    }

    private static TileSetLink tilingScheme(String base) {
        return new TileSetLink(tileMatrixSetHref(base), OgcApi.REL_TILING_SCHEME, OgcApi.JSON,
                "The tile matrix set " + WebMercatorQuad.ID, null);
    }

    private static TileSetLink collection(String base, TileLayer layer) {
        return new TileSetLink(base + "/collections/" + layer.id(), OgcApi.REL_GEODATA, OgcApi.JSON,
                "The collection " + layer.title(), null);
    }
}
