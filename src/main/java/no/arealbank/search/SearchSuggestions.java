package no.arealbank.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Runs {@code sql/search/suggest.sql} (loaded once at start) with every value bound. */
@Repository
class SearchSuggestions {

    /** One suggestion: where to fly to ({@code lon}/{@code lat}, and {@code bbox} for areas) and what it is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Suggestion(String type, String label, String detail, double lon, double lat, double[] bbox, Long plotId,
            String planId) {
    }

    private final JdbcClient jdbc;
    private final String sql;

    SearchSuggestions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        try {
            this.sql = new ClassPathResource("sql/search/suggest.sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Suggestion> find(SearchTerms terms, int limit) {
        return jdbc.sql(sql)
                .param("q", terms.text())
                .param("limit", limit)
                .param("municipality", terms.municipality())
                .param("gnr", terms.gnr())
                .param("bnr", terms.bnr())
                .param("fnr", terms.fnr())
                .param("snr", terms.snr())
                .param("planPrefix", terms.planPrefix())
                .query((rs, i) -> {
                    double minLon = rs.getDouble("min_lon");
                    double[] bbox = rs.wasNull() ? null : new double[] {minLon, rs.getDouble("min_lat"),
                            rs.getDouble("max_lon"), rs.getDouble("max_lat")};
                    long plotId = rs.getLong("plot_id");
                    Long plot = rs.wasNull() ? null : plotId;
                    return new Suggestion(rs.getString("type"), rs.getString("label"), rs.getString("detail"),
                            rs.getDouble("lon"), rs.getDouble("lat"), bbox, plot, rs.getString("plan_id"));
                })
                .list();
    }
}
