package no.arealbank.security;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.Problems;

/** 403: the signed-in user may not write in this municipality. */
public class ForbiddenMunicipalityException extends ErrorResponseException {

    public ForbiddenMunicipalityException(String username, String municipalityNumber, String pointer) {
        super(HttpStatus.FORBIDDEN, body(username, municipalityNumber, pointer), null);
    }

    private static ProblemDetail body(String username, String municipalityNumber, String pointer) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "User '" + username + "' may not write in municipality " + municipalityNumber);
        pd.setTitle("Forbidden");
        pd.setProperty("errors", Problems.errors(List.of(new FieldProblem(pointer, "not one of your municipalities"))));
        return pd;
    }
}
