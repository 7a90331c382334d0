package no.arealbank.plots;

import org.locationtech.jts.geom.Geometry;

/**
 * Published after a plot was created, changed, archived or restored (in the writer's transaction; listeners that
 * act on the committed state listen after commit). Carries the old and new geometry (EPSG:25832, copies) so that a
 * tile cache can drop exactly the tiles the change touched; {@code oldGeometry} is null for a new or restored plot,
 * {@code newGeometry} for an archived one.
 */
public record PlotChanged(long plotId, String municipalityNumber, String action, int version, Geometry oldGeometry,
        Geometry newGeometry) {
}
