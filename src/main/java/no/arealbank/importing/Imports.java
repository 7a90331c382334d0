package no.arealbank.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import no.arealbank.plots.PlotBatch;
import no.arealbank.reference.ReferenceData;
import no.arealbank.security.Actor;
import no.arealbank.security.ForbiddenMunicipalityException;
import no.arealbank.shared.InvalidContentException;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The import workflow. A request only checks and stores: the upload is saved to a temp directory and a job row
 * written; conversion (ogr2ogr), validation and commit run on a bounded executor and report progress in the job row,
 * which the client polls. A commit writes every valid feature through {@link PlotBatch} in one transaction with the
 * job's own update, so it either all happens or nothing does.
 */
@Service
class Imports {

    private static final Logger log = LoggerFactory.getLogger(Imports.class);

    private final ImportSettings settings;
    private final Staging staging;
    private final ImportValidation validation;
    private final Ogr ogr;
    private final PlotBatch plots;
    private final ReferenceData reference;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService cleaner;

    Imports(ImportSettings settings, Staging staging, ImportValidation validation, Ogr ogr, PlotBatch plots,
            ReferenceData reference, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.settings = settings;
        this.staging = staging;
        this.validation = validation;
        this.ogr = ogr;
        this.plots = plots;
        this.reference = reference;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(settings.queue()), r -> {
                    Thread t = new Thread(r, "import-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "import-cleanup");
            t.setDaemon(true);
            return t;
        });
        long every = settings.cleanupInterval().toMillis();
        cleaner.scheduleWithFixedDelay(this::cleanUp, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        cleaner.shutdownNow();
        executor.shutdown();
        executor.awaitTermination(15, TimeUnit.SECONDS);
    }

    /** An upload as the controller received it: the client's file name, a way to read it, its size. */
    record Upload(String fileName, long size, IoSupplier<InputStream> content) {
    }

    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    ImportView create(Upload upload, String municipalityNumber, String sourceCrs, Actor actor) {
        List<no.arealbank.shared.FieldProblem> problems = new ArrayList<>();
        String municipality = null;
        if (municipalityNumber == null || municipalityNumber.isBlank()) {
            problems.add(new no.arealbank.shared.FieldProblem("/municipalityNumber", "required"));
        } else {
            municipality = reference.currentMunicipalityNumber(municipalityNumber.trim()).orElse(null);
            if (municipality == null) {
                problems.add(new no.arealbank.shared.FieldProblem("/municipalityNumber",
                        "unknown municipality number '" + municipalityNumber + "'"));
            }
        }
        if (upload == null || upload.size() == 0) {
            problems.add(new no.arealbank.shared.FieldProblem("/file", "a non-empty file is required"));
        }
        String srs = null;
        if (sourceCrs != null && !sourceCrs.isBlank()) {
            Optional<SupportedCrs> crs = SupportedCrs.parse(sourceCrs);
            if (crs.isEmpty()) {
                problems.add(new no.arealbank.shared.FieldProblem("/crs",
                        "unsupported CRS '" + sourceCrs + "', expected one of " + SupportedCrs.uris()));
            } else {
                srs = "EPSG:" + crs.get().srid();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidContentException(problems);
        }
        requireWrite(actor, municipality);
        if (upload.size() > settings.maxUploadSize().toBytes()) {
            throw ImportProblems.tooLarge(settings.maxUploadSize().toBytes());
        }
        String fileName = displayName(upload.fileName());
        ImportFormat format = ImportFormat.ofFileName(fileName)
                .orElseThrow(() -> ImportProblems.unsupportedFormat(fileName));
        UUID id = UUID.randomUUID();
        Path dir;
        Path file;
        try {
            dir = Files.createTempDirectory("arealbank-import-");
            file = dir.resolve("upload" + format.storedExtension()); // never the client's name as a path
            try (InputStream in = upload.content().get()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        staging.insertJob(id, municipality, fileName, format, actor.username());
        String finalSrs = srs;
        String finalMunicipality = municipality;
        submit(id, () -> convert(id, finalMunicipality, dir, file, format, finalSrs), () -> Staging.deleteTree(dir));
        log.info("import {} created municipality={} format={} bytes={} by={}", id, municipality, format.id,
                upload.size(), actor.username());
        return view(id);
    }

    ImportView get(UUID id, Actor actor) {
        return readable(id, actor);
    }

    String features(UUID id, int limit, int offset, Actor actor) {
        readable(id, actor);
        return staging.features(id, limit, offset);
    }

    String report(UUID id, Actor actor) {
        ImportView job = readable(id, actor);
        return "{\"id\":\"" + id + "\",\"status\":\"" + job.status() + "\",\"counts\":"
                + json.writeValueAsString(job.counts()) + ",\"features\":" + staging.report(id) + "}";
    }

    List<String[]> reportRows(UUID id, Actor actor) {
        readable(id, actor);
        return staging.reportRows(id);
    }

    /** Replaces the mapping and validates again (asynchronously); the mapping is remembered for the municipality. */
    ImportView map(UUID id, JsonNode body, Actor actor) {
        ImportView job = readable(id, actor);
        List<String> fields = new ArrayList<>();
        json.readTree(job.sourceFields()).forEach(f -> fields.add(f.asString()));
        ImportMapping mapping = ImportMapping.parse(body, fields);
        if (!staging.claim(id, "ready", "validating")) {
            throw ImportProblems.wrongStatus(view(id).status(), "ready");
        }
        staging.mapping(id, mapping);
        staging.remember(job.municipalityNumber(), mapping, actor.username());
        submit(id, () -> validate(id, mapping), () -> { });
        return view(id);
    }

    /** The mapping remembered for a municipality (null when it has none yet). */
    Map<String, Object> rememberedMapping(String municipalityNumber, Actor actor) {
        if (municipalityNumber == null || municipalityNumber.isBlank()) {
            throw new InvalidContentException("?municipalityNumber", "required");
        }
        String municipality = reference.currentMunicipalityNumber(municipalityNumber.trim())
                .orElseThrow(() -> new InvalidContentException("?municipalityNumber",
                        "unknown municipality number '" + municipalityNumber + "'"));
        requireWrite(actor, municipality);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("municipalityNumber", municipality);
        Optional<Staging.Remembered> r = staging.remembered(municipality);
        out.put("mapping", r.map(m -> json.readTree(m.mapping())).orElse(null));
        out.put("updatedBy", r.map(Staging.Remembered::updatedBy).orElse(null));
        out.put("updatedAt", r.map(Staging.Remembered::updatedAt).orElse(null));
        return out;
    }

    record CommitRequest(Boolean skipInvalid, Boolean publish) {
    }

    /**
     * Starts the commit of every valid feature. Refused (422, nothing written) when any feature has an error and
     * {@code skipInvalid} is not true, or when none is valid.
     */
    ImportView commit(UUID id, CommitRequest request, Actor actor) {
        ImportView job = readable(id, actor);
        boolean skipInvalid = request != null && Boolean.TRUE.equals(request.skipInvalid());
        boolean publish = request != null && Boolean.TRUE.equals(request.publish());
        if (!job.status().equals("ready")) {
            throw ImportProblems.wrongStatus(job.status(), "ready");
        }
        if (job.counts().invalid() > 0 && !skipInvalid) {
            throw ImportProblems.hasErrors(job.counts());
        }
        if (job.counts().valid() == 0) {
            throw ImportProblems.nothingToCommit();
        }
        if (!staging.claim(id, "ready", "committing")) {
            throw ImportProblems.wrongStatus(view(id).status(), "ready");
        }
        submit(id, () -> doCommit(id, job.municipalityNumber(), skipInvalid, publish, actor), () -> { });
        return view(id);
    }

    void delete(UUID id, Actor actor) {
        ImportView job = readable(id, actor);
        if (job.status().equals("committing")) {
            throw ImportProblems.wrongStatus(job.status(), "not committing");
        }
        staging.delete(id);
        log.info("import {} discarded by={}", id, actor.username());
    }

    // --- background work -----------------------------------------------------------------------------------------

    private void convert(UUID id, String municipality, Path dir, Path file, ImportFormat format, String srs) {
        String dataset = Ogr.dataset(file, format);
        List<Ogr.Layer> layers = ogr.layers(dir, dataset, format);
        List<Ogr.Layer> areas = layers.stream().filter(Ogr.Layer::mayHoldAreas).toList();
        if (areas.isEmpty()) {
            throw new Ogr.ConversionException(layers.isEmpty() ? "the file has no layers GDAL can read"
                    : "the file has no layer with areas (polygons); its layers: "
                            + layers.stream().map(l -> l.name() + " (" + l.geometryType() + ")").toList());
        }
        staging.progress(id, 0, areas.size());
        ArrayNode layerInfo = json.createArrayNode();
        int staged = 0;
        int done = 0;
        for (Ogr.Layer layer : layers) {
            var info = layerInfo.addObject().put("name", layer.name()).put("geometryType", layer.geometryType());
            if (!layer.mayHoldAreas()) {
                info.put("features", 0).put("skipped", "no areas");
                continue;
            }
            Path out = dir.resolve("layer-" + done + ".geojson");
            long started = System.nanoTime();
            ogr.convert(dir, dataset, format, layer, srs, out);
            long converted = System.nanoTime();
            int n = staging.load(id, layer.name(), out, staged + 1, settings.maxFeatures() - staged);
            log.info("import {} layer={} features={} ogr2ogrMs={} stageMs={}", id, layer.name(), n,
                    (converted - started) / 1_000_000, (System.nanoTime() - converted) / 1_000_000);
            staged += n;
            info.put("features", n);
            staging.progress(id, ++done, areas.size());
        }
        if (staged == 0) {
            throw new Ogr.ConversionException("the file has no features");
        }
        staging.prepareGeometry(id);
        List<String> fields = staging.sourceFields(id);
        ImportMapping remembered = staging.rememberedMapping(municipality).map(ImportMapping::fromJson).orElse(null);
        ImportMapping mapping = ImportMapping.propose(fields, remembered);
        staging.converted(id, layerInfo.toString(), fields, mapping);
        validate(id, mapping);
    }

    private void validate(UUID id, ImportMapping mapping) {
        long started = System.nanoTime();
        staging.progress(id, 0, ImportValidation.steps());
        staging.applyMapping(id, mapping);
        validation.run(id, true, step -> staging.progress(id, step, ImportValidation.steps()));
        staging.status(id, "ready");
        log.info("import {} validated ms={}", id, (System.nanoTime() - started) / 1_000_000);
    }

    private void doCommit(UUID id, String municipality, boolean skipInvalid, boolean publish, Actor actor) {
        staging.progress(id, 0, staging.find(id).orElseThrow().counts().valid());
        String refused = tx.execute(status -> {
            // the database may have changed since the report (a plot drawn meanwhile): check again, same transaction
            validation.run(id, false, false, step -> { });
            ImportView.Counts counts = staging.find(id).orElseThrow().counts();
            if (counts.invalid() > 0 && !skipInvalid) {
                status.setRollbackOnly();
                return ImportProblems.json(ImportProblems.hasErrors(counts).getBody());
            }
            List<String> features = staging.validFeatures(id, publish);
            if (features.isEmpty()) {
                status.setRollbackOnly();
                return ImportProblems.json(ImportProblems.nothingToCommit().getBody());
            }
            long started = System.nanoTime();
            List<Long> ids = plots.createAll(features, SupportedCrs.EPSG_25832, actor);
            log.info("import {} plots written ms={}", id, (System.nanoTime() - started) / 1_000_000);
            staging.committed(id, ids.size());
            staging.remember(municipality, ImportMapping.fromJson(staging.find(id).orElseThrow().mapping()),
                    actor.username());
            events.publishEvent(new ImportCompleted(id, municipality, ids.size(), actor.username()));
            log.info("import {} committed municipality={} plots={} by={}", id, municipality, ids.size(),
                    actor.username());
            return null;
        });
        if (refused != null) {
            staging.readyWithError(id, refused);
        }
    }

    private void submit(UUID id, Runnable work, Runnable always) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (Ogr.ConversionException e) {
                    log.info("import {} conversion failed: {}", id, e.getMessage());
                    staging.fail(id, ImportProblems.conversionFailed(e.getMessage()));
                } catch (Staging.TooManyFeatures e) {
                    staging.fail(id, ImportProblems.json(ImportProblems.field(
                            org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "Too many features", "/file",
                            "the file has more than " + settings.maxFeatures() + " features").getBody()));
                } catch (ErrorResponseException e) {
                    log.info("import {} refused: {}", id, e.getBody().getDetail());
                    staging.fail(id, ImportProblems.json(e.getBody()));
                } catch (RuntimeException e) {
                    String traceId = UUID.randomUUID().toString();
                    log.error("import {} failed traceId={}", id, traceId, e);
                    staging.fail(id, ImportProblems.internal(traceId));
                } finally {
                    always.run();
                }
            });
        } catch (RejectedExecutionException e) {
            always.run();
            staging.fail(id, ImportProblems.json(ImportProblems.busy().getBody()));
            throw ImportProblems.busy();
        }
    }

    void cleanUp() {
        try {
            int n = staging.deleteOlderThan(settings.retention());
            if (n > 0) {
                log.info("imports: {} staged imports older than {} deleted", n, settings.retention());
            }
        } catch (RuntimeException e) {
            log.warn("imports: clean-up failed: {}", e.getMessage());
        }
    }

    // --- access ---------------------------------------------------------------------------------------------------

    private ImportView readable(UUID id, Actor actor) {
        ImportView job = staging.find(id).orElseThrow(() -> ImportProblems.notFound(id));
        requireWrite(actor, job.municipalityNumber());
        return job;
    }

    private ImportView view(UUID id) {
        return staging.find(id).orElseThrow(() -> ImportProblems.notFound(id));
    }

    private static void requireWrite(Actor actor, String municipality) {
        if (!actor.mayWrite(municipality)) {
            throw new ForbiddenMunicipalityException(actor.username(), municipality, "/municipalityNumber");
        }
    }

    /** The client's file name without any path, for display only. */
    static String displayName(String name) {
        if (name == null || name.isBlank()) {
            return "upload";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").trim();
        if (base.isEmpty()) {
            return "upload";
        }
        return base.length() > 200 ? base.substring(base.length() - 200) : base;
    }
}
