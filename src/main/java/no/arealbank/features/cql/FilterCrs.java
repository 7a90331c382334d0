package no.arealbank.features.cql;

import java.util.List;
import java.util.Optional;

import no.arealbank.shared.SupportedCrs;

/**
 * The CRS of the coordinates in a filter's spatial literals (the {@code filter-crs} parameter of OGC API Features
 * Part 3): its SRID and whether its first axis is latitude. EPSG:4326 is latitude first as the EPSG register
 * defines it; CRS84, the default, is longitude first.
 */
public record FilterCrs(int srid, boolean latitudeFirst) {

    public static final FilterCrs CRS84 = new FilterCrs(4326, false);
    public static final FilterCrs EPSG_4326 = new FilterCrs(4326, true);
    public static final FilterCrs EPSG_25832 = new FilterCrs(25832, false);
    public static final FilterCrs EPSG_25833 = new FilterCrs(25833, false);
    public static final FilterCrs EPSG_3857 = new FilterCrs(3857, false);

    /** CRS84, as CQL2 and OGC API Features assume without a {@code filter-crs}. */
    public static final FilterCrs DEFAULT = CRS84;

    private static final List<FilterCrs> ALL = List.of(CRS84, EPSG_4326, EPSG_25832, EPSG_25833, EPSG_3857);

    public FilterCrs {
        if (srid != 4326 && srid != 25832 && srid != 25833 && srid != 3857) {
            throw new IllegalArgumentException("unsupported filter CRS: EPSG:" + srid);
        }
        if (latitudeFirst && srid != 4326) {
            throw new IllegalArgumentException("only EPSG:4326 is latitude first");
        }
    }

    /** The filter CRS for one of the service's CRSs. */
    public static FilterCrs of(SupportedCrs crs) {
        return new FilterCrs(crs.srid(), crs == SupportedCrs.EPSG_4326);
    }

    /** The filter CRS named by an OGC CRS URI, e.g. {@code http://www.opengis.net/def/crs/EPSG/0/25833}. */
    public static Optional<FilterCrs> fromUri(String uri) {
        return ALL.stream().filter(c -> c.uri().equals(uri)).findFirst();
    }

    public boolean isGeographic() {
        return srid == 4326;
    }

    public String uri() {
        return equals(CRS84) ? "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
                : "http://www.opengis.net/def/crs/EPSG/0/" + srid;
    }

    /** A short name for messages: "CRS84", "EPSG:4326". */
    public String label() {
        return equals(CRS84) ? "CRS84" : "EPSG:" + srid;
    }
}
