/**
 * Search suggestions for the map page ({@code GET /api/search}): municipalities (name or number), places, business
 * hubs, plans (name or plan id), published plots by name and by matrikkel unit (gnr/bnr), ranked in one SQL
 * statement over folded names (case, accents and æøå as people type them). Reads the tables of {@code plots} and
 * {@code reference}; owns nothing but the folding function and search indexes (migration V6).
 */
package no.arealbank.search;
