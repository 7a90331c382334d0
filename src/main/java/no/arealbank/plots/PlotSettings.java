package no.arealbank.plots;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits of the plots API. The extent is mainland Norway with its coastal waters in lon/lat (EPSG:4326);
 * a geometry with any vertex outside it is refused. A split refuses pieces smaller than {@code minSplitAreaM2} (a line
 * that only clips a corner is a slip of the mouse, not a new plot); a merge closes gaps up to {@code mergeToleranceM}
 * metres between the plots; {@code maxSelection} bounds the plots of one bulk action or merge.
 */
@Validated
@ConfigurationProperties("arealbank.plots")
record PlotSettings(
        @DefaultValue("10000") @Min(4) int maxVertices,
        @DefaultValue("100") @Min(1) int defaultLimit,
        @DefaultValue("1000") @Min(1) @Max(10000) int maxLimit,
        @DefaultValue("4.0") double minLon,
        @DefaultValue("57.9") double minLat,
        @DefaultValue("31.5") double maxLon,
        @DefaultValue("71.3") double maxLat,
        @DefaultValue("10") @Min(0) double minSplitAreaM2,
        @DefaultValue("0.5") @Min(0) @Max(5) double mergeToleranceM,
        @DefaultValue("500") @Min(2) int maxSelection) {
}
