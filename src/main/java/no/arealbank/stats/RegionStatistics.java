package no.arealbank.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts and areas of the plots on offer: published, not archived, availability {@code available}. Every
 * municipality and every purpose appears, with zeros where nothing is on offer, so a chart keeps its axes. Areas
 * are summed exactly ({@code numeric}) and rounded to 0.1 m² once, so the totals are the sums of the plots, not of
 * rounded parts.
 */
@Repository
class RegionStatistics {

    static final List<String> PURPOSES = List.of("housing", "leisure", "business", "combined");

    /**
     * One row per (municipality, purpose), per municipality, per purpose and overall ({@code GROUPING SETS}); the
     * grouping bits say which. Municipalities that have ended ({@code valid_to} passed) are left out.
     */
    private static final String SQL = """
            WITH purpose(code, ord) AS (
                SELECT * FROM unnest(string_to_array(:purposes, ',')) WITH ORDINALITY),
            grid AS (
                SELECT m.number, m.name, m.region, pu.code AS purpose, pu.ord
                  FROM municipality m CROSS JOIN purpose pu
                 WHERE m.valid_to IS NULL OR m.valid_to > current_date)
            SELECT g.number, g.name, g.region, g.purpose,
                   count(p.id) AS plots, round(coalesce(sum(p.area_m2::numeric), 0), 1) AS area_m2,
                   GROUPING(g.number) AS all_municipalities, GROUPING(g.purpose) AS all_purposes
              FROM grid g
              LEFT JOIN plot p ON p.municipality_number = g.number AND p.purpose = g.purpose
                              AND p.published AND p.archived_at IS NULL AND p.availability = 'available'
             GROUP BY GROUPING SETS ((g.number, g.name, g.region, g.purpose, g.ord), (g.number, g.name, g.region),
                                     (g.purpose, g.ord), ())
             ORDER BY g.number NULLS LAST, g.ord NULLS LAST
            """;

    private final JdbcClient jdbc;

    RegionStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A count of plots and their total area in m². */
    record Figures(long plots, BigDecimal areaM2) {
    }

    record MunicipalityFigures(String municipalityNumber, String name, String region, Map<String, Figures> byPurpose,
            Figures total) {
    }

    /** The chart's data; {@code byPurpose} maps keep the order of {@code purposes}. */
    record Region(String availability, List<String> purposes, List<MunicipalityFigures> municipalities,
            Map<String, Figures> byPurpose, Figures total) {
    }

    private record Row(String number, String name, String region, String purpose, Figures figures,
            boolean allMunicipalities, boolean allPurposes) {
    }

    Region compute() {
        List<Row> rows = jdbc.sql(SQL).param("purposes", String.join(",", PURPOSES))
                .query((rs, i) -> new Row(rs.getString("number"), rs.getString("name"), rs.getString("region"),
                        rs.getString("purpose"), new Figures(rs.getLong("plots"), rs.getBigDecimal("area_m2")),
                        rs.getInt("all_municipalities") == 1, rs.getInt("all_purposes") == 1))
                .list();
        Map<String, Map<String, Figures>> perMunicipality = new LinkedHashMap<>();
        Map<String, Row> municipalityTotals = new LinkedHashMap<>();
        Map<String, Figures> byPurpose = new LinkedHashMap<>();
        Figures total = new Figures(0, BigDecimal.ZERO);
        for (Row r : rows) {
            if (r.allMunicipalities() && r.allPurposes()) {
                total = r.figures();
            } else if (r.allMunicipalities()) {
                byPurpose.put(r.purpose(), r.figures());
            } else if (r.allPurposes()) {
                municipalityTotals.put(r.number(), r);
            } else {
                perMunicipality.computeIfAbsent(r.number(), k -> new LinkedHashMap<>()).put(r.purpose(), r.figures());
            }
        }
        List<MunicipalityFigures> municipalities = new ArrayList<>();
        municipalityTotals.forEach((number, r) -> municipalities.add(new MunicipalityFigures(number, r.name(),
                r.region(), perMunicipality.getOrDefault(number, Map.of()), r.figures())));
        return new Region("available", PURPOSES, municipalities, byPurpose, total);
    }
}
