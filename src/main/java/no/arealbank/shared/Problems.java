package no.arealbank.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Building blocks for RFC 9457 problem details with an {@code errors} list of JSON pointers. */
public final class Problems {

    private Problems() {
    }

    public static List<Map<String, Object>> errors(List<FieldProblem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pointer", p.pointer());
            m.put("detail", p.detail());
            if (p.location() != null) {
                m.put("location", p.location());
            }
            return m;
        }).toList();
    }

    /** 404 "Not found" with what was not found in the detail; callers may add properties to its body. */
    public static ErrorResponseException notFound(String detail) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        pd.setTitle("Not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, pd, null);
    }

    /** A problem naming one field, e.g. a 400 for a bad query parameter. */
    public static ProblemDetail forField(HttpStatus status, String title, String pointer, String detail) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, pointer + ": " + detail);
        pd.setTitle(title);
        pd.setProperty("errors", errors(List.of(new FieldProblem(pointer, detail))));
        return pd;
    }
}
