package no.arealbank.features;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.arealbank.features.FeatureCollectionDefinition.Property;
import no.arealbank.shared.SupportedCrs;

/**
 * Parses the items query parameters of Parts 1–3 into an {@link ItemsQuery}; every unknown parameter, bad value
 * or unknown property name is a 400 naming the parameter (/req/core/query-param-invalid, -unknown).
 */
final class ItemsParameters {

    private ItemsParameters() {
    }

    static ItemsQuery parse(FeatureCollectionDefinition c, Map<String, String> p, FeaturesSettings settings,
            FilterTranslator filters) {
        Map<String, Property> props = c.propertiesByName();
        Set<String> known = new LinkedHashSet<>(OgcApi.ITEMS_PARAMETERS);
        for (String name : p.keySet()) {
            if (!known.contains(name) && !isQueryParameter(props.get(name))) {
                throw OgcProblems.invalidParameter(name, "unknown parameter; allowed: " + known
                        + " and the queryables of '" + c.id() + "'");
            }
        }
        int limit = settings.defaultLimit();
        if (p.containsKey("limit")) {
            limit = (int) Math.min(settings.maxLimit(), integer(p.get("limit"), "limit", 1));
        }
        int offset = p.containsKey("offset") ? (int) Math.min(Integer.MAX_VALUE, integer(p.get("offset"), "offset", 0)) : 0;
        SupportedCrs crs = crs(p.get("crs"), "crs");
        SupportedCrs bboxCrs = crs(p.get("bbox-crs"), "bbox-crs");
        double[] bbox = bbox(p.get("bbox"), bboxCrs);
        Instant[] interval = datetime(p.get("datetime"));
        List<Property> selected = c.properties();
        if (p.containsKey("properties")) {
            selected = new ArrayList<>();
            for (String name : list(p.get("properties"))) {
                Property prop = props.get(name);
                if (prop == null) {
                    throw OgcProblems.invalidParameter("properties", "unknown property '" + name + "'; properties of '"
                            + c.id() + "' are " + props.keySet());
                }
                selected.add(prop);
            }
        }
        List<ItemsQuery.SortKey> sort = new ArrayList<>();
        if (p.containsKey("sortby")) {
            for (String key : list(p.get("sortby"))) {
                boolean desc = key.startsWith("-");
                String name = key.startsWith("-") || key.startsWith("+") ? key.substring(1) : key;
                Property prop = props.get(name.trim());
                if (prop == null || prop.type() == FeatureCollectionDefinition.Type.STRING_ARRAY) {
                    throw OgcProblems.invalidParameter("sortby", "cannot sort by '" + name + "'; sortable: " + props.keySet());
                }
                sort.add(new ItemsQuery.SortKey(prop, desc));
            }
        }
        FilterTranslator.Translated filter = filters.translate(c, p);
        return new ItemsQuery(c, selected, bbox, bboxCrs, interval[0], interval[1], filter.sql(), filter.params(), sort,
                limit, offset, crs);
    }

    static boolean isQueryParameter(Property p) {
        return p != null && p.type() != FeatureCollectionDefinition.Type.STRING_ARRAY;
    }

    static SupportedCrs crs(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return SupportedCrs.CRS84;
        }
        return SupportedCrs.parse(value).orElseThrow(() -> OgcProblems.invalidParameter(parameter,
                "unsupported CRS '" + value + "'; supported: " + SupportedCrs.uris()));
    }

    private static long integer(String value, String parameter, long min) {
        try {
            long v = Long.parseLong(value.trim());
            if (v < min) {
                throw OgcProblems.invalidParameter(parameter, "must be at least " + min);
            }
            return v;
        } catch (NumberFormatException e) {
            throw OgcProblems.invalidParameter(parameter, "'" + value + "' is not an integer");
        }
    }

    /** Four or six numbers; for EPSG:4326 they come latitude first and are swapped here. Clamped to Europe. */
    static double[] bbox(String value, SupportedCrs crs) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",");
        if (parts.length != 4 && parts.length != 6) {
            throw OgcProblems.invalidParameter("bbox", "four or six comma-separated numbers");
        }
        double[] n = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                n[i] = Double.parseDouble(parts[i].trim());
                if (!Double.isFinite(n[i])) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw OgcProblems.invalidParameter("bbox", "four or six comma-separated numbers");
        }
        double[] b = parts.length == 4 ? n : new double[] {n[0], n[1], n[3], n[4]};
        if (crs == SupportedCrs.EPSG_4326) {
            b = new double[] {b[1], b[0], b[3], b[2]};
        }
        if (crs.isGeographic()) {
            if (b[1] > b[3]) {
                throw OgcProblems.invalidParameter("bbox", "the lower latitude is greater than the upper");
            }
            if (b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180) {
                throw OgcProblems.invalidParameter("bbox", "longitude within ±180 and latitude within ±90");
            }
            if (b[0] > b[2]) {
                // crosses the antimeridian: nothing of ours lies there, so keep the eastern part from -180
                b = new double[] {-180, b[1], b[2], b[3]};
            }
            double[] w = FeatureQueries.WORLD_CLAMP;
            b = new double[] {Math.max(b[0], w[0]), Math.max(b[1], w[1]), Math.min(b[2], w[2]), Math.min(b[3], w[3])};
            if (b[0] > b[2] || b[1] > b[3]) {
                b = new double[] {w[0], w[1], w[0], w[1]}; // empty intersection: a point where no feature is
            }
        } else if (b[0] > b[2] || b[1] > b[3]) {
            throw OgcProblems.invalidParameter("bbox", "the lower corner must not exceed the upper corner");
        }
        return b;
    }

    /** RFC 3339 instant or interval with ".." or empty open ends; a date is its whole day. */
    static Instant[] datetime(String value) {
        if (value == null || value.isBlank()) {
            return new Instant[2];
        }
        try {
            if (value.contains("/")) {
                String[] ends = value.split("/", -1);
                if (ends.length != 2) {
                    throw OgcProblems.invalidParameter("datetime", "an instant or start/end");
                }
                Instant from = open(ends[0]) ? null : instant(ends[0], false);
                Instant to = open(ends[1]) ? null : instant(ends[1], true);
                if (from == null && to == null && !(ends[0].equals("..") || ends[1].equals(".."))) {
                    throw OgcProblems.invalidParameter("datetime", "at least one end, or '..'");
                }
                if (from != null && to != null && from.isAfter(to)) {
                    throw OgcProblems.invalidParameter("datetime", "the start is after the end");
                }
                return new Instant[] {from, to};
            }
            return new Instant[] {instant(value, false), instant(value, true)};
        } catch (DateTimeParseException e) {
            throw OgcProblems.invalidParameter("datetime", "'" + value + "' is not an RFC 3339 date-time or interval");
        }
    }

    private static boolean open(String end) {
        return end.isEmpty() || end.equals("..");
    }

    private static Instant instant(String value, boolean endOfDay) {
        if (value.length() == 10) {
            LocalDate d = LocalDate.parse(value);
            return endOfDay ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000)
                    : d.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
