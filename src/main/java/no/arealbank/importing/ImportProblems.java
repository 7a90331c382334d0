package no.arealbank.importing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.Problems;

import tools.jackson.databind.json.JsonMapper;

/** The import module's HTTP errors, each a problem detail naming what is wrong; also stored as a job's error. */
final class ImportProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImportProblems() {
    }

    static ErrorResponseException notFound(UUID id) {
        return Problems.notFound("No import with id " + id);
    }

    static ErrorResponseException unauthorized() {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Sign in as a planner to import (HTTP Basic for API clients)");
        pd.setTitle("Unauthorized");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Arealbank\"");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, pd, null) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    static ErrorResponseException wrongStatus(String status, String wanted) {
        return field(HttpStatus.CONFLICT, "Conflict", "/status",
                "the import is " + status + "; this needs an import that is " + wanted);
    }

    static ErrorResponseException busy() {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Too many imports are being processed; try again in a minute");
        pd.setTitle("Busy");
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, pd, null);
    }

    static ErrorResponseException unsupportedFormat(String fileName) {
        return field(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported file format", "/file",
                "'" + fileName + "' is not a supported format; send one of " + ImportFormat.allExtensions()
                        + " (a Shapefile zipped with its .dbf, .shx and .prj)");
    }

    static ErrorResponseException tooLarge(long limit) {
        return field(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", "/file",
                "the file exceeds the limit of " + limit + " bytes");
    }

    /** 422 for a commit refused because features have errors; carries the counts. */
    static ErrorResponseException hasErrors(ImportView.Counts counts) {
        String detail = counts.invalid() + " of " + counts.features() + " features have errors; fix them, or commit "
                + "with \"skipInvalid\": true to commit only the " + counts.valid() + " valid ones";
        ErrorResponseException e = field(HttpStatus.UNPROCESSABLE_CONTENT, "Import has errors", "/skipInvalid", detail);
        e.getBody().setProperty("counts", counts);
        return e;
    }

    static ErrorResponseException nothingToCommit() {
        return field(HttpStatus.UNPROCESSABLE_CONTENT, "Nothing to commit", "",
                "no feature of this import is valid");
    }

    static ErrorResponseException field(HttpStatus status, String title, String pointer, String detail) {
        ProblemDetail pd = Problems.forField(status, title, pointer, detail);
        pd.setDetail(detail);
        return new ErrorResponseException(status, pd, null);
    }

    /** A job's stored error: a conversion that failed, in the shape of a problem detail. */
    static String conversionFailed(String detail) {
        return json(Problems.forField(HttpStatus.UNPROCESSABLE_CONTENT, "Conversion failed", "/file", detail), detail);
    }

    static String json(ProblemDetail pd) {
        return json(pd, pd.getDetail());
    }

    private static String json(ProblemDetail pd, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", pd.getType() == null ? URI.create("about:blank").toString() : pd.getType().toString());
        m.put("title", pd.getTitle());
        m.put("status", pd.getStatus());
        m.put("detail", detail);
        if (pd.getProperties() != null) {
            m.putAll(pd.getProperties());
        }
        return JSON.writeValueAsString(m);
    }

    static String internal(String traceId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "about:blank");
        m.put("title", "Internal error");
        m.put("status", 500);
        m.put("detail", "Something went wrong on our side; nothing was written. Quote the traceId if you report it.");
        m.put("traceId", traceId);
        return JSON.writeValueAsString(m);
    }

    static List<Map<String, Object>> errors(String pointer, String detail) {
        return Problems.errors(List.of(new FieldProblem(pointer, detail)));
    }
}
