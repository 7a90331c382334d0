package no.arealbank.enquiries;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import no.arealbank.shared.Problems;

/** The enquiry module's own HTTP errors (404, 412, 428, 429), each a problem detail naming what is wrong. */
final class EnquiryProblems {

    private EnquiryProblems() {
    }

    /** Also the answer for an enquiry of another municipality: its existence is not disclosed. */
    static ErrorResponseException notFound(long id) {
        return Problems.notFound("No enquiry with id " + id);
    }

    static ErrorResponseException preconditionRequired() {
        return withField(HttpStatus.PRECONDITION_REQUIRED, "If-Match required", "If-Match",
                "send the ETag you read (or the enquiry's version as \"version\") so that no one else's change is overwritten");
    }

    static ErrorResponseException stale(int current) {
        return withField(HttpStatus.PRECONDITION_FAILED, "Stale version", "If-Match",
                "the enquiry has changed since you read it; its current ETag is \"" + current + "\"");
    }

    static ErrorResponseException tooMany(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many enquiries from your address; try again in " + seconds + " s. Nothing was stored.");
        pd.setTitle("Too many requests");
        pd.setProperty("retryAfterSeconds", seconds);
        return new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, pd, null) {
            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders headers = new HttpHeaders();
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                return headers;
            }
        };
    }

    private static ErrorResponseException withField(HttpStatus status, String title, String pointer, String detail) {
        return new ErrorResponseException(status, Problems.forField(status, title, pointer, detail), null);
    }
}
