package no.arealbank.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class PngTileRendererTest {

    private static final String SQUARE = "POLYGON ((50 50, 150 50, 150 150, 50 150, 50 50))";

    private final PngTileRenderer renderer = new PngTileRenderer();

    @Test
    void rendersTilesOfTheRequestedSize() {
        List<RasterFeature> features = List.of(plot(SQUARE, "housing", "available"));

        BufferedImage normal = decode(renderer.render(features, 256));
        BufferedImage retina = decode(renderer.render(features, 512));

        assertThat(normal.getWidth()).isEqualTo(256);
        assertThat(normal.getHeight()).isEqualTo(256);
        assertThat(normal.getColorModel().hasAlpha()).isTrue();
        assertThat(retina.getWidth()).isEqualTo(512);
        assertThat(retina.getHeight()).isEqualTo(512);
    }

    @Test
    void rejectsOtherSizes() {
        assertThatThrownBy(() -> renderer.render(List.of(), 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> renderer.empty(1024)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyTileIsTransparentAndEncodedOnce() {
        byte[] empty = renderer.empty(256);

        assertThat(renderer.empty(256)).isSameAs(empty);
        BufferedImage image = decode(empty);
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(countOpaque(image, 0, 0, 256, 256)).isZero();

        byte[] emptyRetina = renderer.empty(512);
        assertThat(renderer.empty(512)).isSameAs(emptyRetina).isNotSameAs(empty);
        assertThat(decode(emptyRetina).getWidth()).isEqualTo(512);
        assertThat(countOpaque(decode(emptyRetina), 0, 0, 512, 512)).isZero();
    }

    @Test
    void availableHousingPlotIsFilledWithItsPurposeColour() {
        BufferedImage image = decode(renderer.render(List.of(plot(SQUARE, "housing", "available")), 256));

        int centre = image.getRGB(100, 100);
        assertThat(alpha(centre)).as("about 55 %% opacity").isBetween(110, 170);
        assertThat(blue(centre)).isGreaterThan(green(centre)).isGreaterThan(red(centre));
        assertCloseTo(centre, 0x0072B2);
        assertThat(alpha(image.getRGB(20, 20))).as("outside the square").isZero();
        assertThat(alpha(image.getRGB(200, 100))).as("outside the square").isZero();
    }

    @Test
    void availablePlotHasAWhiteEdgeOverADarkerOne() {
        String square = "POLYGON ((50.25 50, 150 50, 150 150, 50.25 150, 50.25 50))";
        BufferedImage image = decode(renderer.render(List.of(plot(square, "housing", "available")), 512));

        // @2x: the left edge is at x = 100.5 px; white 3 px wide (99..102) over dark blue 5 px wide (98..103)
        int onEdge = image.getRGB(100, 200);
        assertThat(alpha(onEdge)).isEqualTo(255);
        assertThat(red(onEdge)).as("white").isGreaterThan(230);
        int besideEdge = image.getRGB(98, 200);
        assertThat(alpha(besideEdge)).isGreaterThan(200);
        assertThat(blue(besideEdge)).as("darker blue").isBetween(60, 0xB2 - 20).isGreaterThan(red(besideEdge));
    }

    @Test
    void holesStayTransparent() {
        String withHole = "POLYGON ((40 40, 200 40, 200 200, 40 200, 40 40), (90 90, 150 90, 150 150, 90 150, 90 90))";
        BufferedImage image = decode(renderer.render(List.of(plot(withHole, "leisure", "available")), 256));

        assertThat(alpha(image.getRGB(120, 120))).as("inside the hole").isZero();
        assertThat(alpha(image.getRGB(65, 65))).as("in the ring").isPositive();
        assertCloseTo(image.getRGB(65, 65), 0x009E73);
    }

    @Test
    void soldPlotIsHatchedNotFilled() {
        BufferedImage image = decode(renderer.render(List.of(plot(SQUARE, "business", "sold")), 256));

        int interior = 70 * 70;
        int coloured = countOpaque(image, 65, 65, 135, 135);
        assertThat(coloured).as("hatch lines").isGreaterThan(interior / 10);
        assertThat(interior - coloured).as("gaps between the lines").isGreaterThan(interior / 3);
        int reddest = 0;
        for (int y = 65; y < 135; y++) {
            for (int x = 65; x < 135; x++) {
                int argb = image.getRGB(x, y);
                if (alpha(argb) > alpha(reddest)) {
                    reddest = argb;
                }
            }
        }
        assertCloseTo(reddest, 0xD55E00);
    }

    @Test
    void hazardsAreCrossHatched() {
        BufferedImage image = decode(renderer.render(List.of(
                new RasterFeature(geometry(SQUARE), "hazards", null, null)), 256));

        int interior = 70 * 70;
        int coloured = countOpaque(image, 65, 65, 135, 135);
        assertThat(coloured).isGreaterThan(interior / 5).isLessThan(interior * 9 / 10);
        assertThat(alpha(image.getRGB(20, 20))).isZero();
    }

    @Test
    void businessHubIsAYellowCircle() {
        BufferedImage image = decode(renderer.render(List.of(hub(128, 128)), 256));

        assertYellow(image.getRGB(128, 128));
        assertYellow(image.getRGB(128 + 5, 128));
        assertThat(alpha(image.getRGB(128 + 12, 128))).as("beyond radius and edge").isZero();
    }

    @Test
    void retinaTileIsTheSameDrawingScaledTwice() {
        List<RasterFeature> features = List.of(plot(SQUARE, "housing", "available"), hub(200, 60));

        BufferedImage normal = decode(renderer.render(features, 256));
        BufferedImage retina = decode(renderer.render(features, 512));

        assertCloseTo(retina.getRGB(200, 200), 0x0072B2);
        assertThat(alpha(retina.getRGB(260, 260))).as("inside only when the square is doubled").isPositive();
        assertThat(alpha(retina.getRGB(90, 90))).isZero();
        assertThat(normal.getRGB(100, 100)).isEqualTo(retina.getRGB(200, 200));
        assertYellow(retina.getRGB(400, 120));
        assertYellow(retina.getRGB(400 + 12, 120)); // 12 px is beyond the 256 tile's radius of 8.5
        assertThat(alpha(normal.getRGB(200 + 12, 60))).isZero();
    }

    @Test
    void featuresAreDrawnInListOrder() {
        RasterFeature plot = plot(SQUARE, "housing", "available");
        RasterFeature hub = hub(100, 100);

        assertYellow(decode(renderer.render(List.of(plot, hub), 256)).getRGB(100, 100));
        int hubUnderPlot = decode(renderer.render(List.of(hub, plot), 256)).getRGB(100, 100);
        assertThat(blue(hubUnderPlot)).as("the blue plot covers the hub").isGreaterThan(120);
    }

    @Test
    void everyLayerAndGeometryTypeDrawsEvenPartlyOutsideTheTile() {
        List<RasterFeature> features = List.of(
                plot("POLYGON ((-100 -100, 400 -100, 400 400, -100 400, -100 -100))", "combined", "sold"),
                plot("MULTIPOLYGON (((-20 10, 30 10, 30 60, -20 60, -20 10)), ((240 240, 300 240, 300 300, 240 300, 240 240)))",
                        "other", "planned"),
                plot("POLYGON ((1e7 1e7, 2e7 1e7, 2e7 2e7, 1e7 1e7))", "housing", "reserved"),
                plot("POLYGON EMPTY", "housing", "available"),
                plot("POINT (255 255)", "leisure", "reserved"),
                new RasterFeature(geometry("POLYGON ((-1e6 -1e6, 1e6 -1e6, 1e6 1e6, -1e6 1e6, -1e6 -1e6))"),
                        "hazards", "flood", null),
                new RasterFeature(geometry("POLYGON ((-5 -5, 261 -5, 261 261, -5 261, -5 -5))"), "zones", "business", null),
                new RasterFeature(geometry("MULTILINESTRING ((-50 128, 300 128), (128 -50, 128 300))"),
                        "municipalities", null, null),
                new RasterFeature(geometry("LINESTRING (-10 -10, 266 266)"), "plans", null, null),
                new RasterFeature(geometry("MULTIPOINT ((-4 -4), (260 10), (30 30))"), "business-hubs", null, null),
                new RasterFeature(geometry("GEOMETRYCOLLECTION (POINT (10 250), LINESTRING (0 0, 10 10), "
                        + "POLYGON ((20 20, 40 20, 40 40, 20 20)))"), "unknown-layer", null, null),
                new RasterFeature(geometry("POINT (64 64)"), null, null, null),
                new RasterFeature(null, "plots", null, null));

        for (int size : new int[] {256, 512}) {
            byte[][] png = new byte[1][];
            assertThatCode(() -> png[0] = renderer.render(features, size)).doesNotThrowAnyException();
            BufferedImage image = decode(png[0]);
            assertThat(image.getWidth()).isEqualTo(size);
            assertThat(countOpaque(image, 0, 0, size, size)).isPositive();
        }
    }

    @Test
    void rendersTheSameBytesFromManyThreads() throws Exception {
        List<RasterFeature> features = List.of(plot(SQUARE, "housing", "sold"), plot(SQUARE, "leisure", "reserved"),
                hub(128, 128));
        byte[] expected = renderer.render(features, 256);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = pool.invokeAll(Collections.nCopies(8, () -> renderer.render(features, 256)));
            for (Future<byte[]> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ----

    private static RasterFeature plot(String wkt, String purpose, String availability) {
        return new RasterFeature(geometry(wkt), "plots", purpose, availability);
    }

    private static RasterFeature hub(double x, double y) {
        return new RasterFeature(geometry("POINT (" + x + " " + y + ")"), "business-hubs", null, null);
    }

    private static Geometry geometry(String wkt) {
        try {
            return new WKTReader().read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }

    private static BufferedImage decode(byte[] png) {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("decodable PNG").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int countOpaque(BufferedImage image, int minX, int minY, int maxX, int maxY) {
        int count = 0;
        for (int y = minY; y < maxY; y++) {
            for (int x = minX; x < maxX; x++) {
                if (alpha(image.getRGB(x, y)) > 0) {
                    count++;
                }
            }
        }
        return count;
    }

    private static void assertCloseTo(int argb, int rgb) {
        assertThat(alpha(argb)).as("drawn").isPositive();
        assertThat(red(argb)).as("red").isBetween(((rgb >> 16) & 0xff) - 12, ((rgb >> 16) & 0xff) + 12);
        assertThat(green(argb)).as("green").isBetween(((rgb >> 8) & 0xff) - 12, ((rgb >> 8) & 0xff) + 12);
        assertThat(blue(argb)).as("blue").isBetween((rgb & 0xff) - 12, (rgb & 0xff) + 12);
    }

    private static void assertYellow(int argb) {
        assertThat(alpha(argb)).isEqualTo(255);
        assertThat(red(argb)).isGreaterThan(200);
        assertThat(green(argb)).isGreaterThan(200);
        assertThat(blue(argb)).isLessThan(120);
    }

    private static int alpha(int argb) {
        return argb >>> 24;
    }

    private static int red(int argb) {
        return (argb >> 16) & 0xff;
    }

    private static int green(int argb) {
        return (argb >> 8) & 0xff;
    }

    private static int blue(int argb) {
        return argb & 0xff;
    }
}
