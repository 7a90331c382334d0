package no.arealbank.plots;

import java.util.concurrent.atomic.AtomicInteger;

import no.arealbank.Api;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds plot Features for tests: a square of {@code side} metres at a lon/lat inside a municipality. */
final class TestPlots {

    /** Kviteseid (4028), inland from the village; Seljord (4022) likewise. */
    static final double[] KVITESEID = {8.4700, 59.4150};
    static final double[] SELJORD = {8.6000, 59.4950};

    private static final AtomicInteger GNR = new AtomicInteger(900 + (int) (System.nanoTime() % 50) * 10);

    private TestPlots() {
    }

    static ObjectNode feature(String municipality, double[] at, double side) {
        ObjectNode f = Api.JSON.createObjectNode();
        f.put("type", "Feature");
        f.set("geometry", square(at[0], at[1], side));
        ObjectNode p = f.putObject("properties");
        p.put("municipalityNumber", municipality);
        p.put("name", "Testtomt " + GNR.get());
        ObjectNode m = p.putObject("matrikkel");
        m.put("gnr", GNR.incrementAndGet());
        m.put("bnr", 1);
        p.put("purpose", "housing");
        p.putArray("allowedUses").add("bustad");
        p.put("landUseCode", 1110);
        p.put("availability", "available");
        p.put("priceTotal", 250000);
        ObjectNode fees = p.putObject("fees");
        fees.put("survey", 25000);
        fees.put("water", 20000);
        ObjectNode infra = p.putObject("infrastructure");
        infra.put("road", "yes");
        infra.put("water", "yes");
        infra.put("sewer", "yes");
        infra.put("power", "yes");
        infra.put("fibre", "planned");
        p.putObject("description").put("nn", "Testtomt laga av ein integrasjonstest.");
        p.put("published", true);
        return f;
    }

    /** A closed square ring of about {@code side} metres, lon/lat. */
    static ObjectNode square(double lon, double lat, double side) {
        double dLat = side / 111_320.0;
        double dLon = side / (111_320.0 * Math.cos(Math.toRadians(lat)));
        ObjectNode g = Api.JSON.createObjectNode();
        g.put("type", "Polygon");
        ArrayNode ring = g.putArray("coordinates").addArray();
        double[][] pts = {{lon, lat}, {lon + dLon, lat}, {lon + dLon, lat + dLat}, {lon, lat + dLat}, {lon, lat}};
        for (double[] pt : pts) {
            ring.addArray().add(pt[0]).add(pt[1]);
        }
        return g;
    }
}
