package no.arealbank.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** Writes and reads {@code change_history}. Writing requires the caller's transaction. */
@Component
public class ChangeHistory {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ChangeHistory(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * One history entry; {@code before}/{@code after} are JSON texts (null for none). {@code relatedIds} names the
     * other entities of a change that involved several (a split or merge), {@code note} says what happened in words.
     */
    public record Entry(long id, String action, int version, String changedBy, OffsetDateTime changedAt,
            @JsonRawValue String before, @JsonRawValue String after, List<Long> relatedIds, String note) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String entityType, long entityId, String action, int version, String changedBy, String before,
            String after) {
        record(entityType, entityId, action, version, changedBy, before, after, List.of(), null);
    }

    /** As {@link #record(String, long, String, int, String, String, String)}, naming related entities and a note. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String entityType, long entityId, String action, int version, String changedBy, String before,
            String after, List<Long> relatedIds, String note) {
        jdbc.sql("""
                INSERT INTO change_history (entity_type, entity_id, action, version, changed_by, before, after,
                                            related_ids, note)
                VALUES (:type, :id, :action, :version, :by, CAST(:before AS jsonb), CAST(:after AS jsonb),
                        CAST(string_to_array(:related, ',') AS bigint[]), :note)
                """)
                .param("type", entityType).param("id", entityId).param("action", action).param("version", version)
                .param("by", changedBy).param("before", before).param("after", after)
                .param("related", relatedIds.isEmpty() ? null
                        : String.join(",", relatedIds.stream().map(String::valueOf).toList()))
                .param("note", note)
                .update();
    }

    /** A history row to write in a batch: the entity, its new version, snapshots before and after (JSON or null). */
    public record NewEntry(long entityId, int version, String before, String after) {
    }

    /** Records many entries of one action by one user in a single JDBC batch, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(String entityType, String action, String changedBy, List<NewEntry> entries) {
        template.batchUpdate("""
                INSERT INTO change_history (entity_type, entity_id, action, version, changed_by, before, after)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))
                """, entries, 1000, (ps, e) -> {
                    ps.setString(1, entityType);
                    ps.setLong(2, e.entityId());
                    ps.setString(3, action);
                    ps.setInt(4, e.version());
                    ps.setString(5, changedBy);
                    ps.setString(6, e.before());
                    ps.setString(7, e.after());
                });
    }

    public List<Entry> entries(String entityType, long entityId) {
        return jdbc.sql("""
                SELECT id, action, version, changed_by, changed_at, before::text, after::text,
                       array_to_string(related_ids, ','), note
                  FROM change_history WHERE entity_type = :type AND entity_id = :id ORDER BY id
                """)
                .param("type", entityType).param("id", entityId)
                .query((rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7), ids(rs.getString(8)),
                        rs.getString(9)))
                .list();
    }

    private static List<Long> ids(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isEmpty() ? List.of()
                : java.util.Arrays.stream(commaSeparated.split(",")).map(Long::valueOf).toList();
    }

    /** The snapshot an entity had after reaching {@code version}. */
    public Optional<String> snapshotAt(String entityType, long entityId, int version) {
        return jdbc.sql("""
                SELECT after::text FROM change_history
                 WHERE entity_type = :type AND entity_id = :id AND version = :version AND after IS NOT NULL
                 ORDER BY id DESC LIMIT 1
                """)
                .param("type", entityType).param("id", entityId).param("version", version)
                .query(String.class).optional();
    }
}
