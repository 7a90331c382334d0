/**
 * Plots (tomter): the unit municipalities offer. Owns the {@code plot} table: validation, create/replace/patch with
 * optimistic locking (ETag / If-Match), archive and restore, the planner workspace (bulk actions, split, merge,
 * history with field diffs) and the GeoJSON read paths of {@code /api/plots}.
 * Derived facts (area, distances, hazards, permanent residence) are computed by PostGIS, never taken from input.
 * Records every write through {@code audit} and publishes {@link no.arealbank.plots.PlotChanged}.
 */
package no.arealbank.plots;
