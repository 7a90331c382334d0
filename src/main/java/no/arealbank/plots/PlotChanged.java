package no.arealbank.plots;

import org.locationtech.jts.geom.Envelope;

/**
 * Published after a plot was created, changed, archived or restored (in the writer's transaction).
 * Carries the envelopes (EPSG:25832) of the old and new geometry so listeners such as a tile cache can
 * invalidate exactly what the change touched; either may be null.
 */
public record PlotChanged(long plotId, String municipalityNumber, String action, int version, Envelope oldExtent,
        Envelope newExtent) {
}
