package no.arealbank.features;

import static no.arealbank.features.FeatureCollectionDefinition.Type.BOOLEAN;
import static no.arealbank.features.FeatureCollectionDefinition.Type.DATE;
import static no.arealbank.features.FeatureCollectionDefinition.Type.INTEGER;
import static no.arealbank.features.FeatureCollectionDefinition.Type.NUMBER;
import static no.arealbank.features.FeatureCollectionDefinition.Type.STRING;
import static no.arealbank.features.FeatureCollectionDefinition.Type.STRING_ARRAY;
import static no.arealbank.features.FeatureCollectionDefinition.Type.TIMESTAMP;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import no.arealbank.features.FeatureCollectionDefinition.Property;

/**
 * The six collections, fixed at start (pg_featureserv's catalog idea without reading the catalog per request).
 * Property names are camelCase like the application API; nested values are flattened for GIS clients
 * (QGIS and GDAL read flat attributes best).
 */
@Component
public class CollectionRegistry {

    private final Map<String, FeatureCollectionDefinition> collections = new LinkedHashMap<>();

    CollectionRegistry() {
        add(new FeatureCollectionDefinition("plots", "Plots (tomter)",
                "Plots the municipalities offer for homes, leisure homes and businesses, with price, fees, "
                        + "infrastructure and whether permanent residence is allowed. Published plots only.",
                "plot p JOIN municipality m ON m.number = p.municipality_number", "p.id", true, "p.geom",
                "p.updated_at", "p.published AND p.archived_at IS NULL", List.of(
                        new Property("municipalityNumber", STRING, "p.municipality_number::text", "Kommunenummer"),
                        new Property("municipalityName", STRING, "m.name", "Kommune"),
                        new Property("name", STRING, "p.name", "Name"),
                        new Property("matrikkelId", STRING,
                                "CASE WHEN p.gnr IS NULL THEN NULL ELSE concat_ws('/', p.gnr, p.bnr, p.fnr, p.snr) END",
                                "Matrikkel (gnr/bnr)"),
                        new Property("purpose", STRING, "p.purpose", "Purpose: housing, leisure, business, combined"),
                        new Property("allowedUses", STRING_ARRAY, "p.allowed_uses", "Allowed uses"),
                        new Property("permanentResidenceAllowed", BOOLEAN, "('bustad' = ANY (p.allowed_uses))",
                                "Permanent residence allowed"),
                        new Property("landUseCode", INTEGER, "p.land_use_code", "Arealformål (SOSI code)"),
                        new Property("availability", STRING, "p.availability",
                                "Availability: available, reserved, sold, planned"),
                        new Property("tenure", STRING, "p.tenure", "Tenure: sale or leasehold"),
                        new Property("areaM2", NUMBER, "round(p.area_m2::numeric, 1)", "Area in m² (EPSG:25832)"),
                        new Property("priceTotal", NUMBER, "p.price_total", "Total price, NOK"),
                        new Property("pricePerM2", NUMBER, "p.price_per_m2", "Price per m², NOK"),
                        new Property("effectivePrice", NUMBER,
                                "coalesce(p.price_total, round(p.price_per_m2 * p.area_m2::numeric))",
                                "Total price or price per m² × area, NOK"),
                        new Property("groundRentYearly", NUMBER, "p.ground_rent_yearly", "Yearly ground rent (feste), NOK"),
                        new Property("feeSurvey", NUMBER, "p.fee_survey", "Oppmålingsgebyr, NOK"),
                        new Property("feeWater", NUMBER, "p.fee_water", "Connection fee water, NOK"),
                        new Property("feeSewer", NUMBER, "p.fee_sewer", "Connection fee sewer, NOK"),
                        new Property("allocation", STRING, "p.allocation", "Allocation: first_come, lottery, waiting_list"),
                        new Property("applicationDeadline", DATE, "p.application_deadline", "Application deadline"),
                        new Property("buildingDeadlineYears", INTEGER, "p.building_deadline_years", "Byggjefrist, years"),
                        new Property("residenceObligationYears", INTEGER, "p.residence_obligation_years", "Buplikt, years"),
                        new Property("road", STRING, "p.infra_road", "Road: yes, no, planned"),
                        new Property("water", STRING, "p.infra_water", "Water: yes, no, planned"),
                        new Property("sewer", STRING, "p.infra_sewer", "Sewer: yes, no, planned"),
                        new Property("power", STRING, "p.infra_power", "Power: yes, no, planned"),
                        new Property("fibre", STRING, "p.infra_fibre", "Fibre: yes, no, planned"),
                        new Property("buildReady", BOOLEAN,
                                "(p.infra_road = 'yes' AND p.infra_water = 'yes' AND p.infra_sewer = 'yes' AND p.infra_power = 'yes')",
                                "Byggeklar: road, water, sewer and power in place"),
                        new Property("planId", STRING, "p.plan_id", "Plan id"),
                        new Property("contactEmail", STRING, "p.contact_email", "Contact e-mail"),
                        new Property("contactPhone", STRING, "p.contact_phone", "Contact phone"),
                        new Property("descriptionNn", STRING, "p.description->>'nn'", "Description (nynorsk)"),
                        new Property("updatedAt", TIMESTAMP, "p.updated_at", "Last change"))));
        add(new FeatureCollectionDefinition("zones", "Land-use zones (arealformålsområde)",
                "Zones of the registered plans with their SOSI arealformål and, for combined purposes, the uses allowed.",
                "zone z JOIN land_use_code c ON c.code = z.land_use_code JOIN plan pl ON pl.plan_id = z.plan_id",
                "z.id", true, "z.geom", "z.updated_at", "true", List.of(
                        new Property("planId", STRING, "z.plan_id", "Plan id"),
                        new Property("municipalityNumber", STRING, "pl.municipality_number::text", "Kommunenummer"),
                        new Property("name", STRING, "z.name", "Name"),
                        new Property("landUseCode", INTEGER, "z.land_use_code", "Arealformål (SOSI code)"),
                        new Property("landUseName", STRING, "c.name_nb", "Arealformål"),
                        new Property("landUseStatus", INTEGER, "z.land_use_status", "1 existing, 2 future"),
                        new Property("allowedUses", STRING_ARRAY, "z.allowed_uses", "Allowed uses"),
                        new Property("permanentResidenceAllowed", BOOLEAN, "('bustad' = ANY (z.allowed_uses))",
                                "Permanent residence allowed"),
                        new Property("areaM2", NUMBER, "round(ST_Area(z.geom)::numeric, 1)", "Area in m²"),
                        new Property("updatedAt", TIMESTAMP, "z.updated_at", "Last change"))));
        add(new FeatureCollectionDefinition("hazards", "Hazard zones (hensynssoner)",
                "Flood, landslide and other hazard zones; plots overlapping one show it.",
                "hazard_zone h JOIN consideration_zone_code c ON c.code = h.code", "h.id", true, "h.geom",
                "h.updated_at", "true", List.of(
                        new Property("code", INTEGER, "h.code", "Hensynssone code (SOSI)"),
                        new Property("kind", STRING, "c.kind", "Kind"),
                        new Property("label", STRING, "c.name_nb", "Hensynssone"),
                        new Property("name", STRING, "h.name", "Zone name, e.g. H320_1"),
                        new Property("municipalityNumber", STRING, "h.municipality_number::text", "Kommunenummer"),
                        new Property("planId", STRING, "h.plan_id", "Plan id"),
                        new Property("descriptionNn", STRING, "h.description->>'nn'", "Description (nynorsk)"),
                        new Property("updatedAt", TIMESTAMP, "h.updated_at", "Last change"))));
        add(new FeatureCollectionDefinition("municipalities", "Municipalities (kommunar)",
                "Municipality boundaries (Kommunegrenser © Kartverket, CC BY 4.0) with 2024 numbers.",
                "municipality m", "m.number::text", false, "m.boundary", "m.boundary_loaded_at",
                "m.boundary IS NOT NULL", List.of(
                        new Property("municipalityNumber", STRING, "m.number::text", "Kommunenummer"),
                        new Property("name", STRING, "m.name", "Name"),
                        new Property("county", STRING, "m.county_name", "County"),
                        new Property("region", STRING, "m.region", "Region"),
                        new Property("adminCentre", STRING, "m.admin_centre", "Administrative centre"),
                        new Property("boundarySource", STRING, "m.boundary_source", "Boundary source"))));
        add(new FeatureCollectionDefinition("business-hubs", "Business hubs (næringshagar)",
                "Næringshagar and business parks; plots show the distance to the nearest.",
                "business_hub b", "b.id", true, "b.geom", null, "true", List.of(
                        new Property("name", STRING, "b.name", "Name"),
                        new Property("municipalityNumber", STRING, "b.municipality_number::text", "Kommunenummer"),
                        new Property("website", STRING, "b.website", "Website"),
                        new Property("descriptionNn", STRING, "b.description->>'nn'", "Description (nynorsk)"))));
        add(new FeatureCollectionDefinition("plans", "Plans (arealplanar)",
                "Zoning plans with type, status and decision date.",
                "plan pl JOIN plan_type t ON t.code = pl.plan_type JOIN plan_status s ON s.code = pl.plan_status",
                "pl.plan_id", false, "pl.geom", "pl.updated_at", "true", List.of(
                        new Property("planId", STRING, "pl.plan_id", "Plan id (kommunenummer-localid)"),
                        new Property("municipalityNumber", STRING, "pl.municipality_number::text", "Kommunenummer"),
                        new Property("name", STRING, "pl.name", "Name"),
                        new Property("planType", INTEGER, "pl.plan_type", "Plantype (code)"),
                        new Property("planTypeName", STRING, "t.name_nb", "Plantype"),
                        new Property("planStatus", INTEGER, "pl.plan_status", "Planstatus (code)"),
                        new Property("planStatusName", STRING, "s.name_nb", "Planstatus"),
                        new Property("decisionDate", DATE, "pl.decision_date", "Decision date"),
                        new Property("documentUrl", STRING, "pl.document_url", "Plan documents"),
                        new Property("updatedAt", TIMESTAMP, "pl.updated_at", "Last change"))));
    }

    private void add(FeatureCollectionDefinition c) {
        collections.put(c.id(), c);
    }

    List<FeatureCollectionDefinition> all() {
        return List.copyOf(collections.values());
    }

    Optional<FeatureCollectionDefinition> find(String id) {
        return Optional.ofNullable(collections.get(id));
    }

    /** The collection ids, for other modules (e.g. tiles) that serve the same layers. */
    public List<String> ids() {
        return List.copyOf(collections.keySet());
    }
}
