package no.arealbank.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class CrsTransformerTest {

    private final GeometryFactory wgs84 = new GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4326);

    @Test
    void transformsKviteseidToUtm32AndBackWithinMillimetres() {
        Geometry point = wgs84.createPoint(new Coordinate(8.4927, 59.4022));
        Geometry utm = CrsTransformer.transform(point, 4326, 25832);
        assertThat(utm.getSRID()).isEqualTo(25832);
        // reference values from PROJ: echo "8.4927 59.4022" | gdaltransform -s_srs EPSG:4326 (lon/lat) -t_srs EPSG:25832
        assertThat(utm.getCoordinate().x).isCloseTo(471_195.242, within(0.01));
        assertThat(utm.getCoordinate().y).isCloseTo(6_584_948.378, within(0.01));
        Geometry back = CrsTransformer.transform(utm, 25832, 4326);
        assertThat(back.getCoordinate().x).isCloseTo(8.4927, within(1e-8));
        assertThat(back.getCoordinate().y).isCloseTo(59.4022, within(1e-8));
        assertThat(point.getCoordinate().x).as("input untouched").isEqualTo(8.4927);
    }
}
