package no.arealbank.shared;

/**
 * One thing wrong with a request body: where (an RFC 6901 JSON pointer such as {@code /properties/priceTotal})
 * and why, in plain words. {@code location} optionally gives a coordinate (in the request's CRS) for geometry errors.
 */
public record FieldProblem(String pointer, String detail, double[] location) {

    public FieldProblem(String pointer, String detail) {
        this(pointer, detail, null);
    }
}
