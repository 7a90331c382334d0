package no.arealbank.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Limits of {@code /api/search}: suggestions per answer (default and most) and the longest query text. */
@Validated
@ConfigurationProperties("arealbank.search")
record SearchSettings(
        @DefaultValue("8") @Min(1) int defaultLimit,
        @DefaultValue("20") @Min(1) @Max(100) int maxLimit,
        @DefaultValue("100") @Min(1) int maxQueryLength) {
}
