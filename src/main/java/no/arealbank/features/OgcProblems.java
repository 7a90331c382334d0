package no.arealbank.features;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import no.arealbank.shared.Problems;

/** OGC errors as problem details with the OGC exception {@code code} property. */
final class OgcProblems {

    private OgcProblems() {
    }

    static ErrorResponseException invalidParameter(String parameter, String detail) {
        ProblemDetail pd = Problems.forField(HttpStatus.BAD_REQUEST, "Invalid parameter value", "?" + parameter, detail);
        pd.setProperty("code", "InvalidParameterValue");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, pd, null);
    }

    static ErrorResponseException notFound(String detail) {
        ErrorResponseException e = Problems.notFound(detail);
        e.getBody().setProperty("code", "NotFound");
        return e;
    }

    static ErrorResponseException notAcceptable(String format) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE,
                "Format '" + format + "' is not offered here; use f=json or f=html");
        pd.setTitle("Not acceptable");
        pd.setProperty("code", "InvalidParameterValue");
        return new ErrorResponseException(HttpStatus.NOT_ACCEPTABLE, pd, null);
    }
}
