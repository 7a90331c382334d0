package no.arealbank.plots;

import static java.util.stream.Collectors.joining;
import static no.arealbank.plots.PlotExports.Type.BOOLEAN;
import static no.arealbank.plots.PlotExports.Type.DATE;
import static no.arealbank.plots.PlotExports.Type.DATETIME;
import static no.arealbank.plots.PlotExports.Type.INTEGER;
import static no.arealbank.plots.PlotExports.Type.REAL;
import static no.arealbank.plots.PlotExports.Type.TEXT;
import static no.arealbank.plots.PlotExports.Type.TEXT_LIST;

import java.io.File;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.contents.Contents;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTable;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;

import no.arealbank.security.Actor;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * Downloads of every plot a list filter matches: GeoJSON, GeoPackage and CSV. There is no paging; instead a filter
 * matching more than {@link PlotExportSettings#maxRows()} plots is refused (400) before anything is sent.
 * <p>
 * One read-only REPEATABLE READ transaction counts the match and then reads the rows from one statement. With a
 * fetch size inside a transaction pgjdbc reads through a cursor, so memory stays flat whatever the row count, and
 * the snapshot keeps count, extent and rows consistent. GeoJSON and CSV are written to the response row by row
 * (the connection is held while the client downloads); a GeoPackage is an SQLite file, so it is built in a
 * temporary file first, the transaction ends, and the file is sent and deleted.
 * <p>
 * PostGIS writes every geometry (GeoJSON, WKB, WKT); no geometry is parsed or formatted in Java except WKB to
 * GeoPackage geometry, which the GeoPackage library does.
 */
@Component
class PlotExports {

    private static final Logger log = LoggerFactory.getLogger(PlotExports.class);

    enum Type {
        TEXT, TEXT_LIST, INTEGER, REAL, BOOLEAN, DATE, DATETIME
    }

    /** One exported attribute: its name in every format, its type and its SQL over {@code plot p} and {@code municipality m}. */
    record Column(String name, Type type, String sql) {

        /** The expression for the flat formats: an array becomes comma-separated text. */
        String rowSql() {
            return type == TEXT_LIST ? "array_to_string(" + sql + ", ',')" : sql;
        }
    }

    /**
     * The flat properties of the OGC collection {@code plots} (features/CollectionRegistry), so a GIS user gets the
     * same attributes from both. Added: {@code published}, because a signed-in planner's export includes drafts.
     */
    static final List<Column> COLUMNS = List.of(
            new Column("municipalityNumber", TEXT, "p.municipality_number::text"),
            new Column("municipalityName", TEXT, "m.name"),
            new Column("name", TEXT, "p.name"),
            new Column("matrikkelId", TEXT,
                    "CASE WHEN p.gnr IS NULL THEN NULL ELSE concat_ws('/', p.gnr, p.bnr, p.fnr, p.snr) END"),
            new Column("purpose", TEXT, "p.purpose"),
            new Column("allowedUses", TEXT_LIST, "p.allowed_uses"),
            new Column("permanentResidenceAllowed", BOOLEAN, "('bustad' = ANY (p.allowed_uses))"),
            new Column("landUseCode", INTEGER, "p.land_use_code"),
            new Column("availability", TEXT, "p.availability"),
            new Column("tenure", TEXT, "p.tenure"),
            new Column("areaM2", REAL, "round(p.area_m2::numeric, 1)"),
            new Column("priceTotal", REAL, "p.price_total"),
            new Column("pricePerM2", REAL, "p.price_per_m2"),
            new Column("effectivePrice", REAL, PlotQueries.EFFECTIVE_PRICE),
            new Column("groundRentYearly", REAL, "p.ground_rent_yearly"),
            new Column("feeSurvey", REAL, "p.fee_survey"),
            new Column("feeWater", REAL, "p.fee_water"),
            new Column("feeSewer", REAL, "p.fee_sewer"),
            new Column("allocation", TEXT, "p.allocation"),
            new Column("applicationDeadline", DATE, "p.application_deadline"),
            new Column("buildingDeadlineYears", INTEGER, "p.building_deadline_years"),
            new Column("residenceObligationYears", INTEGER, "p.residence_obligation_years"),
            new Column("road", TEXT, "p.infra_road"),
            new Column("water", TEXT, "p.infra_water"),
            new Column("sewer", TEXT, "p.infra_sewer"),
            new Column("power", TEXT, "p.infra_power"),
            new Column("fibre", TEXT, "p.infra_fibre"),
            new Column("buildReady", BOOLEAN,
                    "(p.infra_road = 'yes' AND p.infra_water = 'yes' AND p.infra_sewer = 'yes' AND p.infra_power = 'yes')"),
            new Column("planId", TEXT, "p.plan_id"),
            new Column("contactEmail", TEXT, "p.contact_email"),
            new Column("contactPhone", TEXT, "p.contact_phone"),
            new Column("descriptionNn", TEXT, "p.description->>'nn'"),
            new Column("published", BOOLEAN, "p.published"),
            new Column("updatedAt", DATETIME, "p.updated_at"));

    private static final String FROM = " FROM plot p JOIN municipality m ON m.number = p.municipality_number";

    /** RFC 7946: CRS84 and counter-clockwise outer rings; 6 decimals keep about a decimetre. */
    private static final String FEATURE = "json_build_object('type', 'Feature', 'id', p.id, 'geometry', "
            + "ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(p.geom, 4326)), " + SupportedCrs.CRS84.decimals() + ")::json, "
            + "'properties', json_build_object("
            + COLUMNS.stream().map(c -> "'" + c.name() + "', " + c.sql()).collect(joining(", ")) + "))::text";

    private static final String ROW = "p.id, " + COLUMNS.stream().map(Column::rowSql).collect(joining(", "));

    /** GeoPackage and CSV keep the storage CRS (EPSG:25832, metres), so nothing is transformed. */
    private static final String WKB = "ST_AsBinary(p.geom)";
    private static final String WKT = "ST_AsText(p.geom, " + SupportedCrs.EPSG_25832.decimals() + ")";

    /** Public rows, plus drafts of the municipalities the reader may write in (as {@code PlotQueries.VISIBLE}). */
    private static final String VISIBLE = """
            p.archived_at IS NULL
            AND (p.published OR :allDrafts OR p.municipality_number = ANY (string_to_array(:drafts, ',')))
            """;

    private static final String GPKG_TABLE = "plots";
    private static final String GPKG_GEOMETRY = "geom";
    private static final DateTimeFormatter GPKG_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /*
     * CSV for Excel in Norwegian locale: there the decimal separator is the comma, so Excel splits CSV on semicolons
     * (the list separator); a comma-separated file would open as one column. Decimal numbers are therefore written
     * with a decimal comma (1234,5) so Excel reads them as numbers, not text. The UTF-8 BOM makes Excel read æøå
     * right. Quoting follows RFC 4180 (Jackson quotes a field only where needed); lines end in CRLF.
     */
    private static final char CSV_SEPARATOR = ';';
    private static final ObjectWriter CSV_WRITER;

    static {
        CsvSchema.Builder schema = CsvSchema.builder().setColumnSeparator(CSV_SEPARATOR).setLineSeparator("\r\n")
                .setUseHeader(false); // the header is written as the first row, so an empty export has one too
        csvHeader().forEach(schema::addColumn);
        CSV_WRITER = CsvMapper.builder().enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build().writer(schema.build());
    }

    /** Leaves an unfinished document unfinished: on failure no closing brackets make a truncated file look whole. */
    private static final JsonMapper JSON = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final PlotExportSettings settings;
    private volatile StorageSrs storageSrs;

    PlotExports(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions, PlotExportSettings settings) {
        // Same DataSource and statement timeout as every query, plus a fetch size so pgjdbc uses a cursor.
        JdbcTemplate cursor = new JdbcTemplate(jdbcTemplate.getDataSource());
        cursor.setQueryTimeout(jdbcTemplate.getQueryTimeout());
        cursor.setFetchSize(settings.fetchSize());
        this.jdbc = JdbcClient.create(cursor);
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.settings = settings;
    }

    /** Where an export goes. {@link #open} sets status and headers and returns the body; it is called at most once. */
    @FunctionalInterface
    interface Download {

        /** @param contentLength the body size in bytes, or -1 if unknown (streamed) */
        OutputStream open(long contentLength) throws IOException;
    }

    /** Thrown when an export fails after its response started: the client must see a broken transfer, not a problem. */
    static final class ExportInterruptedException extends RuntimeException {

        ExportInterruptedException(String format, Throwable cause) {
            super("plot export " + format + " failed after the response started", cause);
        }
    }

    void geoJson(PlotFilter filter, Optional<Actor> reader, Download download) {
        PlotQueries.Where where = PlotQueries.where(filter, reader);
        Body body = new Body(download);
        run("geojson", reader, body, () -> inTransaction(() -> {
            Match match = match(where);
            JsonGenerator json = JSON.createGenerator(body.open(-1));
            json.writeStartObject();
            json.writeStringProperty("type", "FeatureCollection");
            json.writeStringProperty("name", GPKG_TABLE);
            json.writeStringProperty("timeStamp", Instant.now().toString());
            json.writeNumberProperty("numberMatched", match.rows());
            json.writeNumberProperty("numberReturned", match.rows());
            json.writeName("features");
            json.writeStartArray();
            jdbc.sql("SELECT " + FEATURE + FROM + " WHERE " + where.sql() + " ORDER BY " + filter.sort().orderBy)
                    .params(where.params())
                    .query((RowCallbackHandler) rs -> json.writeRawValue(rs.getString(1)));
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            return match.rows();
        }));
    }

    void csv(PlotFilter filter, Optional<Actor> reader, Download download) {
        PlotQueries.Where where = PlotQueries.where(filter, reader);
        Body body = new Body(download);
        run("csv", reader, body, () -> inTransaction(() -> {
            Match match = match(where);
            OutputStream out = body.open(-1);
            out.write(UTF8_BOM);
            SequenceWriter csv = CSV_WRITER.writeValues(out);
            csv.write(csvHeader().toArray(String[]::new));
            jdbc.sql(rowsSql(WKT, where, filter.sort())).params(where.params())
                    .query((RowCallbackHandler) rs -> csv.write(csvRow(rs)));
            csv.flush();
            return match.rows();
        }));
    }

    void geoPackage(PlotFilter filter, Optional<Actor> reader, Download download) {
        PlotQueries.Where where = PlotQueries.where(filter, reader);
        Body body = new Body(download);
        run("gpkg", reader, body, () -> {
            Path dir = createTempDirectory();
            try {
                File file = dir.resolve("arealbank-plots.gpkg").toFile();
                long rows = inTransaction(() -> {
                    Match match = match(where);
                    writeGeoPackage(file, match, where, filter.sort());
                    return match.rows();
                });
                OutputStream out = body.open(Files.size(file.toPath()));
                Files.copy(file.toPath(), out);
                out.flush();
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                delete(dir);
            }
        });
    }

    // --- the GeoPackage ---

    private void writeGeoPackage(File file, Match match, PlotQueries.Where where, PlotFilter.Sort sort) throws IOException {
        GeoPackageManager.create(file);
        try (GeoPackage gpkg = GeoPackageManager.open(file)) {
            SpatialReferenceSystem srs = storageSrs().toGeoPackage();
            gpkg.getSpatialReferenceSystemDao().create(srs);
            GeometryColumns geometry = new GeometryColumns();
            geometry.setId(new TableColumnKey(GPKG_TABLE, GPKG_GEOMETRY));
            geometry.setGeometryType(GeometryType.MULTIPOLYGON);
            geometry.setZ((byte) 0);
            geometry.setM((byte) 0);
            geometry.setSrs(srs);
            BoundingBox extent = match.extent() == null ? null
                    : new BoundingBox(match.extent()[0], match.extent()[1], match.extent()[2], match.extent()[3]);
            FeatureTable table = gpkg.createFeatureTable(
                    FeatureTableMetadata.create(geometry, "fid", geoPackageColumns(), extent));
            Contents contents = gpkg.getContentsDao().queryForId(GPKG_TABLE);
            contents.setIdentifier("Arealbank plots");
            contents.setDescription("Plots (tomter) offered by the municipalities, exported " + Instant.now());
            gpkg.getContentsDao().update(contents);

            FeatureDao dao = gpkg.getFeatureDao(table);
            dao.setPkModifiable(true); // fid = plot id, stable across exports
            gpkg.beginTransaction();
            boolean complete = false;
            try {
                jdbc.sql(rowsSql(WKB, where, sort)).params(where.params())
                        .query((RowCallbackHandler) rs -> dao.insert(featureRow(dao, rs)));
                complete = true;
            } finally {
                gpkg.endTransaction(complete);
            }
            new RTreeIndexExtension(gpkg).create(table); // spatial index, as GDAL and QGIS write it
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the GeoPackage", e);
        }
    }

    private static List<FeatureColumn> geoPackageColumns() {
        List<FeatureColumn> columns = new ArrayList<>();
        for (Column c : COLUMNS) {
            columns.add(FeatureColumn.createColumn(c.name(), switch (c.type()) {
                case TEXT, TEXT_LIST -> GeoPackageDataType.TEXT;
                case INTEGER -> GeoPackageDataType.INTEGER;
                case REAL -> GeoPackageDataType.REAL;
                case BOOLEAN -> GeoPackageDataType.BOOLEAN;
                case DATE -> GeoPackageDataType.DATE;
                case DATETIME -> GeoPackageDataType.DATETIME;
            }));
        }
        return columns;
    }

    private static FeatureRow featureRow(FeatureDao dao, ResultSet rs) throws SQLException {
        FeatureRow row = dao.newRow();
        row.setId(rs.getLong(1));
        Object[] values = values(rs);
        for (int i = 0; i < COLUMNS.size(); i++) {
            row.setValue(COLUMNS.get(i).name(), geoPackageValue(values[i]));
        }
        try {
            // the library's own WKB reader; srs id as registered in gpkg_spatial_ref_sys
            row.setGeometry(GeoPackageGeometryData.createFromWkbAndBuildEnvelope(SupportedCrs.STORAGE_SRID,
                    rs.getBytes(COLUMNS.size() + 2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return row;
    }

    private static Object geoPackageValue(Object v) {
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof LocalDate d) {
            return d.toString(); // GeoPackage DATE: ISO-8601 text
        }
        if (v instanceof OffsetDateTime t) {
            return GPKG_DATETIME.format(t.withOffsetSameInstant(ZoneOffset.UTC)); // GeoPackage DATETIME, UTC
        }
        return v;
    }

    /** The storage CRS as PostGIS defines it, read once: authority, code, name and WKT for gpkg_spatial_ref_sys. */
    private record StorageSrs(String organization, long code, String name, String wkt) {

        SpatialReferenceSystem toGeoPackage() {
            SpatialReferenceSystem srs = new SpatialReferenceSystem();
            srs.setSrsId(code);
            srs.setSrsName(name);
            srs.setOrganization(organization);
            srs.setOrganizationCoordsysId(code);
            srs.setDefinition(wkt);
            srs.setDescription(name + ", the storage CRS of Arealbank (metres)");
            return srs;
        }
    }

    private StorageSrs storageSrs() {
        StorageSrs srs = storageSrs;
        if (srs == null) {
            srs = jdbc.sql("""
                    SELECT auth_name, auth_srid, split_part(srtext, '"', 2), srtext
                      FROM spatial_ref_sys WHERE srid = :srid
                    """).param("srid", SupportedCrs.STORAGE_SRID)
                    .query((rs, i) -> new StorageSrs(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                    .single();
            storageSrs = srs;
        }
        return srs;
    }

    // --- CSV ---

    private static List<String> csvHeader() {
        List<String> header = new ArrayList<>();
        header.add("id");
        COLUMNS.forEach(c -> header.add(c.name()));
        header.add("wkt"); // GDAL's CSV driver reads a column named WKT as the geometry
        return header;
    }

    private static String[] csvRow(ResultSet rs) throws SQLException {
        Object[] values = values(rs);
        String[] row = new String[COLUMNS.size() + 2];
        row[0] = Long.toString(rs.getLong(1));
        for (int i = 0; i < values.length; i++) {
            row[i + 1] = csvValue(values[i]);
        }
        row[row.length - 1] = rs.getString(COLUMNS.size() + 2);
        return row;
    }

    private static String csvValue(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString().replace('.', ','); // decimal comma, see CSV_SEPARATOR
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toString(); // ISO-8601 in UTC
        }
        return v.toString();
    }

    // --- shared ---

    /** Typed values of {@link #COLUMNS}, which start at column 2 of a row query. */
    private static Object[] values(ResultSet rs) throws SQLException {
        Object[] values = new Object[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            int col = i + 2;
            values[i] = switch (COLUMNS.get(i).type()) {
                case TEXT, TEXT_LIST -> rs.getString(col);
                case INTEGER -> {
                    long v = rs.getLong(col);
                    yield rs.wasNull() ? null : v;
                }
                case REAL -> rs.getBigDecimal(col);
                case BOOLEAN -> {
                    boolean v = rs.getBoolean(col);
                    yield rs.wasNull() ? null : v;
                }
                case DATE -> rs.getObject(col, LocalDate.class);
                case DATETIME -> rs.getObject(col, OffsetDateTime.class);
            };
        }
        return values;
    }

    private static String rowsSql(String geometry, PlotQueries.Where where, PlotFilter.Sort sort) {
        return "SELECT " + ROW + ", " + geometry + FROM + " WHERE " + where.sql() + " ORDER BY " + sort.orderBy;
    }

    private record Match(long rows, double[] extent) {
    }

    /** Counts the match (and its EPSG:25832 extent) and refuses it when it is over the cap. */
    private Match match(PlotQueries.Where where) {
        Match match = jdbc.sql("""
                SELECT n, ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
                  FROM (SELECT count(*) AS n, ST_Extent(p.geom) AS e FROM plot p WHERE %s) s
                """.formatted(where.sql())).params(where.params())
                .query((rs, i) -> new Match(rs.getLong(1), rs.getObject(2) == null ? null
                        : new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)}))
                .single();
        if (match.rows() > settings.maxRows()) {
            ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, match.rows()
                    + " plots match, an export holds at most " + settings.maxRows()
                    + "; narrow the filter (municipality, purpose, bbox, ...)");
            pd.setTitle("Export too large");
            pd.setProperty("numberMatched", match.rows());
            pd.setProperty("maxRows", settings.maxRows());
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, pd, null);
        }
        return match;
    }

    /** Work inside the export transaction; I/O errors leave it unchecked (and roll it back). */
    @FunctionalInterface
    private interface Work {
        long run() throws IOException;
    }

    private long inTransaction(Work work) {
        Long rows = readOnly.execute(status -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return rows == null ? 0 : rows;
    }

    @FunctionalInterface
    private interface Export {
        long run();
    }

    /**
     * Runs an export and sorts out its failures. Before the response started, the exception goes on to the problem
     * advice (400 for a bad filter, 500 ...). After it started, headers are gone: a failed write means the client
     * left (logged, nothing else to do); any other failure must break the transfer so the client does not keep a
     * truncated file that looks complete, hence {@link ExportInterruptedException}.
     */
    private void run(String format, Optional<Actor> reader, Body body, Export export) {
        long started = System.nanoTime();
        String who = reader.map(Actor::username).orElse("anonymous");
        try {
            long rows = export.run();
            log.info("plot export format={} rows={} bytes={} reader={} ms={}", format, rows, body.bytes, who,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            if (!body.opened) {
                throw e;
            }
            if (body.writeFailed) {
                log.info("plot export format={} reader={} aborted by the client after {} bytes: {}", format, who,
                        body.bytes, e.toString());
                return;
            }
            // one line here; the servlet container logs the stack trace when the exception reaches it
            log.error("plot export format={} reader={} failed after {} bytes: {}", format, who, body.bytes, e.toString());
            throw new ExportInterruptedException(format, e);
        }
    }

    /** The response body: opened once, counts bytes and remembers whether a write to the client failed. */
    private static final class Body {

        private final Download download;
        private boolean opened;
        private boolean writeFailed;
        private long bytes;

        Body(Download download) {
            this.download = download;
        }

        OutputStream open(long contentLength) throws IOException {
            if (opened) {
                throw new IllegalStateException("body already opened");
            }
            opened = true;
            OutputStream target = download.open(contentLength);
            return new FilterOutputStream(target) {

                @Override
                public void write(int b) throws IOException {
                    guard(() -> out.write(b));
                    bytes++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    guard(() -> out.write(b, off, len));
                    bytes += len;
                }

                @Override
                public void flush() throws IOException {
                    guard(out::flush);
                }

                @Override
                public void close() throws IOException {
                    guard(out::close);
                }
            };
        }

        private interface Write {
            void run() throws IOException;
        }

        private void guard(Write write) throws IOException {
            try {
                write.run();
            } catch (IOException e) {
                writeFailed = true;
                throw e;
            }
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("arealbank-export-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the temporary directory with the GeoPackage and any SQLite journal left beside it. */
    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("could not delete export file {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("could not delete export directory {}: {}", dir, e.toString());
        }
    }
}
