/**
 * Enquiries (interesse): a person's interest in a published plot, sent anonymously from the map page and read only
 * by the planners of the plot's municipality (a regional admin reads all). Owns the {@code enquiry} table, the
 * in-memory rate limit per client address, and {@code /api/enquiries}, including the CSV export, data subject access
 * and erasure, and the retention job (deletions recorded through {@code audit}, without personal data). Reads
 * {@code plot} to check that the plot is public; nothing of an enquiry is ever served by a public endpoint.
 */
package no.arealbank.enquiries;
