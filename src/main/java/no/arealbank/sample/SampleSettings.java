package no.arealbank.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code enabled} (AREALBANK_SAMPLE) loads the sample region into an empty database; {@code reset}
 * (AREALBANK_SAMPLE_RESET) first removes all plots, plans, zones, hazards, places, hubs, enquiries and history.
 * {@code demoPassword} (AREALBANK_DEMO_PASSWORD) is the password of the demo users the sample run creates.
 */
@ConfigurationProperties("arealbank.sample")
record SampleSettings(boolean enabled, boolean reset, @DefaultValue("arealbank-demo") String demoPassword) {
}
