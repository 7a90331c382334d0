package no.arealbank.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;

import tools.jackson.databind.JsonNode;

/** The flat property diff of {@link PlotHistory}, on hand-made snapshots. */
class PlotHistoryDiffTest {

    private static JsonNode feature(String properties) {
        return Api.JSON.readTree("{\"type\":\"Feature\",\"geometry\":null,\"properties\":" + properties + "}");
    }

    private static List<String> fields(List<PlotHistory.Change> changes) {
        return changes.stream().map(PlotHistory.Change::field).toList();
    }

    @Test
    void flattensNestedObjectsComparesArraysWholeAndSkipsBookkeeping() {
        JsonNode before = feature("""
                {"name":"A","version":1,"updatedAt":"x","fees":{"survey":1,"water":2},"allowedUses":["bustad"],
                 "description":{},"matrikkel":{"gnr":1,"bnr":2},"tenure":"sale"}""");
        JsonNode after = feature("""
                {"name":"A","version":2,"updatedAt":"y","fees":{"survey":1,"water":3},
                 "allowedUses":["bustad","fritidsbustad"],"description":{"nn":"Ny"},"matrikkel":null,"tenure":"sale"}""");
        List<PlotHistory.Change> changes = PlotHistory.diff(before, after);
        assertThat(fields(changes)).containsExactlyInAnyOrder("fees.water", "allowedUses", "description.nn",
                "matrikkel.gnr", "matrikkel.bnr");
        PlotHistory.Change water = changes.stream().filter(c -> c.field().equals("fees.water")).findFirst().orElseThrow();
        assertThat(water.before().asInt()).isEqualTo(2);
        assertThat(water.after().asInt()).isEqualTo(3);
        PlotHistory.Change gnr = changes.stream().filter(c -> c.field().equals("matrikkel.gnr")).findFirst().orElseThrow();
        assertThat(gnr.after().isNull()).isTrue();
    }

    @Test
    void aCreationListsEverySetPropertyWithBeforeNullAndNoChangeIsEmpty() {
        JsonNode created = feature("{\"name\":\"A\",\"priceTotal\":null,\"fees\":{\"survey\":5}}");
        assertThat(fields(PlotHistory.diff(null, created))).containsExactly("name", "fees.survey");
        assertThat(PlotHistory.diff(null, created).get(0).before().isNull()).isTrue();
        assertThat(PlotHistory.diff(created, created)).isEmpty();
    }
}
