/**
 * Map tiles: every layer as Mapbox Vector Tiles (one {@code ST_AsMVT} statement per tile) and as PNG drawn in
 * Java from the same statement's clipped geometries, in the WebMercatorQuad grid; TileJSON and the OGC API Tiles
 * paths; an in-memory tile cache bounded by bytes, with strong ETags, that a plot edit invalidates exactly where
 * the old and new geometry touch. Adds OGC API – Tiles to the features module's {@code /ogc} through its
 * {@link no.arealbank.features.OgcApiExtension}.
 */
package no.arealbank.tiles;
