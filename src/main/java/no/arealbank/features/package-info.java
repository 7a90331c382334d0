/**
 * OGC API – Features (Parts 1–3) under {@code /ogc}: landing page, conformance, OpenAPI, collections, items,
 * CRS (Part 2) and CQL2 filtering (Part 3) over the public view of Arealbank's layers. Reads only: every response
 * is built by PostGIS in one statement per page. Reads the tables of {@code plots} and {@code reference}; the
 * collection definitions are fixed at start ({@link no.arealbank.features.CollectionRegistry}), so no identifier
 * ever comes from a request.
 */
package no.arealbank.features;
