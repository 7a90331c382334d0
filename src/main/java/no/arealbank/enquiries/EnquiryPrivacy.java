package no.arealbank.enquiries;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import no.arealbank.audit.ChangeHistory;
import no.arealbank.security.Actor;
import no.arealbank.shared.BadParameterException;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * What the inbox does with the personal data in enquiries beyond reading it: the CSV export of a filtered inbox,
 * the data subject's access and erasure requests (by e-mail address, within the reader's municipalities), and the
 * retention limit. Every deletion is a hard delete recorded in the change history as {@code delete} of the
 * enquiry's id, by whom and why, never with the personal data itself.
 */
@Service
@Transactional(readOnly = true)
class EnquiryPrivacy {

    static final String ENTITY = "enquiry";
    private static final Logger log = LoggerFactory.getLogger(EnquiryPrivacy.class);
    private static final int RETENTION_BATCH = 5000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    /*
     * CSV for Excel in Norwegian locale, as the plot export: semicolons (Excel's list separator where the decimal
     * separator is a comma), CRLF, RFC 4180 quoting by Jackson, and a UTF-8 BOM so Excel reads æøå. Enquiries are
     * written by anyone on the internet, so a text cell that Excel would take for a formula (=, +, -, @, tab, CR)
     * gets a leading apostrophe (OWASP "CSV injection").
     */
    static final List<String> CSV_COLUMNS = List.of("id", "receivedAt", "status", "plotId", "plotName",
            "municipalityNumber", "municipalityName", "name", "email", "phone", "language", "message", "note",
            "updatedAt", "updatedBy");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectWriter CSV_WRITER;

    static {
        CsvSchema.Builder schema = CsvSchema.builder().setColumnSeparator(';').setLineSeparator("\r\n")
                .setUseHeader(false);
        CSV_COLUMNS.forEach(schema::addColumn);
        CSV_WRITER = CsvMapper.builder().enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build().writer(schema.build());
    }

    private final EnquiryQueries queries;
    private final ChangeHistory history;
    private final JdbcClient jdbc;
    private final EnquirySettings settings;

    EnquiryPrivacy(EnquiryQueries queries, ChangeHistory history, JdbcClient jdbc, EnquirySettings settings) {
        this.queries = queries;
        this.history = history;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Everything held about an address, as the data subject may ask for it. */
    record PersonalData(String email, Instant exportedAt, String scope, List<EnquiryQueries.EnquiryView> enquiries) {
    }

    record Erased(int deleted) {
    }

    /** Where a CSV export goes: sets status and headers and returns the body; called once the export may start. */
    @FunctionalInterface
    interface Download {
        OutputStream open() throws IOException;
    }

    /**
     * The inbox (same filters, same scope) as CSV, newest first, in one repeatable-read transaction so that the
     * count and the rows are one snapshot. Too many rows is a 400 before anything is written.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    void csv(EnquiryQueries.Filter filter, Actor reader, Download download) throws IOException {
        long rows = queries.count(filter, reader);
        if (rows > settings.exportMaxRows()) {
            throw new BadParameterException("?status", rows + " enquiries match, at most " + settings.exportMaxRows()
                    + " can be exported at once; narrow the filter (status, plotId, municipality)");
        }
        OutputStream out = download.open();
        out.write(UTF8_BOM);
        SequenceWriter csv = CSV_WRITER.writeValues(out);
        csv.write(CSV_COLUMNS.toArray(String[]::new));
        queries.forEach(filter, reader, e -> csv.write(row(e)));
        csv.flush();
        log.info("enquiry export by={} rows={}", reader.username(), rows);
    }

    PersonalData personalData(String email, Actor reader) {
        String address = email(email);
        List<EnquiryQueries.EnquiryView> found = queries.byEmail(address, reader);
        log.info("personal data export by={} enquiries={}", reader.username(), found.size());
        return new PersonalData(address, Instant.now(), scope(reader), found);
    }

    /** Erasure: hard-deletes every enquiry from the address that the actor may see; records ids only. */
    @Transactional
    Erased erase(String email, Actor actor) {
        String address = email(email);
        List<long[]> deleted = jdbc.sql("""
                DELETE FROM enquiry e USING plot p
                 WHERE p.id = e.plot_id AND lower(e.email) = lower(:email)
                   AND (:all OR p.municipality_number = ANY (string_to_array(:scope, ',')))
                RETURNING e.id, e.version
                """).param("email", address).param("all", actor.admin())
                .param("scope", String.join(",", actor.municipalities()))
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        for (long[] d : deleted) {
            history.record(ENTITY, d[0], "delete", (int) d[1], actor.username(), null, null, List.of(),
                    "erased on the data subject's request");
        }
        log.info("personal data erased by={} enquiries={}", actor.username(), deleted.size());
        return new Erased(deleted.size());
    }

    /**
     * Deletes enquiries received more than {@code retention} ago, in batches; returns how many. Called by the
     * scheduler in its own transaction per batch (see {@link EnquiryRetention}).
     */
    @Transactional
    int purgeBatch(Instant cutoff, Duration retention) {
        List<long[]> deleted = jdbc.sql("""
                DELETE FROM enquiry WHERE id IN (
                    SELECT id FROM enquiry WHERE created_at < :cutoff ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)
                RETURNING id, version
                """).param("cutoff", java.sql.Timestamp.from(cutoff)).param("batch", RETENTION_BATCH)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        for (long[] d : deleted) {
            history.record(ENTITY, d[0], "delete", (int) d[1], "system:retention", null, null, List.of(),
                    "deleted after the retention period of " + (retention.toSeconds() % 86400 == 0
                            ? retention.toDays() + " days" : retention.toString()));
        }
        return deleted.size();
    }

    static int batchSize() {
        return RETENTION_BATCH;
    }

    private static String email(String email) {
        if (email == null || email.isBlank()) {
            throw new BadParameterException("?email", "required: the data subject's e-mail address");
        }
        String address = email.strip();
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new BadParameterException("?email", "not an e-mail address");
        }
        return address;
    }

    private static String scope(Actor reader) {
        return reader.admin() ? "all municipalities"
                : "municipalities " + String.join(", ", reader.municipalities().stream().sorted().toList());
    }

    private static List<String> row(EnquiryQueries.EnquiryView e) {
        List<String> cells = new ArrayList<>();
        cells.add(String.valueOf(e.id()));
        cells.add(local(e.receivedAt()));
        cells.add(e.status());
        cells.add(String.valueOf(e.plotId()));
        cells.add(text(e.plotName()));
        cells.add(e.municipalityNumber());
        cells.add(text(e.municipalityName()));
        cells.add(text(e.name()));
        cells.add(text(e.email()));
        cells.add(text(e.phone()));
        cells.add(e.language());
        cells.add(text(e.message()));
        cells.add(text(e.note()));
        cells.add(local(e.updatedAt()));
        cells.add(text(e.updatedBy()));
        return cells;
    }

    /** A text cell that a spreadsheet cannot mistake for a formula. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    private static String local(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(NORWAY).format(LOCAL_TIME);
    }
}
