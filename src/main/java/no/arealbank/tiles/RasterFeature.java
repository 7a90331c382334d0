package no.arealbank.tiles;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature for {@link PngTileRenderer}: a geometry already in tile pixel coordinates and the keys that choose
 * its style.
 *
 * @param geometry     in the pixel grid of a 256-pixel tile: x right and y down, 0..256, possibly a little beyond
 *                     for the buffer. A 512-pixel (@2x) tile draws the same coordinates scaled by 2, so both sizes
 *                     take the same geometry.
 * @param layer        the tile layer: {@code plots}, {@code zones}, {@code hazards}, {@code municipalities},
 *                     {@code business-hubs} or {@code plans}; any other value draws a grey outline
 * @param purpose      {@code housing}, {@code leisure}, {@code business}, {@code combined} or anything else
 *                     (other); may be null
 * @param availability for plots: {@code available}, {@code reserved}, {@code sold} or {@code planned}; anything
 *                     else draws as available; may be null
 */
record RasterFeature(Geometry geometry, String layer, String purpose, String availability) {
}
