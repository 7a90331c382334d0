package no.arealbank.security;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.Problems;

/** The user API's errors, as problem+json naming the field. */
final class UserProblems {

    private UserProblems() {
    }

    /** 400: the request names fields that are missing, malformed or break a rule. Nothing was changed. */
    static ErrorResponseException invalid(List<FieldProblem> problems) {
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        pd.setTitle("Invalid request");
        FieldProblem first = problems.get(0);
        pd.setDetail(problems.size() == 1 ? first.pointer() + ": " + first.detail()
                : problems.size() + " problems, first " + first.pointer() + ": " + first.detail());
        pd.setProperty("errors", Problems.errors(problems));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, pd, null);
    }

    static ErrorResponseException invalid(String pointer, String detail) {
        return invalid(List.of(new FieldProblem(pointer, detail)));
    }

    static ErrorResponseException notFound(String username) {
        return Problems.notFound("No user '" + username + "'");
    }

    static ErrorResponseException conflict(String pointer, String detail) {
        ProblemDetail pd = Problems.forField(HttpStatus.CONFLICT, "Conflict", pointer, detail);
        return new ErrorResponseException(HttpStatus.CONFLICT, pd, null);
    }

    static ErrorResponseException unauthorized() {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Sign in first");
        pd.setTitle("Unauthorized");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, pd, null);
    }
}
