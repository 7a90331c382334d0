package no.arealbank.tiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** TileJSON 3.0.0 documents of the tile layers, with their vector layer's fields. */
@Component
class TileJson {

    private final JdbcClient jdbc;

    TileJson(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Object> describe(TileLayer layer, String base) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tilejson", "3.0.0");
        doc.put("name", layer.title());
        doc.put("description", layer.description());
        doc.put("version", "1.0.0");
        doc.put("attribution", TilesController.ATTRIBUTION);
        doc.put("scheme", "xyz");
        doc.put("tiles", List.of(base + "/" + layer.id() + "/{z}/{x}/{y}.mvt"));
        doc.put("minzoom", layer.minZoom());
        doc.put("maxzoom", layer.maxZoom());
        double[] bounds = regionBounds();
        doc.put("bounds", bounds);
        doc.put("center", new double[] {round((bounds[0] + bounds[2]) / 2), round((bounds[1] + bounds[3]) / 2),
                Math.max(layer.minZoom(), 7)});
        Map<String, String> fields = new LinkedHashMap<>();
        layer.attributes().forEach(a -> fields.put(a.name(), a.description() + " (" + switch (a.type()) {
            case "integer", "number" -> "Number";
            case "boolean" -> "Boolean";
            default -> "String";
        } + ")"));
        Map<String, Object> vectorLayer = new LinkedHashMap<>();
        vectorLayer.put("id", layer.id());
        vectorLayer.put("description", layer.description());
        vectorLayer.put("minzoom", layer.minZoom());
        vectorLayer.put("maxzoom", layer.maxZoom());
        vectorLayer.put("fields", fields);
        doc.put("vector_layers", List.of(vectorLayer));
        // not part of TileJSON: the same layer as PNG for clients without vector support
        doc.put("x-raster-tiles", List.of(base + "/" + layer.id() + "/{z}/{x}/{y}.png",
                base + "/" + layer.id() + "/{z}/{x}/{y}@2x.png"));
        return doc;
    }

    /** The served municipalities' extent (lon/lat), or Norway's when no boundary is loaded. */
    private double[] regionBounds() {
        return jdbc.sql("""
                SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
                  FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(boundary)::geometry, 25832), 4326) AS e
                          FROM municipality WHERE boundary IS NOT NULL) x WHERE e IS NOT NULL""")
                .query((rs, i) -> new double[] {round(rs.getDouble(1)), round(rs.getDouble(2)), round(rs.getDouble(3)),
                        round(rs.getDouble(4))})
                .optional().orElse(new double[] {4.0, 57.9, 31.5, 71.3});
    }

    private static double round(double v) {
        return Math.round(v * 1e5) / 1e5;
    }
}
