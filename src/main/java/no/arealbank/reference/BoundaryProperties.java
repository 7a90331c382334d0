package no.arealbank.reference;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where official municipality boundaries come from. {@code file} (AREALBANK_BOUNDARIES_FILE) wins; otherwise the
 * Kartverket administrative-units API is asked for every municipality that has no boundary cached yet.
 * An empty {@code apiUrl} disables the API.
 */
@ConfigurationProperties("arealbank.boundaries")
record BoundaryProperties(
        String file,
        @DefaultValue("https://api.kartverket.no/kommuneinfo/v1/kommuner/{number}/omrade") String apiUrl,
        @DefaultValue("5s") Duration timeout) {
}
