package no.arealbank.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 413: the request body is larger than {@code arealbank.api.max-body-bytes}. */
public class PayloadTooLargeException extends ErrorResponseException {

    public PayloadTooLargeException(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, Problems.forField(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "", "the body exceeds the limit of " + limit + " bytes"), null);
    }
}
