package no.arealbank.importing;

import java.util.UUID;

/** Published when an import's plots were committed (in the committing transaction). */
public record ImportCompleted(UUID importId, String municipalityNumber, int plots, String committedBy) {
}
