/**
 * Imports of plots from files (GeoJSON, GeoPackage, zipped Shapefile, SOSI, Plan GML): GDAL's {@code ogr2ogr} converts
 * an upload into staging tables ({@code import_job}, {@code import_feature}, {@code import_issue}) in EPSG:25832,
 * a per-municipality field mapping ({@code import_mapping}) turns source attributes into plot fields, set-based SQL
 * validates them into a report, and a commit hands the valid features to {@link no.arealbank.plots.PlotBatch} in one
 * transaction. Owns {@code /api/imports}; publishes {@link no.arealbank.importing.ImportCompleted}.
 */
package no.arealbank.importing;
