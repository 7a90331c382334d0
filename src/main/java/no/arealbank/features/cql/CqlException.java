package no.arealbank.features.cql;

/**
 * A filter that cannot be parsed or translated. The message says where (a character position in CQL2 text, a JSON
 * path in CQL2 JSON) and what is wrong, in words meant for the client that sent the filter.
 */
public class CqlException extends RuntimeException {

    public CqlException(String message) {
        super(message);
    }

    public CqlException(String message, Throwable cause) {
        super(message, cause);
    }
}
