package no.arealbank.features;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A link object of OGC API responses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Link(String href, String rel, String type, String title) {
}
