package no.arealbank.plots;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import tools.jackson.databind.JsonNode;

/**
 * Request bodies of the planner workspace (see docs/plot-format.md): bulk actions on a selection, split and merge.
 * Everything is optional at this level so that the service can name every missing or wrong member at once;
 * unknown members are collected and refused.
 */
final class WorkspaceRequests {

    private WorkspaceRequests() {
    }

    /** {@code versions} maps a plot id (as a JSON member name) to the version the client read; optional. */
    record Bulk(List<Long> ids, Map<String, Integer> versions, String action,
            @JsonAnySetter Map<String, Object> unknown) {

        Bulk {
            unknown = unknown == null ? new LinkedHashMap<>() : unknown;
        }
    }

    /** The cutting line: a GeoJSON LineString in the request's CRS (CRS84 unless Content-Crs says otherwise). */
    record Split(JsonNode line, @JsonAnySetter Map<String, Object> unknown) {

        Split {
            unknown = unknown == null ? new LinkedHashMap<>() : unknown;
        }
    }

    /** The plots to merge; the first id gives the attributes. */
    record Merge(List<Long> ids, Map<String, Integer> versions, @JsonAnySetter Map<String, Object> unknown) {

        Merge {
            unknown = unknown == null ? new LinkedHashMap<>() : unknown;
        }
    }

    /** One written plot as the bulk answer lists it. */
    record Updated(long id, int version) {
    }

    record BulkResult(List<Updated> updated) {
    }
}
