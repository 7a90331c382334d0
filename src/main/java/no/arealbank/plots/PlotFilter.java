package no.arealbank.plots;

import java.math.BigDecimal;
import java.util.List;

import no.arealbank.shared.SupportedCrs;

/**
 * Parsed list parameters of {@code GET /api/plots}; values only, each bound when the SQL runs.
 * {@code bbox} is minx, miny, maxx, maxy in {@code bboxCrs}.
 */
record PlotFilter(List<String> municipalities, List<String> purposes, List<String> allowedUses,
        Boolean permanentResidence, List<String> availability, Double minArea, Double maxArea, BigDecimal maxPrice,
        double[] bbox, SupportedCrs bboxCrs, Sort sort, int limit, int offset) {

    enum Sort {
        ID("p.id"),
        AREA("p.area_m2, p.id"),
        AREA_DESC("p.area_m2 DESC, p.id"),
        PRICE(PlotQueries.EFFECTIVE_PRICE + " NULLS LAST, p.id"),
        PRICE_DESC(PlotQueries.EFFECTIVE_PRICE + " DESC NULLS LAST, p.id"),
        NAME("p.name, p.id");

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
                default -> null;
            };
        }
    }
}
