package no.arealbank.plots;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.io.WKBWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import no.arealbank.audit.ChangeHistory;
import no.arealbank.security.Actor;
import no.arealbank.security.ForbiddenMunicipalityException;
import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.InvalidContentException;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many new plots in one transaction (imports): the same rules as {@link PlotService} (every feature through the
 * plot validator, the actor's municipalities, free matrikkel ids, inside the municipality), but written set-based:
 * one batch of inserts, one query for the history snapshots, one batch of history rows, and one {@link PlotChanged}
 * per plot. Any refused feature refuses the whole batch; the caller's transaction then rolls back everything.
 */
@Service
public class PlotBatch {

    private static final int JDBC_BATCH = 1000;

    private final PlotValidator validator;
    private final PlotQueries queries;
    private final ChangeHistory history;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json = JsonMapper.builder().build();

    PlotBatch(PlotValidator validator, PlotQueries queries, ChangeHistory history, ApplicationEventPublisher events,
            JdbcClient jdbc, JdbcTemplate template) {
        this.validator = validator;
        this.queries = queries;
        this.history = history;
        this.events = events;
        this.jdbc = jdbc;
        this.template = template;
    }

    /** What is wrong with feature {@code index} of a batch (pointers relative to that feature). */
    public record Rejected(int index, List<FieldProblem> problems) {
    }

    /**
     * Checks GeoJSON Feature texts against the plot rules without writing anything (no database access except plan
     * lookups). Returns one entry per refused feature; an empty list means {@link #createAll} would accept them,
     * matrikkel ids and municipality boundaries aside.
     */
    public List<Rejected> check(List<String> features, SupportedCrs crs) {
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            try {
                validator.validate(read(features.get(i)), crs);
            } catch (InvalidContentException e) {
                rejected.add(new Rejected(i, e.problems()));
            }
        }
        return rejected;
    }

    /**
     * Creates every feature as a new plot, all or nothing, in the caller's transaction (required). Throws 422 naming
     * {@code /features/{index}/...} for any feature the plot rules refuse, 403 for a municipality the actor may not
     * write in, 409 for a matrikkel id already taken or repeated in the batch. Returns the new ids in input order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> createAll(List<String> features, SupportedCrs crs, Actor actor) {
        List<ValidPlot> valid = new ArrayList<>(features.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            try {
                valid.add(validator.validate(read(features.get(i)), crs));
            } catch (InvalidContentException e) {
                for (FieldProblem p : e.problems()) {
                    problems.add(new FieldProblem("/features/" + i + p.pointer(), p.detail(), p.location()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidContentException(problems);
        }
        if (valid.isEmpty()) {
            return List.of();
        }
        for (int i = 0; i < valid.size(); i++) {
            if (!actor.mayWrite(valid.get(i).municipalityNumber())) {
                throw new ForbiddenMunicipalityException(actor.username(), valid.get(i).municipalityNumber(),
                        "/features/" + i + "/properties/municipalityNumber");
            }
        }
        requireFreeMatrikkel(valid);
        List<Long> ids = jdbc.sql("SELECT nextval(pg_get_serial_sequence('plot', 'id')) FROM generate_series(1, :n)")
                .param("n", valid.size()).query(Long.class).list();
        insert(valid, ids, actor.username());
        requireInsideMunicipalities(ids);
        Map<Long, String> snapshots = queries.snapshots(ids);
        List<ChangeHistory.NewEntry> entries = new ArrayList<>(ids.size());
        for (Long id : ids) {
            entries.add(new ChangeHistory.NewEntry(id, 0, null, snapshots.get(id)));
        }
        history.recordAll(PlotService.ENTITY, "create", actor.username(), entries);
        for (int i = 0; i < ids.size(); i++) {
            ValidPlot v = valid.get(i);
            events.publishEvent(new PlotChanged(ids.get(i), v.municipalityNumber(), "create", 0, null,
                    v.geometry().copy()));
        }
        return ids;
    }

    private PlotRequest read(String feature) {
        try {
            return json.readValue(feature, PlotRequest.class);
        } catch (JacksonException e) {
            throw new InvalidContentException("", "not a GeoJSON Feature: " + e.getOriginalMessage());
        }
    }

    private void requireFreeMatrikkel(List<ValidPlot> valid) {
        Set<String> seen = new LinkedHashSet<>();
        List<ValidPlot> withMatrikkel = new ArrayList<>();
        for (ValidPlot v : valid) {
            if (v.gnr() == null) {
                continue;
            }
            String key = v.municipalityNumber() + ":" + PlotService.matrikkelId(v.gnr(), v.bnr(), v.fnr(), v.snr());
            if (!seen.add(key)) {
                throw PlotProblems.duplicateMatrikkel(v.municipalityNumber(),
                        PlotService.matrikkelId(v.gnr(), v.bnr(), v.fnr(), v.snr()) + " (twice in the batch)");
            }
            withMatrikkel.add(v);
        }
        if (withMatrikkel.isEmpty()) {
            return;
        }
        // one query for the whole batch: the keys as parallel arrays, joined with the live plots
        String taken = jdbc.sql("""
                SELECT k.m || ' ' || concat_ws('/', k.gnr, k.bnr, k.fnr, k.snr)
                  FROM unnest(CAST(:m AS text[]), CAST(:gnr AS int[]), CAST(:bnr AS int[]), CAST(:fnr AS int[]),
                              CAST(:snr AS int[])) AS k(m, gnr, bnr, fnr, snr)
                  JOIN plot p ON p.municipality_number = k.m AND p.gnr = k.gnr AND p.bnr = k.bnr
                             AND coalesce(p.fnr, 0) = coalesce(k.fnr, 0) AND coalesce(p.snr, 0) = coalesce(k.snr, 0)
                             AND p.archived_at IS NULL
                 LIMIT 1
                """)
                .param("m", withMatrikkel.stream().map(ValidPlot::municipalityNumber).toArray(String[]::new))
                .param("gnr", withMatrikkel.stream().map(ValidPlot::gnr).toArray(Integer[]::new))
                .param("bnr", withMatrikkel.stream().map(ValidPlot::bnr).toArray(Integer[]::new))
                .param("fnr", withMatrikkel.stream().map(ValidPlot::fnr).toArray(Integer[]::new))
                .param("snr", withMatrikkel.stream().map(ValidPlot::snr).toArray(Integer[]::new))
                .query(String.class).optional().orElse(null);
        if (taken != null) {
            String[] parts = taken.split(" ", 2);
            throw PlotProblems.duplicateMatrikkel(parts[0], parts[1]);
        }
    }

    private static final String INSERT = """
            INSERT INTO plot (id, municipality_number, name, gnr, bnr, fnr, snr, purpose, allowed_uses, land_use_code,
                availability, tenure, price_total, price_per_m2, ground_rent_yearly, fee_survey, fee_document, fee_water,
                fee_sewer, fee_development, fees_note, allocation, application_deadline, reservation_days,
                building_deadline_years, residence_obligation_years, incentives, infra_road, infra_water, infra_sewer,
                infra_power, infra_fibre, plan_id, contact_name, contact_email, contact_phone, description, published,
                geom, version, created_at, created_by, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?,
                CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ST_GeomFromWKB(?, 25832), 0, ?, ?, ?, ?)
            """;

    private void insert(List<ValidPlot> valid, List<Long> ids, String username) {
        Timestamp now = Timestamp.from(Instant.now());
        WKBWriter wkb = new WKBWriter();
        for (int from = 0; from < valid.size(); from += JDBC_BATCH) {
            int to = Math.min(valid.size(), from + JDBC_BATCH);
            List<Integer> indexes = new ArrayList<>();
            for (int i = from; i < to; i++) {
                indexes.add(i);
            }
            template.batchUpdate(INSERT, indexes, indexes.size(), (PreparedStatement ps, Integer i) -> {
                ValidPlot v = valid.get(i);
                int c = 1;
                ps.setLong(c++, ids.get(i));
                ps.setString(c++, v.municipalityNumber());
                ps.setString(c++, v.name());
                setInt(ps, c++, v.gnr());
                setInt(ps, c++, v.bnr());
                setInt(ps, c++, v.fnr());
                setInt(ps, c++, v.snr());
                ps.setString(c++, v.purpose());
                Array uses = ps.getConnection().createArrayOf("text", v.allowedUses().toArray());
                ps.setArray(c++, uses);
                setInt(ps, c++, v.landUseCode());
                ps.setString(c++, v.availability());
                ps.setString(c++, v.tenure());
                setMoney(ps, c++, v.priceTotal());
                setMoney(ps, c++, v.pricePerM2());
                setMoney(ps, c++, v.groundRentYearly());
                setMoney(ps, c++, v.feeSurvey());
                setMoney(ps, c++, v.feeDocument());
                setMoney(ps, c++, v.feeWater());
                setMoney(ps, c++, v.feeSewer());
                setMoney(ps, c++, v.feeDevelopment());
                ps.setString(c++, v.feesNote());
                ps.setString(c++, v.allocation());
                ps.setDate(c++, v.applicationDeadline() == null ? null : Date.valueOf(v.applicationDeadline()));
                setInt(ps, c++, v.reservationDays());
                setInt(ps, c++, v.buildingDeadlineYears());
                setInt(ps, c++, v.residenceObligationYears());
                ps.setString(c++, v.incentives());
                ps.setString(c++, v.infraRoad());
                ps.setString(c++, v.infraWater());
                ps.setString(c++, v.infraSewer());
                ps.setString(c++, v.infraPower());
                ps.setString(c++, v.infraFibre());
                ps.setString(c++, v.planId());
                ps.setString(c++, v.contactName());
                ps.setString(c++, v.contactEmail());
                ps.setString(c++, v.contactPhone());
                ps.setString(c++, v.description());
                ps.setBoolean(c++, v.published());
                ps.setBytes(c++, wkb.write(v.geometry()));
                ps.setTimestamp(c++, now);
                ps.setString(c++, username);
                ps.setTimestamp(c++, now);
                ps.setString(c++, username);
            });
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static void setMoney(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NUMERIC);
        } else {
            ps.setBigDecimal(index, value);
        }
    }

    /** The rule of {@link PlotService}: a plot must at least touch its municipality, when the boundary is known. */
    private void requireInsideMunicipalities(List<Long> ids) {
        Map<String, Object> outside = new HashMap<>();
        jdbc.sql("""
                SELECT p.id, p.municipality_number FROM plot p JOIN municipality m ON m.number = p.municipality_number
                 WHERE p.id = ANY (:ids) AND NOT %s LIMIT 1
                """.formatted(PlotRules.INSIDE_MUNICIPALITY.formatted("p.geom"))).param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> outside.put(rs.getString(2), rs.getLong(1))).list();
        if (!outside.isEmpty()) {
            throw PlotProblems.outsideMunicipality(outside.keySet().iterator().next());
        }
    }
}
