package no.arealbank.shared;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 422: the body is well-formed but its content is not acceptable. Names every offending field. */
public class InvalidContentException extends ErrorResponseException {

    private final List<FieldProblem> problems;

    public InvalidContentException(List<FieldProblem> problems) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problemDetail(problems), null);
        this.problems = List.copyOf(problems);
    }

    public InvalidContentException(String pointer, String detail) {
        this(List.of(new FieldProblem(pointer, detail)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static ProblemDetail problemDetail(List<FieldProblem> problems) {
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        pd.setTitle("Invalid content");
        FieldProblem first = problems.get(0);
        pd.setDetail(problems.size() == 1
                ? first.pointer() + ": " + first.detail()
                : problems.size() + " problems, first " + first.pointer() + ": " + first.detail());
        pd.setProperty("errors", Problems.errors(problems));
        return pd;
    }
}
