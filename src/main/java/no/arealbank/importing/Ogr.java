package no.arealbank.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * GDAL's command-line tools as subprocesses: an argument list (never a shell string), in the import's own temp
 * directory, with a timeout, the input driver fixed by the format, and no network (no proxy, short HTTP timeout,
 * the GML driver told not to fetch schemas, drivers that follow references skipped). Output is GeoJSON in EPSG:25832 with curves stroked to line segments
 * and every polygon promoted to a MultiPolygon, one file per source layer.
 */
@Component
class Ogr {

    private static final Logger log = LoggerFactory.getLogger(Ogr.class);
    /** ogrinfo's layer list: "1: RpOmråde (Multi Surface)". */
    private static final Pattern LAYER = Pattern.compile("^\\d+: (.+?)(?: \\(([^()]*)\\))?$");
    private static final Pattern DRIVER = Pattern.compile("using driver `([^']+)' successful");
    private static final int MAX_MESSAGE = 600;
    /**
     * Drivers that may read other files or the network on a file's say-so (a VRT names files on the server, WFS a
     * URL): never used for uploads. GDAL 3.6 has no {@code -if}, so {@link #layers} also checks which driver opened
     * the upload before anything is converted.
     */
    private static final String SKIPPED_DRIVERS = "VRT OGR_VRT WFS OAPIF WMS WMTS WCS HTTP PostgreSQL PGeo MySQL ODBC "
            + "MSSQLSpatial OGDI Elasticsearch CouchDB MongoDBv3 AmigoCloud Carto NGW PLScenes GPSBabel";

    private final ImportSettings settings;

    Ogr(ImportSettings settings) {
        this.settings = settings;
    }

    /** A source layer and the geometry type GDAL reports for it ("Multi Surface", "None", ...). */
    record Layer(String name, String geometryType) {

        /** Layers that can hold plots: areas, or a type GDAL can only tell per feature. */
        boolean mayHoldAreas() {
            String t = geometryType == null ? "unknown" : geometryType.toLowerCase(Locale.ROOT);
            return t.contains("polygon") || t.contains("surface") || t.contains("unknown") || t.contains("geometry")
                    || t.contains("collection");
        }
    }

    /** GDAL could not read or convert the file; {@code detail} is GDAL's own error text, paths removed. */
    static final class ConversionException extends RuntimeException {
        ConversionException(String detail) {
            super(detail);
        }
    }

    /** What GDAL's argument for the upload is: the file, or for a zipped Shapefile the zip through /vsizip/. */
    static String dataset(Path file, ImportFormat format) {
        return format == ImportFormat.SHAPEFILE ? "/vsizip/" + file.toAbsolutePath() : file.toAbsolutePath().toString();
    }

    List<Layer> layers(Path dir, String dataset, ImportFormat format) {
        List<String> cmd = new ArrayList<>(List.of(settings.ogrinfo(), "-ro"));
        openOptions(cmd, format);
        cmd.add(dataset);
        String out = run(dir, cmd);
        Matcher driver = DRIVER.matcher(out);
        if (!driver.find() || !driver.group(1).equals(format.driver)) {
            throw new ConversionException("the file is not " + format.driver + " (GDAL read it as "
                    + (driver.find(0) ? driver.group(1) : "nothing it knows") + ")");
        }
        List<Layer> layers = new ArrayList<>();
        for (String line : out.split("\\R")) {
            Matcher m = LAYER.matcher(line.trim());
            if (m.matches()) {
                layers.add(new Layer(m.group(1), m.group(2)));
            }
        }
        return layers;
    }

    /** Converts one layer to a GeoJSON file in EPSG:25832; {@code sourceSrs} overrides a missing or wrong CRS. */
    Path convert(Path dir, String dataset, ImportFormat format, Layer layer, String sourceSrs, Path out) {
        List<String> cmd = new ArrayList<>(List.of(settings.ogr2ogr(), "-f", "GeoJSON", "-lco", "RFC7946=NO",
                "-lco", "WRITE_NAME=NO", "-t_srs", "EPSG:25832", "-nlt", "CONVERT_TO_LINEAR", "-nlt",
                "PROMOTE_TO_MULTI", "-dim", "XY"));
        if (sourceSrs != null) {
            cmd.add("-s_srs");
            cmd.add(sourceSrs);
        }
        openOptions(cmd, format);
        cmd.add(out.toAbsolutePath().toString());
        cmd.add(dataset);
        cmd.add(layer.name());
        run(dir, cmd);
        if (!Files.isRegularFile(out)) {
            throw new ConversionException("GDAL wrote no output for layer " + layer.name());
        }
        return out;
    }

    private static void openOptions(List<String> cmd, ImportFormat format) {
        if (format == ImportFormat.GML) {
            // Plan GML names a schema URL it must never need
            cmd.add("-oo");
            cmd.add("DOWNLOAD_SCHEMA=NO");
        }
    }

    private String run(Path dir, List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        env.put("GDAL_HTTP_TIMEOUT", "5");
        env.put("GDAL_HTTP_MAX_RETRY", "0");
        env.put("CPL_DEBUG", "OFF");
        env.put("GDAL_SKIP", SKIPPED_DRIVERS);
        env.put("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".none");
        try {
            Path stdout = Files.createTempFile(dir, "ogr", ".out");
            Path stderr = Files.createTempFile(dir, "ogr", ".err");
            pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            long started = System.nanoTime();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + cmd.get(0) + " (install gdal-bin): " + e.getMessage(), e);
            }
            if (!p.waitFor(settings.conversionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new ConversionException("GDAL did not finish within " + settings.conversionTimeout().toSeconds()
                        + " s");
            }
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            log.debug("{} exit={} ms={}", cmd.get(0), p.exitValue(), (System.nanoTime() - started) / 1_000_000);
            if (p.exitValue() != 0) {
                throw new ConversionException(clean(err, dir));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConversionException("interrupted");
        }
    }

    /** GDAL's error lines without the server's paths; the whole text when there are none. */
    static String clean(String stderr, Path dir) {
        String abs = dir.toAbsolutePath().toString();
        StringBuilder sb = new StringBuilder();
        for (String line : stderr.split("\\R")) {
            if (line.startsWith("ERROR") || line.startsWith("FAILURE")) {
                sb.append(sb.length() == 0 ? "" : " ").append(line.replace("/vsizip/", "").replace(abs + "/", "")
                        .replace(abs, "").trim());
            }
        }
        String text = sb.length() > 0 ? sb.toString() : stderr.replace(abs, "").trim();
        if (text.isEmpty()) {
            text = "GDAL could not read the file";
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + " …" : text;
    }
}
