package no.arealbank.importing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits of imports. {@code maxUploadSize} is checked here as well as by the multipart limits
 * ({@code spring.servlet.multipart.*}, set from the same environment variable). {@code threads} and
 * {@code queue} bound the executor that converts, validates and commits; a full queue answers 503.
 */
@Validated
@ConfigurationProperties("arealbank.imports")
record ImportSettings(
        @DefaultValue("100MB") DataSize maxUploadSize,
        @DefaultValue("50000") @Min(1) int maxFeatures,
        @DefaultValue("ogr2ogr") String ogr2ogr,
        @DefaultValue("ogrinfo") String ogrinfo,
        @DefaultValue("5m") Duration conversionTimeout,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("1h") Duration cleanupInterval,
        @DefaultValue("2") @Min(1) @Max(16) int threads,
        @DefaultValue("20") @Min(1) int queue) {
}
