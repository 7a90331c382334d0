package no.arealbank.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SupportedCrsTest {

    @ParameterizedTest
    @CsvSource({
            "EPSG:25832, EPSG_25832", "epsg:25833, EPSG_25833", "http://www.opengis.net/def/crs/EPSG/0/3857, EPSG_3857",
            "<http://www.opengis.net/def/crs/EPSG/0/4326>, EPSG_4326", "urn:ogc:def:crs:EPSG::25832, EPSG_25832",
            "CRS84, CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84, CRS84", "25832, EPSG_25832"})
    void parsesTheSpellingsClientsUse(String value, SupportedCrs expected) {
        assertThat(SupportedCrs.parse(value)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSG:9999", "EPSG:", "WGS84", "http://example.com/crs/25832", ""})
    void rejectsWhatItDoesNotServe(String value) {
        assertThat(SupportedCrs.parse(value)).isEmpty();
    }
}
