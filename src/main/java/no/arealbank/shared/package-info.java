/**
 * Small pieces every module uses: the storage SRID and supported CRSs, the shared JTS
 * {@code GeometryFactory}, CRS transformation with proj4j, and the RFC 9457 problem-detail advice.
 * Keep it tiny: anything with domain meaning belongs in a feature module.
 */
package no.arealbank.shared;
