package no.arealbank.plots;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import tools.jackson.databind.JsonNode;

/**
 * A plot as a client sends it: a GeoJSON Feature (see docs/plot-format.md). Everything is optional at this
 * level so that {@link PlotValidator} can name every missing or wrong field at once.
 */
record PlotRequest(String type, JsonNode geometry, Properties properties, @JsonAnySetter Map<String, Object> unknown) {

    /** Top-level Feature members a client may send that mean nothing here. */
    static final Set<String> IGNORED = Set.of("id", "links", "bbox", "crs");

    PlotRequest {
        unknown = unknown == null ? new LinkedHashMap<>() : unknown;
    }

    record Properties(String municipalityNumber, String name, Matrikkel matrikkel, String purpose,
            List<String> allowedUses, Integer landUseCode, String availability, String tenure,
            BigDecimal priceTotal, BigDecimal pricePerM2, BigDecimal groundRentYearly, Fees fees, String allocation,
            LocalDate applicationDeadline, Integer reservationDays, Integer buildingDeadlineYears,
            Integer residenceObligationYears, Map<String, String> incentives, Infrastructure infrastructure,
            String planId, Contact contact, Map<String, String> description, Boolean published,
            @JsonAnySetter Map<String, Object> unknown) {

        /** Output-only properties a client may send back unchanged (GET → edit → PUT); they are ignored. */
        static final Set<String> DERIVED = Set.of("id", "areaM2", "permanentResidenceAllowed", "buildReady",
                "nearestBusinessHub", "nearestCentre", "hazards", "municipalityName", "matrikkelId", "version",
                "createdAt", "updatedAt", "archived", "landUseName", "planName", "effectivePrice");

        Properties {
            unknown = unknown == null ? new LinkedHashMap<>() : unknown;
        }
    }

    record Matrikkel(Integer gnr, Integer bnr, Integer fnr, Integer snr) {
    }

    record Fees(BigDecimal survey, BigDecimal document, BigDecimal water, BigDecimal sewer, BigDecimal development,
            Map<String, String> note) {
    }

    record Infrastructure(String road, String water, String sewer, String power, String fibre) {
    }

    record Contact(String name, String email, String phone) {
    }
}
