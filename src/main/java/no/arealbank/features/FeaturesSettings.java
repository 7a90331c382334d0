package no.arealbank.features;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Page sizes of the items resources (larger asks are clamped, not refused) and the extent cache. */
@ConfigurationProperties("arealbank.features")
record FeaturesSettings(@DefaultValue("100") int defaultLimit, @DefaultValue("10000") int maxLimit,
        @DefaultValue("Arealbank") String title) {
}
