package no.arealbank.plots;

import java.math.BigDecimal;
import java.util.List;

import no.arealbank.shared.SupportedCrs;

/**
 * Parsed list parameters of {@code GET /api/plots}; values only, each bound when the SQL runs.
 * {@code bbox} is minx, miny, maxx, maxy in {@code bboxCrs}; {@code infrastructure} lists what must be {@code yes};
 * distances are metres to the nearest business hub / kommunesenter.
 */
record PlotFilter(List<String> municipalities, List<String> purposes, List<String> allowedUses,
        Boolean permanentResidence, List<String> availability, Double minArea, Double maxArea, BigDecimal minPrice,
        BigDecimal maxPrice, List<Infrastructure> infrastructure, Double maxHubDistance, Double maxCentreDistance,
        boolean noHazards, double[] bbox, SupportedCrs bboxCrs, Sort sort, int limit, int offset) {

    /** The {@code infra} tokens and their columns (fixed here, never taken from the request). */
    enum Infrastructure {
        ROAD("road", "p.infra_road"),
        WATER("water", "p.infra_water"),
        SEWER("sewer", "p.infra_sewer"),
        POWER("power", "p.infra_power"),
        FIBRE("fibre", "p.infra_fibre");

        final String token;
        final String column;

        Infrastructure(String token, String column) {
            this.token = token;
            this.column = column;
        }

        static Infrastructure parse(String token) {
            for (Infrastructure i : values()) {
                if (i.token.equals(token)) {
                    return i;
                }
            }
            return null;
        }
    }

    enum Sort {
        ID("p.id"),
        AREA("p.area_m2, p.id"),
        AREA_DESC("p.area_m2 DESC, p.id"),
        PRICE(PlotQueries.EFFECTIVE_PRICE + " NULLS LAST, p.id"),
        PRICE_DESC(PlotQueries.EFFECTIVE_PRICE + " DESC NULLS LAST, p.id"),
        NAME("p.name, p.id"),
        DISTANCE_HUB(PlotQueries.NEAREST_HUB_DISTANCE + " NULLS LAST, p.id"),
        DISTANCE_HUB_DESC(PlotQueries.NEAREST_HUB_DISTANCE + " DESC NULLS LAST, p.id"),
        DISTANCE_CENTRE(PlotQueries.NEAREST_CENTRE_DISTANCE + " NULLS LAST, p.id"),
        DISTANCE_CENTRE_DESC(PlotQueries.NEAREST_CENTRE_DISTANCE + " DESC NULLS LAST, p.id");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }

        static Sort parse(String value) {
            return switch (value == null ? "id" : value) {
                case "id" -> ID;
                case "area" -> AREA;
                case "-area" -> AREA_DESC;
                case "price" -> PRICE;
                case "-price" -> PRICE_DESC;
                case "name" -> NAME;
                case "distanceHub" -> DISTANCE_HUB;
                case "-distanceHub" -> DISTANCE_HUB_DESC;
                case "distanceCentre" -> DISTANCE_CENTRE;
                case "-distanceCentre" -> DISTANCE_CENTRE_DESC;
                default -> null;
            };
        }
    }
}
