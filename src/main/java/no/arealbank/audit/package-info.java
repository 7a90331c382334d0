/**
 * The append-only change history: every write records who, when, the action, and full before/after snapshots
 * (GeoJSON Features), in the writer's own transaction so that history and data never disagree.
 * Publishes {@link no.arealbank.audit.ChangeHistory}.
 */
package no.arealbank.audit;
