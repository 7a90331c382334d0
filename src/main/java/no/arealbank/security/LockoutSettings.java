package no.arealbank.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Failed-attempt throttling: after {@code maxFailures} consecutive failures a username is locked for
 * {@code duration}; a client address is locked for {@code addressDuration} after {@code maxFailuresPerAddress}
 * failures (any usernames) with no more than {@code addressDuration} between them. A success resets the username's
 * counter, not the address's (one valid account must not reset an address that guesses others).
 */
@Validated
@ConfigurationProperties("arealbank.security.lockout")
record LockoutSettings(
        @DefaultValue("5") @Min(1) int maxFailures,
        @DefaultValue("15m") Duration duration,
        @DefaultValue("50") @Min(1) int maxFailuresPerAddress,
        @DefaultValue("15m") Duration addressDuration) {
}
