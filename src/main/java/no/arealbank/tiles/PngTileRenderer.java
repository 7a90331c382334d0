package no.arealbank.tiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.springframework.stereotype.Component;

/**
 * Draws {@link RasterFeature}s into a transparent PNG tile, styled like the map page ({@code frontend/js/map.js}).
 * <p>
 * Geometry is in the pixel grid of a 256-pixel tile; a 512-pixel (@2x) tile is the same drawing scaled by 2, so
 * line widths, dashes, point radii and hatch spacing double with it. Every call draws into its own image and
 * encoder, and the styles are immutable, so one instance serves all request threads.
 */
@Component
final class PngTileRenderer {

    /** The logical tile size: geometry coordinates run 0..256 whatever the output size. */
    static final int TILE_SIZE = 256;

    /**
     * Bytes in the PNG's own order (RGBA, not premultiplied): ImageIO's PNG writer reads such an image with less
     * conversion than packed ints, about a fifth less time per tile for the same bytes.
     */
    private static final int IMAGE_TYPE = BufferedImage.TYPE_4BYTE_ABGR;

    /** Hatch lines sit where x + y (or x - y) is a multiple of this; it divides 256, so hatching continues across tile edges. */
    private static final double HATCH_SPACING = 8;
    /** Geometry may extend beyond the tile (the buffer); hatching is only drawn this far out. */
    private static final Rectangle2D DRAW_AREA = new Rectangle2D.Double(-16, -16, TILE_SIZE + 32, TILE_SIZE + 32);

    private static final Color OUTLINE_GREY = rgb(0x4d5a66);
    private static final Color UNKNOWN_GREY = rgb(0x808080);
    private static final Color HAZARD_RED = rgb(0xc0392b);
    private static final Color PLAN_PURPLE = rgb(0x6c3483);
    private static final Color HUB_YELLOW = rgb(0xF0E442);
    private static final Color HUB_EDGE = rgb(0x1b1b1b);

    /** Okabe–Ito colours, as on the map page. */
    private static final Map<String, Color> PURPOSE_COLOURS = Map.of(
            "housing", rgb(0x0072B2),
            "leisure", rgb(0x009E73),
            "business", rgb(0xD55E00),
            "combined", rgb(0xCC79A7),
            "other", rgb(0x666666));
    private static final List<String> AVAILABILITIES = List.of("available", "reserved", "sold", "planned");

    private static final Map<String, Style> PLOT_STYLES = plotStyles();
    private static final Map<String, Style> ZONE_STYLES = zoneStyles();

    private static final Style HAZARDS = new Style(null,
            new Hatch(withAlpha(HAZARD_RED, 0.45), stroke(1, null), true),
            List.of(new Line(withAlpha(HAZARD_RED, 0.9), stroke(1.5f, new float[] {6, 4}))),
            new Marker(5, withAlpha(HAZARD_RED, 0.35), List.of(new Line(HAZARD_RED, stroke(1.5f, null)))));
    private static final Style MUNICIPALITIES = new Style(null, null,
            List.of(new Line(withAlpha(OUTLINE_GREY, 0.9), stroke(1.2f, null))),
            new Marker(3, OUTLINE_GREY, List.of()));
    private static final Style BUSINESS_HUBS = new Style(HUB_YELLOW, null,
            List.of(new Line(HUB_EDGE, stroke(2, null))),
            new Marker(8.5, HUB_YELLOW, List.of(new Line(HUB_EDGE, stroke(2, null)))));
    private static final Style PLANS = new Style(null, null,
            List.of(new Line(PLAN_PURPLE, stroke(1, new float[] {4, 3}))),
            new Marker(4, withAlpha(PLAN_PURPLE, 0.5), List.of(new Line(PLAN_PURPLE, stroke(1, null)))));
    private static final Style UNKNOWN = new Style(null, null,
            List.of(new Line(UNKNOWN_GREY, stroke(1, null))),
            new Marker(4, withAlpha(UNKNOWN_GREY, 0.5), List.of(new Line(UNKNOWN_GREY, stroke(1, null)))));

    private final ConcurrentMap<Integer, byte[]> emptyTiles = new ConcurrentHashMap<>();

    /**
     * Draws the features in list order (later ones on top) into a tile of {@code size} pixels: 256, or 512 for
     * @2x. Returns PNG bytes (8-bit RGBA, transparent background). Null or empty geometries are skipped.
     */
    byte[] render(List<RasterFeature> features, int size) {
        double scale = scaleOf(size);
        if (features.isEmpty()) {
            return empty(size);
        }
        BufferedImage image = new BufferedImage(size, size, IMAGE_TYPE);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(scale, scale);
            for (RasterFeature feature : features) {
                if (feature.geometry() != null) {
                    draw(g, feature.geometry(), styleOf(feature));
                }
            }
        } finally {
            g.dispose();
        }
        return encode(image);
    }

    /**
     * A fully transparent tile of {@code size} pixels, encoded once per size. The same array is returned on every
     * call, so callers must not change it.
     */
    byte[] empty(int size) {
        scaleOf(size);
        return emptyTiles.computeIfAbsent(size,
                s -> encode(new BufferedImage(s, s, IMAGE_TYPE)));
    }

    private static double scaleOf(int size) {
        if (size != TILE_SIZE && size != 2 * TILE_SIZE) {
            throw new IllegalArgumentException("tile size must be 256 or 512, not " + size);
        }
        return (double) size / TILE_SIZE;
    }

    // ---- styles ----

    private static Style styleOf(RasterFeature feature) {
        String layer = feature.layer() == null ? "" : feature.layer();
        switch (layer) {
            case "plots":
                return PLOT_STYLES.get(purposeKey(feature.purpose()) + "/" + availabilityKey(feature.availability()));
            case "zones":
                return ZONE_STYLES.get(purposeKey(feature.purpose()));
            case "hazards":
                return HAZARDS;
            case "municipalities":
                return MUNICIPALITIES;
            case "business-hubs":
                return BUSINESS_HUBS;
            case "plans":
                return PLANS;
            default:
                return UNKNOWN;
        }
    }

    private static String purposeKey(String purpose) {
        return purpose != null && PURPOSE_COLOURS.containsKey(purpose) ? purpose : "other";
    }

    private static String availabilityKey(String availability) {
        return availability != null && AVAILABILITIES.contains(availability) ? availability : "available";
    }

    /**
     * Plots as on the map page (fill opacities a little lower, as the raster is often drawn over other layers):
     * available is a solid fill with a white edge over a darker one, reserved a lighter fill with a dashed edge,
     * sold only hatching and a thin edge, planned a faint fill with a dotted edge.
     */
    private static Map<String, Style> plotStyles() {
        Map<String, Style> styles = new HashMap<>();
        PURPOSE_COLOURS.forEach((purpose, colour) -> {
            float[] dashed = {5, 4};
            float[] dotted = {0.5f, 4};
            styles.put(purpose + "/available", new Style(withAlpha(colour, 0.55), null,
                    List.of(new Line(colour.darker(), stroke(2.5f, null)), new Line(Color.WHITE, stroke(1.5f, null))),
                    new Marker(6, withAlpha(colour, 0.95), List.of(new Line(Color.WHITE, stroke(1.5f, null))))));
            styles.put(purpose + "/reserved", new Style(withAlpha(colour, 0.35), null,
                    List.of(new Line(withAlpha(colour, 0.9), stroke(2, dashed))),
                    new Marker(6, withAlpha(colour, 0.5), List.of(new Line(colour, stroke(2, dashed))))));
            styles.put(purpose + "/sold", new Style(null,
                    new Hatch(withAlpha(colour, 0.8), stroke(1.2f, null), false),
                    List.of(new Line(withAlpha(colour, 0.75), stroke(1, null))),
                    new Marker(6, withAlpha(colour, 0.27), List.of(new Line(colour, stroke(2, null))))));
            styles.put(purpose + "/planned", new Style(withAlpha(colour, 0.2), null,
                    List.of(new Line(withAlpha(colour, 0.9), stroke(2, dotted))),
                    new Marker(6, withAlpha(colour, 0.4), List.of(new Line(colour, stroke(2, dotted))))));
        });
        return Map.copyOf(styles);
    }

    private static Map<String, Style> zoneStyles() {
        Map<String, Style> styles = new HashMap<>();
        PURPOSE_COLOURS.forEach((purpose, colour) -> styles.put(purpose, new Style(withAlpha(colour, 0.2), null,
                List.of(new Line(OUTLINE_GREY, stroke(1, null))),
                new Marker(4, withAlpha(colour, 0.5), List.of(new Line(OUTLINE_GREY, stroke(1, null)))))));
        return Map.copyOf(styles);
    }

    private static BasicStroke stroke(float width, float[] dash) {
        return dash == null
                ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, dash, 0);
    }

    private static Color rgb(int rgb) {
        return new Color(rgb);
    }

    private static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(alpha * 255));
    }

    // ---- drawing ----

    private static void draw(Graphics2D g, Geometry geometry, Style style) {
        if (geometry.isEmpty()) {
            return;
        }
        if (geometry instanceof GeometryCollection) { // also Multi*: each part on its own
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                draw(g, geometry.getGeometryN(i), style);
            }
        } else if (geometry instanceof Polygon polygon) {
            drawArea(g, polygonPath(polygon), style);
        } else if (geometry instanceof LineString line) {
            Path2D path = new Path2D.Double();
            append(path, line.getCoordinateSequence(), false);
            outline(g, path, style.outline());
        } else if (geometry instanceof Point point) {
            drawMarker(g, point, style.marker());
        }
    }

    private static void drawArea(Graphics2D g, Path2D path, Style style) {
        if (style.fill() != null) {
            g.setColor(style.fill());
            g.fill(path);
        }
        if (style.hatch() != null) {
            hatch(g, path, style.hatch());
        }
        outline(g, path, style.outline());
    }

    private static void drawMarker(Graphics2D g, Point point, Marker marker) {
        double r = marker.radius();
        Shape circle = new Ellipse2D.Double(point.getX() - r, point.getY() - r, 2 * r, 2 * r);
        g.setColor(marker.fill());
        g.fill(circle);
        outline(g, circle, marker.outline());
    }

    private static void outline(Graphics2D g, Shape shape, List<Line> lines) {
        for (Line line : lines) {
            g.setColor(line.colour());
            g.setStroke(line.stroke());
            g.draw(shape);
        }
    }

    /** Diagonal lines ("/", and "\" too when crossed) clipped to the shape, on a grid fixed to tile pixels. */
    private static void hatch(Graphics2D g, Shape shape, Hatch hatch) {
        Rectangle2D area = shape.getBounds2D().createIntersection(DRAW_AREA);
        if (area.isEmpty()) {
            return;
        }
        double minX = area.getMinX();
        double maxX = area.getMaxX();
        double minY = area.getMinY();
        double maxY = area.getMaxY();
        Path2D lines = new Path2D.Double();
        // "/" lines: x + y = c
        for (long k = (long) Math.floor((minX + minY) / HATCH_SPACING); k * HATCH_SPACING <= maxX + maxY; k++) {
            double c = k * HATCH_SPACING;
            lines.moveTo(c - maxY, maxY);
            lines.lineTo(c - minY, minY);
        }
        if (hatch.cross()) {
            // "\" lines: x - y = c
            for (long k = (long) Math.floor((minX - maxY) / HATCH_SPACING); k * HATCH_SPACING <= maxX - minY; k++) {
                double c = k * HATCH_SPACING;
                lines.moveTo(c + minY, minY);
                lines.lineTo(c + maxY, maxY);
            }
        }
        Graphics2D clipped = (Graphics2D) g.create();
        try {
            clipped.clip(shape);
            clipped.setColor(hatch.colour());
            clipped.setStroke(hatch.stroke());
            clipped.draw(lines); // one path: where lines cross, the colour is not laid on twice
        } finally {
            clipped.dispose();
        }
    }

    /** Exterior and interior rings in one even-odd path, so holes stay holes. */
    private static Path2D polygonPath(Polygon polygon) {
        Path2D path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        append(path, polygon.getExteriorRing().getCoordinateSequence(), true);
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            append(path, polygon.getInteriorRingN(i).getCoordinateSequence(), true);
        }
        return path;
    }

    private static void append(Path2D path, CoordinateSequence points, boolean close) {
        int n = points.size();
        if (n == 0) {
            return;
        }
        path.moveTo(points.getX(0), points.getY(0));
        for (int i = 1; i < n; i++) {
            path.lineTo(points.getX(i), points.getY(i));
        }
        if (close) {
            path.closePath();
        }
    }

    // ---- encoding ----

    /** A fresh writer and an in-memory stream per call: ImageIO writers are not thread-safe, and no temp files. */
    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a PNG tile", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private record Line(Color colour, BasicStroke stroke) {
    }

    private record Hatch(Color colour, BasicStroke stroke, boolean cross) {
    }

    private record Marker(double radius, Color fill, List<Line> outline) {
    }

    /** How one layer draws: areas get fill, hatch and outline; lines the outline; points the marker. */
    private record Style(Color fill, Hatch hatch, List<Line> outline, Marker marker) {
    }
}
