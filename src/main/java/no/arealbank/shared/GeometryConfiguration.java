package no.arealbank.shared;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GeometryConfiguration {

    /** The one factory for domain geometry: storage SRID, floating precision (PostGIS rounds nothing either). */
    @Bean
    GeometryFactory geometryFactory() {
        return new GeometryFactory(new PrecisionModel(), SupportedCrs.STORAGE_SRID);
    }
}
