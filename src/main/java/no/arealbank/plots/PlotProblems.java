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
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No plot with id " + id);
        pd.setTitle("Not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, pd, null);
    }

    static ErrorResponseException noSuchVersion(long id, int version) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Plot " + id + " has no recorded version " + version);
        pd.setTitle("Not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, pd, null);
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

    private static ErrorResponseException withField(HttpStatus status, String title, String pointer, String detail) {
        ProblemDetail pd = Problems.forField(status, title, pointer, detail);
        pd.setProperty("errors", Problems.errors(List.of(new FieldProblem(pointer, detail))));
        return new ErrorResponseException(status, pd, null);
    }
}
