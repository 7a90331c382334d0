package no.arealbank.plots;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits of the plot exports ({@code /api/plots/export.*}). An export has no paging, so {@code maxRows} bounds it
 * instead: a filter matching more is refused with 400. {@code fetchSize} is how many rows pgjdbc fetches per round
 * trip through its cursor, so memory stays flat however many rows are streamed.
 */
@Validated
@ConfigurationProperties("arealbank.plots.export")
record PlotExportSettings(
        @DefaultValue("100000") @Min(1) int maxRows,
        @DefaultValue("1000") @Min(1) @Max(100000) int fetchSize) {
}
