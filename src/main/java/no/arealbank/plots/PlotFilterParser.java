package no.arealbank.plots;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import no.arealbank.reference.ReferenceData;
import no.arealbank.shared.BadParameterException;
import no.arealbank.shared.SupportedCrs;

/**
 * Turns the query parameters of {@code GET /api/plots} and of the exports into a {@link PlotFilter}. Checks every
 * value (400 naming the parameter) and refuses parameters it does not know, so a typo never widens a result.
 */
@Component
class PlotFilterParser {

    /** The filter parameters both the list and the exports take. */
    private static final List<String> FILTERS = List.of("municipality", "purpose", "allowedUse", "permanentResidence",
            "availability", "status", "minArea", "maxArea", "minPrice", "maxPrice", "infra", "maxHubDistance",
            "maxCentreDistance", "noHazards", "bbox", "bbox-crs", "sort");
    private static final List<String> LIST_ONLY = List.of("crs", "limit", "offset", "f");

    private final ReferenceData reference;
    private final PlotSettings settings;

    PlotFilterParser(ReferenceData reference, PlotSettings settings) {
        this.reference = reference;
        this.settings = settings;
    }

    /** The filter of a list page: {@code limit} defaults and is capped by {@link PlotSettings}. */
    PlotFilter list(Map<String, String> p) {
        refuseUnknown(p, LIST_ONLY);
        return filter(p, () -> {
            Double limitValue = number(p.get("limit"), "?limit");
            int limit = limitValue == null ? settings.defaultLimit() : (int) Math.min(settings.maxLimit(), limitValue);
            if (limit < 1) {
                throw new BadParameterException("?limit", "must be at least 1");
            }
            Double offsetValue = number(p.get("offset"), "?offset");
            int offset = offsetValue == null ? 0 : offsetValue.intValue();
            return new int[] {limit, offset};
        });
    }

    /**
     * The filter of an export: the list's filters and sort, but no paging and no output CRS (each format has its
     * own). {@code limit} is set to {@code maxRows}; the export itself refuses a larger match.
     */
    PlotFilter export(Map<String, String> p, int maxRows) {
        for (String name : List.of("limit", "offset")) {
            if (p.containsKey(name)) {
                throw new BadParameterException("?" + name, "exports are not paged; narrow the filter instead");
            }
        }
        if (p.containsKey("crs")) {
            throw new BadParameterException("?crs",
                    "exports have a fixed CRS: GeoJSON is CRS84, GeoPackage and CSV are EPSG:25832");
        }
        refuseUnknown(p, List.of());
        return filter(p, () -> new int[] {maxRows, 0});
    }

    private void refuseUnknown(Map<String, String> p, List<String> alsoKnown) {
        Map<String, String> known = new LinkedHashMap<>(p);
        FILTERS.forEach(known::remove);
        alsoKnown.forEach(known::remove);
        if (!known.isEmpty()) {
            String name = known.keySet().iterator().next();
            throw new BadParameterException("?" + name, "unknown parameter");
        }
    }

    /** Limit and offset, read after the filters (so errors are reported in the same order as always). */
    private interface Paging {
        int[] limitAndOffset();
    }

    private PlotFilter filter(Map<String, String> p, Paging paging) {
        List<String> municipalities = split(p.get("municipality"));
        if (municipalities != null) {
            municipalities = municipalities.stream().map(m -> reference.currentMunicipalityNumber(m)
                    .orElseThrow(() -> new BadParameterException("?municipality", "unknown municipality '" + m + "'")))
                    .toList();
        }
        List<String> purposes = checked(split(p.get("purpose")), PlotValidator.PURPOSES, "?purpose");
        List<String> uses = split(p.get("allowedUse"));
        if (uses != null) {
            uses.stream().filter(u -> !reference.isAllowedUse(u)).findFirst().ifPresent(u -> {
                throw new BadParameterException("?allowedUse", "unknown use '" + u + "'");
            });
        }
        String availabilityParam = p.getOrDefault("availability", p.get("status"));
        List<String> availability = checked(split(availabilityParam), PlotValidator.AVAILABILITY,
                p.containsKey("availability") ? "?availability" : "?status");
        Boolean permanent = bool(p.get("permanentResidence"), "?permanentResidence");
        Double minArea = number(p.get("minArea"), "?minArea");
        Double maxArea = number(p.get("maxArea"), "?maxArea");
        Double minPriceValue = number(p.get("minPrice"), "?minPrice");
        BigDecimal minPrice = minPriceValue == null ? null : BigDecimal.valueOf(minPriceValue);
        Double maxPriceValue = number(p.get("maxPrice"), "?maxPrice");
        BigDecimal maxPrice = maxPriceValue == null ? null : BigDecimal.valueOf(maxPriceValue);
        List<PlotFilter.Infrastructure> infrastructure = infrastructure(split(p.get("infra")));
        Double maxHubDistance = number(p.get("maxHubDistance"), "?maxHubDistance");
        Double maxCentreDistance = number(p.get("maxCentreDistance"), "?maxCentreDistance");
        boolean noHazards = Boolean.TRUE.equals(bool(p.get("noHazards"), "?noHazards"));
        double[] bbox = bbox(p.get("bbox"));
        SupportedCrs bboxCrs = crs(p.get("bbox-crs"), "?bbox-crs");
        PlotFilter.Sort sort = PlotFilter.Sort.parse(p.get("sort"));
        if (sort == null) {
            throw new BadParameterException("?sort", "one of id, area, -area, price, -price, name, distanceHub, "
                    + "-distanceHub, distanceCentre, -distanceCentre");
        }
        int[] page = paging.limitAndOffset();
        return new PlotFilter(municipalities, purposes, uses, permanent, availability, minArea, maxArea, minPrice,
                maxPrice, infrastructure, maxHubDistance, maxCentreDistance, noHazards, bbox, bboxCrs, sort, page[0],
                page[1]);
    }

    private static List<PlotFilter.Infrastructure> infrastructure(List<String> tokens) {
        if (tokens == null) {
            return null;
        }
        return tokens.stream().map(t -> {
            PlotFilter.Infrastructure i = PlotFilter.Infrastructure.parse(t);
            if (i == null) {
                throw new BadParameterException("?infra", "'" + t + "' is not one of road, water, sewer, power, fibre");
            }
            return i;
        }).distinct().toList();
    }

    /** A CRS parameter or header; blank means CRS84. */
    static SupportedCrs crs(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return SupportedCrs.CRS84;
        }
        return SupportedCrs.parse(value).orElseThrow(() -> new BadParameterException(parameter,
                "unsupported CRS '" + value + "', use one of " + SupportedCrs.uris()));
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> checked(List<String> values, Set<String> allowed, String parameter) {
        if (values != null) {
            values.stream().filter(v -> !allowed.contains(v)).findFirst().ifPresent(v -> {
                throw new BadParameterException(parameter, "'" + v + "' is not one of " + allowed.stream().sorted().toList());
            });
        }
        return values;
    }

    private static Boolean bool(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameterException(parameter, "must be true or false");
        };
    }

    private static Double number(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d) || d < 0) {
                throw new BadParameterException(parameter, "must be a non-negative number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadParameterException(parameter, "'" + value + "' is not a number");
        }
    }

    private static double[] bbox(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.split(",");
        if (parts.length != 4) {
            throw new BadParameterException("?bbox", "four numbers: minx,miny,maxx,maxy");
        }
        double[] b = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i].trim());
                if (!Double.isFinite(b[i])) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new BadParameterException("?bbox", "four numbers: minx,miny,maxx,maxy");
        }
        if (b[0] > b[2] || b[1] > b[3]) {
            throw new BadParameterException("?bbox", "min must not exceed max");
        }
        return b;
    }
}
