package no.arealbank.importing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats an upload may have, recognised by the file name's extension, each to be read by exactly one GDAL
 * driver: {@link Ogr} refuses an upload that GDAL opens with any other, so a file named .geojson cannot be read as,
 * say, a VRT that reads files on the server.
 */
enum ImportFormat {
    GEOJSON("geojson", "GeoJSON", List.of(".geojson", ".json")),
    GPKG("gpkg", "GPKG", List.of(".gpkg")),
    SHAPEFILE("shapefile", "ESRI Shapefile", List.of(".zip")),
    SOSI("sosi", "SOSI", List.of(".sos", ".sosi")),
    GML("gml", "GML", List.of(".gml", ".xml"));

    final String id;
    final String driver;
    final List<String> extensions;

    ImportFormat(String id, String driver, List<String> extensions) {
        this.id = id;
        this.driver = driver;
        this.extensions = extensions;
    }

    static Optional<ImportFormat> ofFileName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (ImportFormat f : values()) {
            for (String ext : f.extensions) {
                if (lower.endsWith(ext)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The extension the stored upload gets (the client's file name is never used as a path). */
    String storedExtension() {
        return extensions.get(0);
    }

    static List<String> allExtensions() {
        return java.util.Arrays.stream(values()).flatMap(f -> f.extensions.stream()).toList();
    }
}
