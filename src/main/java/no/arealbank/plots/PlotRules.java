package no.arealbank.plots;

import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The plot rules other modules check against before they hand plots to {@link PlotBatch} (an importer's report):
 * the allowed values, the vertex limit, Norway's extent and the municipality rule, all from the same settings and
 * constants {@link PlotValidator} and {@link PlotService} use, so a report and a write cannot disagree.
 */
@Component
public class PlotRules {

    /**
     * A plot must at least touch its municipality when the boundary is known: a SQL predicate over a municipality
     * row {@code m} and a geometry expression (EPSG:25832) formatted into {@code %s}.
     */
    public static final String INSIDE_MUNICIPALITY = "(m.boundary IS NULL OR ST_Intersects(m.boundary, %s))";

    private final PlotSettings settings;

    PlotRules(PlotSettings settings) {
        this.settings = settings;
    }

    /** Mainland Norway with coastal waters in lon/lat; a geometry with a vertex outside is refused. */
    public record Extent(double minLon, double minLat, double maxLon, double maxLat) {
    }

    public Extent extent() {
        return new Extent(settings.minLon(), settings.minLat(), settings.maxLon(), settings.maxLat());
    }

    public int maxVertices() {
        return settings.maxVertices();
    }

    public Set<String> purposes() {
        return PlotValidator.PURPOSES;
    }

    public Set<String> availabilities() {
        return PlotValidator.AVAILABILITY;
    }

    public Set<String> tenures() {
        return PlotValidator.TENURES;
    }

    /** Uses a plot of this purpose gets when none are listed ({@code combined} must list them). */
    public java.util.List<String> defaultUses(String purpose) {
        return PlotValidator.DEFAULT_USES.getOrDefault(purpose, java.util.List.of());
    }
}
