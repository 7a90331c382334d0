package no.arealbank.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 400: a query parameter or header value the service cannot use; the pointer names it (e.g. {@code ?bbox}). */
public class BadParameterException extends ErrorResponseException {

    public BadParameterException(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, Problems.forField(HttpStatus.BAD_REQUEST, "Bad parameter", parameter, detail), null);
    }
}
