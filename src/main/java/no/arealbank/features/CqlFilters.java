package no.arealbank.features;

import org.springframework.stereotype.Component;

/** The CQL2 {@code filter} parameter (Part 3): parsed by the generated CQL2 grammar, translated to bound SQL. */
@Component
class CqlFilters {

    FilterTranslator.Translated translate(FeatureCollectionDefinition c, String filter, String lang, String filterCrs) {
        throw OgcProblems.invalidParameter("filter", "CQL2 filtering is not available yet");
    }
}
