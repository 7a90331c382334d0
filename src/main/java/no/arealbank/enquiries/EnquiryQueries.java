package no.arealbank.enquiries;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.arealbank.security.Actor;

/**
 * Read paths of the enquiry inbox, one statement each. Every read is scoped to the reader: a planner sees the
 * enquiries about plots of the municipalities they cover, a regional admin all of them.
 */
@Repository
class EnquiryQueries {

    /** An enquiry as the inbox shows it, with the plot it is about. */
    record EnquiryView(long id, long plotId, String plotName, String municipalityNumber, String municipalityName,
            String name, String email, String phone, String message, String language, String status, String note,
            OffsetDateTime receivedAt, OffsetDateTime updatedAt, String updatedBy, int version) {
    }

    /** A plot an enquiry may be about: published and not archived. */
    record PublicPlot(long id, String name, String municipalityNumber, String municipalityName) {
    }

    /** The inbox filter; null members do not filter. */
    record Filter(List<String> statuses, Long plotId, String municipalityNumber, int limit, int offset) {
    }

    private static final String SELECT = """
            SELECT e.id, e.plot_id, p.name AS plot_name, p.municipality_number, m.name AS municipality_name,
                   e.name, e.email, e.phone, e.message, e.language, e.status, e.note,
                   e.created_at, e.updated_at, e.updated_by, e.version
              FROM enquiry e
              JOIN plot p ON p.id = e.plot_id
              JOIN municipality m ON m.number = p.municipality_number
            """;

    /** Binds :all and :scope (the reader's municipalities, comma-separated). */
    private static final String SCOPE = "(:all OR p.municipality_number = ANY (string_to_array(:scope, ',')))";

    private static final RowMapper<EnquiryView> VIEW = (rs, i) -> new EnquiryView(rs.getLong(1), rs.getLong(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
            rs.getObject(13, OffsetDateTime.class), rs.getObject(14, OffsetDateTime.class), rs.getString(15),
            rs.getInt(16));

    private final JdbcClient jdbc;

    EnquiryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<EnquiryView> find(long id, Actor reader) {
        return jdbc.sql(SELECT + " WHERE e.id = :id AND " + SCOPE).param("id", id).params(scope(reader))
                .query(VIEW).optional();
    }

    record Page(long matched, List<EnquiryView> enquiries) {
    }

    Page list(Filter f, Actor reader) {
        Map<String, Object> params = new HashMap<>();
        String where = where(f, reader, params);
        long matched = count(where, params);
        params.put("limit", f.limit());
        params.put("offset", f.offset());
        List<EnquiryView> rows = jdbc.sql(SELECT + " WHERE " + where + " ORDER BY e.created_at DESC, e.id DESC"
                + " LIMIT :limit OFFSET :offset").params(params).query(VIEW).list();
        return new Page(matched, rows);
    }

    /** How many enquiries the filter matches for the reader (paging ignored). */
    long count(Filter f, Actor reader) {
        Map<String, Object> params = new HashMap<>();
        return count(where(f, reader, params), params);
    }

    /** Every enquiry the filter matches for the reader, newest first, one row at a time (paging ignored). */
    void forEach(Filter f, Actor reader, java.util.function.Consumer<EnquiryView> each) {
        Map<String, Object> params = new HashMap<>();
        String where = where(f, reader, params);
        jdbc.sql(SELECT + " WHERE " + where + " ORDER BY e.created_at DESC, e.id DESC").params(params)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> each.accept(VIEW.mapRow(rs, 0)));
    }

    /** Everything held about an e-mail address (compared case-insensitively) that the reader may see, oldest first. */
    List<EnquiryView> byEmail(String email, Actor reader) {
        return jdbc.sql(SELECT + " WHERE lower(e.email) = lower(:email) AND " + SCOPE + " ORDER BY e.created_at, e.id")
                .param("email", email).params(scope(reader)).query(VIEW).list();
    }

    private long count(String where, Map<String, Object> params) {
        return jdbc.sql("SELECT count(*) FROM enquiry e JOIN plot p ON p.id = e.plot_id WHERE " + where)
                .params(params).query(Long.class).single();
    }

    /** The WHERE clause of a filter for a reader; values bound into {@code params}. */
    private static String where(Filter f, Actor reader, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(SCOPE);
        params.putAll(scope(reader));
        if (f.statuses() != null) {
            where.append(" AND e.status = ANY (string_to_array(:statuses, ','))");
            params.put("statuses", String.join(",", f.statuses()));
        }
        if (f.plotId() != null) {
            where.append(" AND e.plot_id = :plotId");
            params.put("plotId", f.plotId());
        }
        if (f.municipalityNumber() != null) {
            where.append(" AND p.municipality_number = :municipality");
            params.put("municipality", f.municipalityNumber());
        }
        return where.toString();
    }

    /**
     * The plot if it is public, locked against a concurrent archive or unpublish until the enquiry's transaction
     * ends (so an enquiry is never stored for a plot that just left the public map).
     */
    Optional<PublicPlot> lockPublicPlot(long plotId) {
        return jdbc.sql("""
                SELECT p.id, p.name, p.municipality_number, m.name
                  FROM plot p JOIN municipality m ON m.number = p.municipality_number
                 WHERE p.id = :id AND p.published AND p.archived_at IS NULL
                   FOR SHARE OF p
                """).param("id", plotId)
                .query((rs, i) -> new PublicPlot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    private static Map<String, Object> scope(Actor reader) {
        return Map.of("all", reader.admin(), "scope", String.join(",", reader.municipalities()));
    }
}
