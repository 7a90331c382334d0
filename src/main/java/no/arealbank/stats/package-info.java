/**
 * Region statistics for the map page's bar chart ({@code GET /api/stats/region}): available, published plots and
 * their area per municipality and purpose, with totals, from one grouping-sets statement. Reads the tables of
 * {@code plots} and {@code reference}; owns no data.
 */
package no.arealbank.stats;
