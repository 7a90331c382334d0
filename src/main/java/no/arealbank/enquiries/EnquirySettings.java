package no.arealbank.enquiries;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits of the enquiry API: at most {@code rateLimit} new enquiries per client address within {@code rateWindow}
 * (sliding), and the page sizes of the planners' inbox. Enquiries older than {@code retention} (ISO-8601, e.g.
 * {@code P365D}) are deleted every {@code retentionInterval} and once at start; a CSV export holds at most
 * {@code exportMaxRows} enquiries.
 */
@Validated
@ConfigurationProperties("arealbank.enquiries")
record EnquirySettings(
        @DefaultValue("5") @Min(1) int rateLimit,
        @DefaultValue("10m") Duration rateWindow,
        @DefaultValue("100000") @Min(1) int rateTrackedClients,
        @DefaultValue("100") @Min(1) int defaultLimit,
        @DefaultValue("1000") @Min(1) @Max(10000) int maxLimit,
        @DefaultValue("P365D") Duration retention,
        @DefaultValue("PT6H") Duration retentionInterval,
        @DefaultValue("50000") @Min(1) int exportMaxRows) {
}
