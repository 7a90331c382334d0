package no.arealbank.plots;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.geom.Geometry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.arealbank.audit.ChangeHistory;
import no.arealbank.security.Actor;
import no.arealbank.security.ForbiddenMunicipalityException;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plot writes, one transaction each: validate, check the actor's municipality, check the version the client read
 * (If-Match), write, then record before/after in the change history and publish {@link PlotChanged} in the same
 * transaction. Any failure rolls back everything, so a refused request changes nothing.
 */
@Service
@Transactional(readOnly = true)
public class PlotService {

    static final String ENTITY = "plot";

    private final PlotRepository plots;
    private final PlotQueries queries;
    private final PlotValidator validator;
    private final ChangeHistory history;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    PlotService(PlotRepository plots, PlotQueries queries, PlotValidator validator, ChangeHistory history,
            ApplicationEventPublisher events, JdbcClient jdbc) {
        this.plots = plots;
        this.queries = queries;
        this.validator = validator;
        this.history = history;
        this.events = events;
        this.jdbc = jdbc;
    }

    /** The result of a write: the plot's id and new version. */
    public record Written(long id, int version) {
    }

    @Transactional
    Written create(PlotRequest request, SupportedCrs inputCrs, Actor actor) {
        ValidPlot valid = validator.validate(request, inputCrs);
        requireWrite(actor, valid.municipalityNumber());
        requireFreeMatrikkel(valid, null);
        Plot plot = new Plot(actor.username());
        valid.applyTo(plot);
        stamp(plot, actor);
        plots.saveAndFlush(plot);
        requireInsideMunicipality(plot);
        record(plot, "create", null, null);
        return new Written(plot.id, plot.version);
    }

    /** Creates a plot from a GeoJSON Feature text (the sample loader and imports use this). */
    @Transactional
    public Written create(String featureJson, SupportedCrs inputCrs, Actor actor) {
        return create(json.readValue(featureJson, PlotRequest.class), inputCrs, actor);
    }

    @Transactional
    Written replace(long id, PlotRequest request, SupportedCrs inputCrs, String ifMatch, Actor actor) {
        Plot plot = live(id, actor);
        requireVersion(plot, ifMatch);
        ValidPlot valid = validator.validate(request, inputCrs);
        return update(plot, valid, actor, "update");
    }

    /** JSON Merge Patch (RFC 7386) on the plot's Feature: only the members sent change. */
    @Transactional
    Written patch(long id, JsonNode patch, SupportedCrs inputCrs, String ifMatch, Actor actor) {
        Plot plot = live(id, actor);
        requireVersion(plot, ifMatch);
        if (patch == null || !patch.isObject()) {
            throw new no.arealbank.shared.InvalidContentException("", "a JSON Merge Patch object is required");
        }
        ObjectNode current = (ObjectNode) json.readTree(snapshot(plot.id));
        ObjectNode props = (ObjectNode) current.get("properties");
        PlotRequest.Properties.DERIVED.forEach(props::remove);
        boolean newGeometry = patch.has("geometry");
        mergePatch(current, patch);
        PlotRequest request = json.treeToValue(current, PlotRequest.class);
        ValidPlot valid = validator.validate(request, newGeometry ? inputCrs : SupportedCrs.EPSG_25832);
        if (!newGeometry) {
            valid = withGeometry(valid, plot);
        }
        return update(plot, valid, actor, "update");
    }

    /** Delete means archive: the plot leaves every public view, its history stays, and it can be restored. */
    @Transactional
    Written archive(long id, String ifMatch, Actor actor) {
        Plot plot = live(id, actor);
        if (ifMatch != null) {
            requireVersion(plot, ifMatch);
        }
        String before = snapshot(plot.id);
        Geometry old = plot.geom.copy();
        plot.archivedAt = Instant.now();
        stamp(plot, actor);
        plots.saveAndFlush(plot);
        record(plot, "archive", before, old);
        return new Written(plot.id, plot.version);
    }

    @Transactional
    Written unarchive(long id, Actor actor) {
        Plot plot = plots.findById(id).orElseThrow(() -> PlotProblems.notFound(id));
        requireWrite(actor, plot.municipalityNumber);
        if (!plot.archived()) {
            return new Written(plot.id, plot.version);
        }
        String before = snapshot(plot.id);
        requireFreeMatrikkel(plot);
        plot.archivedAt = null;
        stamp(plot, actor);
        plots.saveAndFlush(plot);
        record(plot, "restore", before, null);
        return new Written(plot.id, plot.version);
    }

    /** Makes a recorded version current again; the restore is itself a new version in the history. */
    @Transactional
    Written restoreVersion(long id, int version, String ifMatch, Actor actor) {
        Plot plot = plots.findById(id).orElseThrow(() -> PlotProblems.notFound(id));
        requireWrite(actor, plot.municipalityNumber);
        requireVersion(plot, ifMatch);
        String snapshot = history.snapshotAt(ENTITY, id, version)
                .orElseThrow(() -> PlotProblems.noSuchVersion(id, version));
        ObjectNode feature = (ObjectNode) json.readTree(snapshot);
        ObjectNode props = (ObjectNode) feature.get("properties");
        boolean archived = props.path("archived").asBoolean(false);
        PlotRequest.Properties.DERIVED.forEach(props::remove);
        ValidPlot valid = validator.validate(json.treeToValue(feature, PlotRequest.class), SupportedCrs.EPSG_25832);
        String before = snapshot(plot.id);
        Geometry old = plot.geom.copy();
        requireWrite(actor, valid.municipalityNumber());
        requireFreeMatrikkel(valid, plot.id);
        valid.applyTo(plot);
        plot.archivedAt = archived ? Instant.now() : null;
        stamp(plot, actor);
        plots.saveAndFlush(plot);
        requireInsideMunicipality(plot);
        record(plot, "restore", before, old);
        return new Written(plot.id, plot.version);
    }

    List<ChangeHistory.Entry> history(long id, Actor actor) {
        Plot plot = plots.findById(id).orElseThrow(() -> PlotProblems.notFound(id));
        requireWrite(actor, plot.municipalityNumber);
        return history.entries(ENTITY, id);
    }

    private Written update(Plot plot, ValidPlot valid, Actor actor, String action) {
        requireWrite(actor, valid.municipalityNumber());
        requireFreeMatrikkel(valid, plot.id);
        String before = snapshot(plot.id);
        Geometry old = plot.geom.copy();
        valid.applyTo(plot);
        stamp(plot, actor);
        plots.saveAndFlush(plot);
        requireInsideMunicipality(plot);
        record(plot, action, before, old);
        return new Written(plot.id, plot.version);
    }

    /** A plot that is not archived and whose municipality the actor may write in. */
    private Plot live(long id, Actor actor) {
        Plot plot = plots.findById(id).filter(p -> !p.archived()).orElseThrow(() -> PlotProblems.notFound(id));
        requireWrite(actor, plot.municipalityNumber);
        return plot;
    }

    private static void requireWrite(Actor actor, String municipality) {
        if (!actor.mayWrite(municipality)) {
            throw new ForbiddenMunicipalityException(actor.username(), municipality, "/properties/municipalityNumber");
        }
    }

    static void requireVersion(Plot plot, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw PlotProblems.preconditionRequired();
        }
        if (ifMatch.trim().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals(PlotController.etag(plot.version))) {
                return;
            }
        }
        throw PlotProblems.stale(plot.version);
    }

    private void requireFreeMatrikkel(ValidPlot valid, Long exceptId) {
        if (valid.gnr() != null && plots.matrikkelTaken(valid.municipalityNumber(), valid.gnr(), valid.bnr(),
                valid.fnr(), valid.snr(), exceptId)) {
            throw PlotProblems.duplicateMatrikkel(valid.municipalityNumber(),
                    matrikkelId(valid.gnr(), valid.bnr(), valid.fnr(), valid.snr()));
        }
    }

    private void requireFreeMatrikkel(Plot plot) {
        if (plot.gnr != null && plots.matrikkelTaken(plot.municipalityNumber, plot.gnr, plot.bnr, plot.fnr, plot.snr,
                plot.id)) {
            throw PlotProblems.duplicateMatrikkel(plot.municipalityNumber,
                    matrikkelId(plot.gnr, plot.bnr, plot.fnr, plot.snr));
        }
    }

    /** A plot must at least touch its municipality, when that municipality's boundary is known. */
    private void requireInsideMunicipality(Plot plot) {
        boolean inside = jdbc.sql("SELECT " + PlotRules.INSIDE_MUNICIPALITY.formatted("p.geom")
                + " FROM plot p JOIN municipality m ON m.number = p.municipality_number WHERE p.id = :id")
                .param("id", plot.id).query(Boolean.class).single();
        if (!inside) {
            throw PlotProblems.outsideMunicipality(plot.municipalityNumber);
        }
    }

    private static void stamp(Plot plot, Actor actor) {
        plot.updatedAt = Instant.now();
        plot.updatedBy = actor.username();
    }

    private void record(Plot plot, String action, String before, Geometry oldGeometry) {
        String after = snapshot(plot.id);
        history.record(ENTITY, plot.id, action, plot.version, plot.updatedBy, before, after);
        Geometry newGeometry = plot.archived() ? null : plot.geom.copy();
        events.publishEvent(new PlotChanged(plot.id, plot.municipalityNumber, action, plot.version, oldGeometry,
                newGeometry));
    }

    /** The Feature as stored, geometry in EPSG:25832 (history snapshots and merge-patch base). */
    private String snapshot(long id) {
        return queries.find(id, SupportedCrs.EPSG_25832).map(PlotQueries.PlotRow::feature)
                .orElseThrow(() -> PlotProblems.notFound(id));
    }

    private static ValidPlot withGeometry(ValidPlot v, Plot plot) {
        return new ValidPlot(plot.geom, v.municipalityNumber(), v.name(), v.gnr(), v.bnr(), v.fnr(), v.snr(),
                v.purpose(), v.allowedUses(), v.landUseCode(), v.availability(), v.tenure(), v.priceTotal(),
                v.pricePerM2(), v.groundRentYearly(), v.feeSurvey(), v.feeDocument(), v.feeWater(), v.feeSewer(),
                v.feeDevelopment(), v.feesNote(), v.allocation(), v.applicationDeadline(), v.reservationDays(),
                v.buildingDeadlineYears(), v.residenceObligationYears(), v.incentives(), v.infraRoad(),
                v.infraWater(), v.infraSewer(), v.infraPower(), v.infraFibre(), v.planId(), v.contactName(),
                v.contactEmail(), v.contactPhone(), v.description(), v.published());
    }

    static String matrikkelId(Integer gnr, Integer bnr, Integer fnr, Integer snr) {
        StringBuilder sb = new StringBuilder().append(gnr).append('/').append(bnr);
        if (fnr != null) {
            sb.append('/').append(fnr);
        }
        if (snr != null) {
            sb.append('/').append(snr);
        }
        return sb.toString();
    }

    /** RFC 7386: objects merge member by member, null removes, anything else replaces. */
    private static void mergePatch(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode child) {
                mergePatch(child, value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

}
