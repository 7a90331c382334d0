package no.arealbank.tiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import no.arealbank.tiles.TileLayer.Attribute;

/** The six tiled layers, the same as the OGC collections, with what the map page styles and filters by. */
@Component
class TileLayers {

    private static final String TEXT = "string";
    private static final String INT = "integer";
    private static final String NUMBER = "number";
    private static final String BOOL = "boolean";

    private final Map<String, TileLayer> layers = new LinkedHashMap<>();

    TileLayers() {
        // Plots carry what the map styles and filters by, nothing more: every value costs the busiest tiles time in
        // ST_AsMVT (bench/tiles). The whole record of a plot is at /ogc/collections/plots/items and /api/plots/{id}.
        add(new TileLayer("plots", "Plots (tomter)", "Published plots: purpose, availability, allowed-use flags, area, "
                + "price, name and id; the whole record is at /ogc/collections/plots/items/{id}.",
                8, 20, "plot p", "p.geom_3857", "p.published AND p.archived_at IS NULL", "p.id", false,
                "p.tile_clearance_3857", "p.purpose", "p.availability", List.of(
                        new Attribute("id", INT, "p.id", "Plot id (as in /api/plots/{id})"),
                        new Attribute("name", TEXT, "p.name", "Name"),
                        new Attribute("purpose", TEXT, "p.purpose", "housing, leisure, business, combined"),
                        new Attribute("availability", TEXT, "p.availability", "available, reserved, sold, planned"),
                        new Attribute("permanentResidenceAllowed", BOOL, "('bustad' = ANY (p.allowed_uses))",
                                "Permanent residence allowed"),
                        new Attribute("leisureAllowed", BOOL, "('fritidsbustad' = ANY (p.allowed_uses))",
                                "Leisure homes allowed"),
                        new Attribute("businessAllowed", BOOL,
                                "(p.allowed_uses && ARRAY['naering','kontor','industri','lager','forretning'])",
                                "Some business use allowed"),
                        new Attribute("areaM2", INT, "round(p.area_m2)::int", "Area in m² (EPSG:25832)"),
                        new Attribute("effectivePrice", NUMBER,
                                "coalesce(p.price_total, round(p.price_per_m2 * p.area_m2::numeric))::float8",
                                "Total price, or price per m² × area, NOK"))));
        add(new TileLayer("zones", "Land-use zones", "Zones of registered plans by arealformål.", 10, 20,
                "zone z", "z.geom_3857", "true", "z.id", true, null, "CASE WHEN 'bustad' = ANY (z.allowed_uses) AND "
                        + "'fritidsbustad' = ANY (z.allowed_uses) THEN 'combined' WHEN 'bustad' = ANY (z.allowed_uses) "
                        + "THEN 'housing' WHEN 'fritidsbustad' = ANY (z.allowed_uses) THEN 'leisure' "
                        + "WHEN cardinality(z.allowed_uses) > 0 THEN 'business' END",
                "NULL", List.of(
                        new Attribute("id", INT, "z.id", "Zone id"),
                        new Attribute("name", TEXT, "z.name", "Name"),
                        new Attribute("planId", TEXT, "z.plan_id", "Plan id"),
                        new Attribute("landUseCode", INT, "z.land_use_code", "Arealformål (SOSI)"),
                        new Attribute("allowedUses", TEXT, "array_to_string(z.allowed_uses, ',')", "Allowed uses"),
                        new Attribute("permanentResidenceAllowed", BOOL, "('bustad' = ANY (z.allowed_uses))",
                                "Permanent residence allowed"))));
        add(new TileLayer("hazards", "Hazard zones", "Hensynssoner for flood, landslide and other hazards.", 10, 20,
                "hazard_zone h", "h.geom_3857", "true", "h.id", true, null, "NULL", "NULL", List.of(
                        new Attribute("id", INT, "h.id", "Hazard zone id"),
                        new Attribute("code", INT, "h.code", "Hensynssone code (SOSI), e.g. 320 flood, 310 landslide"),
                        new Attribute("name", TEXT, "h.name", "Zone name"))));
        add(new TileLayer("municipalities", "Municipalities", "Municipality boundaries (Kartverket, CC BY 4.0).", 4, 20,
                "municipality m", "m.boundary_3857", "m.boundary IS NOT NULL", "m.number::int", true, null, "NULL", "NULL", List.of(
                        new Attribute("number", TEXT, "m.number::text", "Kommunenummer"),
                        new Attribute("name", TEXT, "m.name", "Name"))));
        add(new TileLayer("business-hubs", "Business hubs", "Næringshagar and business parks.", 5, 20,
                "business_hub b", "b.geom_3857", "true", "b.id", false, null, "NULL", "NULL", List.of(
                        new Attribute("id", INT, "b.id", "Hub id"),
                        new Attribute("name", TEXT, "b.name", "Name"),
                        new Attribute("municipalityNumber", TEXT, "b.municipality_number::text", "Kommunenummer"))));
        add(new TileLayer("plans", "Plans", "Outlines of zoning plans.", 8, 20,
                "plan pl", "pl.geom_3857", "pl.geom IS NOT NULL", null, true, null, "NULL", "NULL", List.of(
                        new Attribute("planId", TEXT, "pl.plan_id", "Plan id"),
                        new Attribute("name", TEXT, "pl.name", "Name"),
                        new Attribute("planType", INT, "pl.plan_type", "Plantype (code)"),
                        new Attribute("planStatus", INT, "pl.plan_status", "Planstatus (code)"))));
    }

    private void add(TileLayer layer) {
        layers.put(layer.id(), layer);
    }

    List<TileLayer> all() {
        return List.copyOf(layers.values());
    }

    Optional<TileLayer> find(String id) {
        return Optional.ofNullable(layers.get(id));
    }
}
