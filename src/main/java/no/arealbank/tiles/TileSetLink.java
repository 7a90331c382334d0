package no.arealbank.tiles;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A link of the OGC API – Tiles documents; {@code templated} is true for tile URL templates holding
 * {@code {tileMatrix}}, {@code {tileRow}} and {@code {tileCol}}, and left out otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TileSetLink(String href, String rel, String type, String title, Boolean templated) {
}
