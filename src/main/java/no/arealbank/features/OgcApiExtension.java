package no.arealbank.features;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.node.ObjectNode;

/**
 * A part of the OGC API served under {@code /ogc} by another module (OGC API – Tiles by {@code tiles}). The
 * features module owns the landing page, the conformance declaration, the collections and the OpenAPI document;
 * an extension, found as a Spring bean, adds its conformance classes, links and paths to them, so this module never
 * depends on the modules that extend it.
 */
public interface OgcApiExtension {

    /** Conformance class URIs the extension implements (use the constants of {@link OgcApi}). */
    List<String> conformance();

    /** Links for the landing page; {@code base} is the absolute URL of {@code /ogc}. */
    List<ExtensionLink> landingLinks(String base);

    /** Links for the description of one collection (in {@code /collections} and {@code /collections/{id}}). */
    List<ExtensionLink> collectionLinks(String base, String collectionId);

    /**
     * Adds the extension's paths (relative to the server URL, which is {@code /ogc}), components and tags to the
     * OpenAPI 3.0 document. The document must stay self-contained: besides its own components, an extension may
     * refer only to {@code #/components/schemas/link}, {@code #/components/schemas/exception} and
     * {@code #/components/responses/400|404|406|500}.
     */
    void describe(ObjectNode openApi);

    /** A link object as the OGC API documents carry it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExtensionLink(String href, String rel, String type, String title) {
    }
}
