package no.arealbank.importing;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** An import as {@code GET /api/imports/{id}} shows it; JSON members are passed through as stored. */
record ImportView(UUID id, String municipalityNumber, String fileName, String format, String status,
        Progress progress, Counts counts, @JsonRawValue String sourceFields, @JsonRawValue String mapping,
        @JsonRawValue String error, String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        @JsonRawValue String layers, Integer committedPlots) {

    /** Steps done of the current phase (layers converted, checks run, plots written). */
    record Progress(int done, int total) {
    }

    /** Features staged; valid = without errors; invalid = with at least one error; warnings = features with one. */
    record Counts(int features, int valid, int invalid, int warnings) {
    }
}
