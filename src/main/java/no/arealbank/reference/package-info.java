/**
 * Reference data the plots are placed against: SOSI code lists (loaded from the CSVs in classpath:reference/),
 * municipalities with their older numbers and official boundaries (Kartverket API or a boundaries file),
 * and the regional geodata: plans, zones, hazard zones, næringshagar and places.
 * Publishes {@link no.arealbank.reference.ReferenceData} for validation by other modules.
 */
package no.arealbank.reference;
