package no.arealbank.plots;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.Problems;

/** The plot module's own HTTP errors (404, 409, 412, 428), each a problem detail naming what is wrong. */
final class PlotProblems {

    private PlotProblems() {
    }

    static ErrorResponseException notFound(long id) {
        return Problems.notFound("No plot with id " + id);
    }

    static ErrorResponseException noSuchVersion(long id, int version) {
        return Problems.notFound("Plot " + id + " has no recorded version " + version);
    }

    static ErrorResponseException duplicateMatrikkel(String municipality, String matrikkel) {
        return withField(HttpStatus.CONFLICT, "Duplicate matrikkel id", "/properties/matrikkel",
                "municipality " + municipality + " already has a plot with matrikkel " + matrikkel);
    }

    static ErrorResponseException preconditionRequired() {
        return withField(HttpStatus.PRECONDITION_REQUIRED, "If-Match required", "If-Match",
                "send the ETag you read (GET the plot first) so that no one else's change is overwritten");
    }

    static ErrorResponseException stale(int current) {
        return withField(HttpStatus.PRECONDITION_FAILED, "Stale version", "If-Match",
                "the plot has changed since you read it; its current ETag is \"" + current + "\"");
    }

    static ErrorResponseException outsideMunicipality(String municipality) {
        return withField(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid content", "/geometry",
                "the plot lies outside municipality " + municipality);
    }

    /** 400 naming every offending member of a workspace request body. */
    static ErrorResponseException badRequest(List<FieldProblem> problems) {
        FieldProblem first = problems.get(0);
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problems.size() == 1
                ? first.pointer() + ": " + first.detail()
                : problems.size() + " problems, first " + first.pointer() + ": " + first.detail());
        pd.setTitle("Bad request");
        pd.setProperty("errors", Problems.errors(problems));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, pd, null);
    }

    static ErrorResponseException badRequest(String pointer, String detail) {
        return badRequest(List.of(new FieldProblem(pointer, detail)));
    }

    /** 404 for plots of a selection that do not exist or are archived; {@code pointers} name them in the body. */
    static ErrorResponseException notFound(List<Long> ids, List<FieldProblem> problems) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No live plot with id "
                + String.join(", ", ids.stream().map(String::valueOf).toList()));
        pd.setTitle("Not found");
        pd.setProperty("ids", ids);
        pd.setProperty("errors", Problems.errors(problems));
        return new ErrorResponseException(HttpStatus.NOT_FOUND, pd, null);
    }

    /** 412 for a selection: {@code current} maps each stale plot's id to its current version. */
    static ErrorResponseException stale(java.util.Map<Long, Integer> current) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "plots " + String.join(", ", current.keySet().stream().map(String::valueOf).toList())
                        + " have changed since you read them; nothing was changed");
        pd.setTitle("Stale version");
        pd.setProperty("ids", List.copyOf(current.keySet()));
        pd.setProperty("currentVersions", current.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), java.util.Map.Entry::getValue,
                        (a, b) -> a, java.util.LinkedHashMap::new)));
        pd.setProperty("errors", Problems.errors(current.entrySet().stream()
                .map(e -> new FieldProblem("/versions/" + e.getKey(), "the current version is " + e.getValue()))
                .toList()));
        return new ErrorResponseException(HttpStatus.PRECONDITION_FAILED, pd, null);
    }

    private static ErrorResponseException withField(HttpStatus status, String title, String pointer, String detail) {
        ProblemDetail pd = Problems.forField(status, title, pointer, detail);
        pd.setProperty("errors", Problems.errors(List.of(new FieldProblem(pointer, detail))));
        return new ErrorResponseException(status, pd, null);
    }
}
