package no.arealbank.plots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.arealbank.audit.ChangeHistory;
import no.arealbank.security.Actor;
import no.arealbank.security.ForbiddenMunicipalityException;
import no.arealbank.shared.CrsTransformer;
import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.InvalidContentException;
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
    private final PlotGeometryOps geometryOps;
    private final PlotHistory plotHistory;
    private final PlotSettings settings;
    private final GeometryFactory factory;
    private final JsonMapper json = JsonMapper.builder().build();

    PlotService(PlotRepository plots, PlotQueries queries, PlotValidator validator, ChangeHistory history,
            ApplicationEventPublisher events, JdbcClient jdbc, PlotGeometryOps geometryOps, PlotHistory plotHistory,
            PlotSettings settings, GeometryFactory factory) {
        this.plots = plots;
        this.queries = queries;
        this.validator = validator;
        this.history = history;
        this.events = events;
        this.jdbc = jdbc;
        this.geometryOps = geometryOps;
        this.plotHistory = plotHistory;
        this.settings = settings;
        this.factory = factory;
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

    /** The plot's history, each entry with a field diff and its geometries in {@code crs}. */
    List<PlotHistory.Entry> history(long id, SupportedCrs crs, Actor actor) {
        Plot plot = plots.findById(id).orElseThrow(() -> PlotProblems.notFound(id));
        requireWrite(actor, plot.municipalityNumber);
        return plotHistory.entries(history.entries(ENTITY, id), crs);
    }

    // --- the planner workspace: bulk actions on a selection, split (tomtedeling), merge ---

    static final Set<String> BULK_ACTIONS = Set.of("publish", "unpublish", "available", "reserved", "sold");

    /**
     * One action on every selected plot, all or nothing: every plot must exist, be live, lie in the actor's
     * municipalities and (when the client sent versions) still have the version the client read. A plot already in
     * the requested state is left alone (no new version, no history entry) and listed with its current version.
     */
    @Transactional
    WorkspaceRequests.BulkResult bulk(WorkspaceRequests.Bulk request, Actor actor) {
        if (request == null) {
            throw PlotProblems.badRequest("", "a JSON object with ids and action is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        unknownMembers(request.unknown(), problems);
        List<Long> ids = selection(request.ids(), 1, problems);
        Map<Long, Integer> versions = versions(request.versions(), ids, problems);
        String action = request.action();
        if (action == null) {
            problems.add(new FieldProblem("/action", "required, one of " + sorted(BULK_ACTIONS)));
        } else if (!BULK_ACTIONS.contains(action)) {
            problems.add(new FieldProblem("/action", "'" + action + "' is not one of " + sorted(BULK_ACTIONS)));
        }
        if (!problems.isEmpty()) {
            throw PlotProblems.badRequest(problems);
        }
        List<WorkspaceRequests.Updated> updated = new ArrayList<>();
        for (Plot plot : selected(ids, versions, actor)) {
            boolean published = action.equals("publish") || (!action.equals("unpublish") && plot.published);
            String availability = action.equals("publish") || action.equals("unpublish") ? plot.availability : action;
            if (published != plot.published || !availability.equals(plot.availability)) {
                String before = snapshot(plot.id);
                plot.published = published;
                plot.availability = availability;
                stamp(plot, actor);
                plots.saveAndFlush(plot);
                record(plot, "update", before, plot.geom.copy(), List.of(), "bulk " + action);
            }
            updated.add(new WorkspaceRequests.Updated(plot.id, plot.version));
        }
        return new WorkspaceRequests.BulkResult(updated);
    }

    /**
     * Tomtedeling: cuts a live plot along a line into two or more new plots. PostGIS cuts the stored geometry
     * ({@code ST_Split}); each piece must be at least {@code minSplitAreaM2} and pass the same validation as any new
     * plot. The pieces copy every attribute but the matrikkel (a new parcel gets its number from the land registry)
     * and are named "<name> 1", "<name> 2", ... (largest first); the original is archived. Every plot involved
     * records a {@code split} entry naming the others. Returns the new plots' ids.
     */
    @Transactional
    List<Long> split(long id, WorkspaceRequests.Split request, SupportedCrs inputCrs, String ifMatch, Actor actor) {
        Plot plot = live(id, actor);
        requireVersion(plot, ifMatch);
        if (request == null) {
            throw PlotProblems.badRequest("/line", "a GeoJSON LineString is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        unknownMembers(request.unknown(), problems);
        LineString line = line(request.line(), inputCrs, problems);
        if (!problems.isEmpty()) {
            throw PlotProblems.badRequest(problems);
        }
        PlotGeometryOps.SplitResult cut = geometryOps.split(id, line);
        if (cut.pieces().size() <= cut.polygonsBefore()) {
            throw PlotProblems.badRequest("/line",
                    "the line does not cut the plot into pieces; draw it across the plot, from outside to outside");
        }
        for (int i = 0; i < cut.pieces().size(); i++) {
            double area = cut.pieces().get(i).areaM2();
            if (area < settings.minSplitAreaM2()) {
                problems.add(new FieldProblem("/line", "piece " + (i + 1) + " would have " + Math.round(area * 10) / 10.0
                        + " m², less than the minimum of " + settings.minSplitAreaM2() + " m²"));
            }
        }
        if (!problems.isEmpty()) {
            throw PlotProblems.badRequest(problems);
        }
        ObjectNode base = (ObjectNode) json.readTree(snapshot(plot.id));
        ObjectNode baseProps = (ObjectNode) base.get("properties");
        PlotRequest.Properties.DERIVED.forEach(baseProps::remove);
        baseProps.remove("matrikkel");
        String before = snapshot(plot.id);
        Geometry old = plot.geom.copy();
        plot.archivedAt = Instant.now();
        stamp(plot, actor);
        plots.saveAndFlush(plot);

        List<Plot> pieces = new ArrayList<>();
        for (int i = 0; i < cut.pieces().size(); i++) {
            ObjectNode feature = base.deepCopy();
            feature.set("geometry", json.readTree(cut.pieces().get(i).geometry()));
            ((ObjectNode) feature.get("properties")).put("name", numbered(plot.name, i + 1));
            ValidPlot valid = validPiece(feature, "/line", "piece " + (i + 1));
            requireWrite(actor, valid.municipalityNumber());
            Plot piece = new Plot(actor.username());
            valid.applyTo(piece);
            stamp(piece, actor);
            plots.saveAndFlush(piece);
            if (!insideMunicipality(piece)) { // a piece of a plot that straddles the municipal border
                throw new InvalidContentException("/line", "piece " + (i + 1) + " lies outside municipality "
                        + piece.municipalityNumber);
            }
            pieces.add(piece);
        }
        List<Long> ids = pieces.stream().map(p -> p.id).toList();
        record(plot, "split", before, old, ids, "split into plots " + joined(ids));
        for (Plot piece : pieces) {
            record(piece, "split", null, null, List.of(plot.id), "split from plot " + plot.id);
        }
        return ids;
    }

    /**
     * Merges live plots of one municipality that touch or overlap (gaps up to {@code mergeToleranceM} are closed)
     * into one new plot with the attributes of the first id, matrikkel included; the others are archived. Every plot
     * involved records a {@code merge} entry naming the others. Returns the new plot's id.
     */
    @Transactional
    long merge(WorkspaceRequests.Merge request, Actor actor) {
        if (request == null) {
            throw PlotProblems.badRequest("/ids", "at least two plot ids are required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        unknownMembers(request.unknown(), problems);
        List<Long> ids = selection(request.ids(), 2, problems);
        Map<Long, Integer> versions = versions(request.versions(), ids, problems);
        if (!problems.isEmpty()) {
            throw PlotProblems.badRequest(problems);
        }
        List<Plot> selected = selected(ids, versions, actor);
        Set<String> municipalities = selected.stream().map(p -> p.municipalityNumber)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (municipalities.size() > 1) {
            throw PlotProblems.badRequest("/ids", "the plots must be in one municipality, not " + municipalities);
        }
        PlotGeometryOps.Union union = geometryOps.union(ids, settings.mergeToleranceM())
                .orElseThrow(() -> PlotProblems.badRequest("/ids", "no geometry to merge"));
        if (union.polygons() != 1) {
            throw PlotProblems.badRequest("/ids", "the plots do not form one area (" + union.polygons()
                    + " separate parts; gaps up to " + settings.mergeToleranceM() + " m are closed): merge only plots"
                    + " that touch or overlap");
        }
        Plot first = selected.get(0);
        ObjectNode feature = (ObjectNode) json.readTree(snapshot(first.id));
        PlotRequest.Properties.DERIVED.forEach(((ObjectNode) feature.get("properties"))::remove);
        feature.set("geometry", json.readTree(union.geometry()));
        ValidPlot valid = validPiece(feature, "/ids", "the merged plot");

        // archive first, so that the first plot's matrikkel is free for the merged one (unique among live plots)
        Map<Long, String> befores = new LinkedHashMap<>();
        Map<Long, Geometry> olds = new LinkedHashMap<>();
        for (Plot p : selected) {
            befores.put(p.id, snapshot(p.id));
            olds.put(p.id, p.geom.copy());
            p.archivedAt = Instant.now();
            stamp(p, actor);
            plots.saveAndFlush(p);
        }
        requireFreeMatrikkel(valid, null);
        Plot merged = new Plot(actor.username());
        valid.applyTo(merged);
        stamp(merged, actor);
        plots.saveAndFlush(merged);
        requireInsideMunicipality(merged);
        for (Plot p : selected) {
            record(p, "merge", befores.get(p.id), olds.get(p.id), List.of(merged.id), "merged into plot " + merged.id);
        }
        record(merged, "merge", null, null, ids, "merged from plots " + joined(ids)
                + (union.snapped() ? " (gaps up to " + settings.mergeToleranceM() + " m closed)" : ""));
        return merged.id;
    }

    /** The selected plots in the order of {@code ids}, locked; 404, 403 or 412 (naming the plots) otherwise. */
    private List<Plot> selected(List<Long> ids, Map<Long, Integer> versions, Actor actor) {
        // lock in id order, so two selections that overlap cannot deadlock
        jdbc.sql("SELECT id FROM plot WHERE id = ANY (CAST(string_to_array(:ids, ',') AS bigint[])) ORDER BY id FOR UPDATE")
                .param("ids", joined(ids).replace(" ", "")).query(Long.class).list();
        Map<Long, Plot> found = plots.findAllById(ids).stream().filter(p -> !p.archived())
                .collect(Collectors.toMap(p -> p.id, Function.identity()));
        List<Long> missing = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!found.containsKey(ids.get(i))) {
                missing.add(ids.get(i));
                problems.add(new FieldProblem("/ids/" + i, "no live plot with id " + ids.get(i)));
            }
        }
        if (!missing.isEmpty()) {
            throw PlotProblems.notFound(missing, problems);
        }
        List<Plot> selected = ids.stream().map(found::get).toList();
        for (int i = 0; i < selected.size(); i++) {
            if (!actor.mayWrite(selected.get(i).municipalityNumber)) {
                throw new ForbiddenMunicipalityException(actor.username(), selected.get(i).municipalityNumber,
                        "/ids/" + i);
            }
        }
        Map<Long, Integer> stale = new LinkedHashMap<>();
        for (Plot p : selected) {
            Integer read = versions.get(p.id);
            if (read != null && read.intValue() != p.version) {
                stale.put(p.id, p.version);
            }
        }
        if (!stale.isEmpty()) {
            throw PlotProblems.stale(stale);
        }
        return selected;
    }

    /** The ids of a selection: at least {@code min}, at most {@code maxSelection}, positive, no duplicates. */
    private List<Long> selection(List<Long> ids, int min, List<FieldProblem> problems) {
        if (ids == null || ids.isEmpty()) {
            problems.add(new FieldProblem("/ids", "required: a list of at least " + min + " plot id(s)"));
            return List.of();
        }
        if (ids.size() < min) {
            problems.add(new FieldProblem("/ids", "at least " + min + " plot ids are required"));
        }
        if (ids.size() > settings.maxSelection()) {
            problems.add(new FieldProblem("/ids", "at most " + settings.maxSelection() + " plots at a time"));
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null || id <= 0) {
                problems.add(new FieldProblem("/ids/" + i, "a plot id (a positive whole number)"));
            } else if (!seen.add(id)) {
                problems.add(new FieldProblem("/ids/" + i, "plot " + id + " is listed twice"));
            }
        }
        return ids;
    }

    /** The optional {@code versions} member: plot id (a member name) to the version read; each id in the selection. */
    private static Map<Long, Integer> versions(Map<String, Integer> versions, List<Long> ids, List<FieldProblem> problems) {
        Map<Long, Integer> result = new LinkedHashMap<>();
        if (versions == null) {
            return result;
        }
        versions.forEach((key, version) -> {
            String pointer = "/versions/" + key.replace("~", "~0").replace("/", "~1");
            Long id = null;
            try {
                id = Long.valueOf(key.trim());
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem(pointer, "member names are plot ids"));
                return;
            }
            if (!ids.contains(id)) {
                problems.add(new FieldProblem(pointer, "plot " + id + " is not in ids"));
            } else if (version == null || version < 0) {
                problems.add(new FieldProblem(pointer, "the version you read, a whole number"));
            } else {
                result.put(id, version);
            }
        });
        return result;
    }

    private static void unknownMembers(Map<String, Object> unknown, List<FieldProblem> problems) {
        unknown.keySet().forEach(k -> problems.add(new FieldProblem("/" + k.replace("~", "~0").replace("/", "~1"),
                "unknown member")));
    }

    /**
     * The cutting line as EPSG:25832, or null with the problems added: a GeoJSON LineString with finite coordinates
     * inside Norway's extent and at most maxVertices points.
     */
    private LineString line(tools.jackson.databind.JsonNode node, SupportedCrs crs, List<FieldProblem> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            problems.add(new FieldProblem("/line", "required: a GeoJSON LineString"));
            return null;
        }
        Geometry g;
        try {
            g = new GeoJsonReader(new GeometryFactory(factory.getPrecisionModel(), crs.srid())).read(node.toString());
        } catch (ParseException | RuntimeException e) {
            problems.add(new FieldProblem("/line", "not a GeoJSON geometry"));
            return null;
        }
        if (!(g instanceof LineString) || g.isEmpty() || g.getNumPoints() < 2) {
            problems.add(new FieldProblem("/line/type", "must be a LineString of at least two positions, not "
                    + g.getGeometryType()));
            return null;
        }
        if (g.getNumPoints() > settings.maxVertices()) {
            problems.add(new FieldProblem("/line/coordinates", "at most " + settings.maxVertices() + " positions"));
            return null;
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                problems.add(new FieldProblem("/line/coordinates", "coordinates must be finite numbers"));
                return null;
            }
        }
        Geometry lonLat = crs.srid() == 4326 ? g : CrsTransformer.transform(g, crs.srid(), 4326);
        for (Coordinate c : lonLat.getCoordinates()) {
            if (c.x < settings.minLon() || c.x > settings.maxLon() || c.y < settings.minLat() || c.y > settings.maxLat()) {
                problems.add(new FieldProblem("/line/coordinates", "outside Norway (in " + crs.uri() + ")"));
                return null;
            }
        }
        return (LineString) CrsTransformer.transform(g, crs.srid(), SupportedCrs.STORAGE_SRID);
    }

    /** Validates a new plot made by split or merge; its problems are reported against the request member. */
    private ValidPlot validPiece(ObjectNode feature, String pointer, String what) {
        try {
            return validator.validate(json.treeToValue(feature, PlotRequest.class), SupportedCrs.EPSG_25832);
        } catch (InvalidContentException e) {
            throw new InvalidContentException(e.problems().stream()
                    .map(p -> new FieldProblem(pointer, what + ": " + p.pointer() + " " + p.detail())).toList());
        }
    }

    /** "<name> n", the name shortened if needed to stay within the 200 characters a name may have. */
    static String numbered(String name, int n) {
        String suffix = " " + n;
        return (name.length() + suffix.length() > 200 ? name.substring(0, 200 - suffix.length()) : name) + suffix;
    }

    private static String joined(List<Long> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
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
        if (!insideMunicipality(plot)) {
            throw PlotProblems.outsideMunicipality(plot.municipalityNumber);
        }
    }

    private boolean insideMunicipality(Plot plot) {
        return jdbc.sql("SELECT " + PlotRules.INSIDE_MUNICIPALITY.formatted("p.geom")
                + " FROM plot p JOIN municipality m ON m.number = p.municipality_number WHERE p.id = :id")
                .param("id", plot.id).query(Boolean.class).single();
    }

    private static void stamp(Plot plot, Actor actor) {
        plot.updatedAt = Instant.now();
        plot.updatedBy = actor.username();
    }

    private void record(Plot plot, String action, String before, Geometry oldGeometry) {
        record(plot, action, before, oldGeometry, List.of(), null);
    }

    private void record(Plot plot, String action, String before, Geometry oldGeometry, List<Long> related,
            String note) {
        String after = snapshot(plot.id);
        history.record(ENTITY, plot.id, action, plot.version, plot.updatedBy, before, after, related, note);
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
