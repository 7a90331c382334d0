package no.arealbank.importing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import no.arealbank.security.Actor;
import no.arealbank.security.CurrentActor;
import no.arealbank.shared.InvalidContentException;

import tools.jackson.databind.JsonNode;

/** HTTP for {@code /api/imports}: every call needs a planner of the import's municipality (or an admin). */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final Imports imports;
    private final CurrentActor currentActor;

    ImportController(Imports imports, CurrentActor currentActor) {
        this.imports = imports;
        this.currentActor = currentActor;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportView> create(@RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "municipalityNumber", required = false) String municipalityNumber,
            @RequestParam(name = "crs", required = false) String crs) {
        Imports.Upload upload = file == null ? null
                : new Imports.Upload(file.getOriginalFilename(), file.getSize(), file::getInputStream);
        ImportView view = imports.create(upload, municipalityNumber, crs, actor());
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + view.id())).body(view);
    }

    @GetMapping(path = "/mapping", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> rememberedMapping(@RequestParam(name = "municipalityNumber", required = false) String municipality) {
        return imports.rememberedMapping(municipality, actor());
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ImportView get(@PathVariable UUID id) {
        return imports.get(id, actor());
    }

    @GetMapping(path = "/{id}/features", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> features(@PathVariable UUID id,
            @RequestParam(name = "limit", defaultValue = "100000") int limit,
            @RequestParam(name = "offset", defaultValue = "0") int offset) {
        if (limit < 1 || offset < 0) {
            throw new InvalidContentException(limit < 1 ? "?limit" : "?offset", "must be positive");
        }
        return ResponseEntity.ok().contentType(GEO_JSON)
                .header("Content-Crs", "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>")
                .body(imports.features(id, limit, offset, actor()));
    }

    @GetMapping(path = "/{id}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> report(@PathVariable UUID id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(imports.report(id, actor()));
    }

    @GetMapping(path = "/{id}/report.csv", produces = "text/csv")
    ResponseEntity<byte[]> reportCsv(@PathVariable UUID id) {
        List<String[]> rows = imports.reportRows(id, actor());
        StringBuilder sb = new StringBuilder("ordinal,layer,name,matrikkelId,severity,code,field,message,lon,lat\r\n");
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                sb.append(i == 0 ? "" : ",").append(csv(row[i]));
            }
            sb.append("\r\n");
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-report.csv\"")
                .body(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @PutMapping(path = "/{id}/mapping", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportView> map(@PathVariable UUID id, @RequestBody JsonNode mapping) {
        return ResponseEntity.accepted().body(imports.map(id, mapping, actor()));
    }

    @PostMapping(path = "/{id}/commit", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportView> commit(@PathVariable UUID id,
            @RequestBody(required = false) Imports.CommitRequest request) {
        return ResponseEntity.accepted().body(imports.commit(id, request, actor()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        imports.delete(id, actor());
        return ResponseEntity.noContent().build();
    }

    private Actor actor() {
        return currentActor.current().orElseThrow(ImportProblems::unauthorized);
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed so that spreadsheets do not run it as a formula. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
