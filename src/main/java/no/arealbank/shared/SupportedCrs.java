package no.arealbank.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The coordinate reference systems the service accepts and serves. Storage is always EPSG:25832.
 * {@link #CRS84} and {@link #EPSG_4326} share an SRID but differ in axis order where a standard
 * (OGC API Features Part 2) asks for it; GeoJSON in the application API is always lon/lat.
 */
public enum SupportedCrs {
    CRS84(4326, "http://www.opengis.net/def/crs/OGC/1.3/CRS84", 6),
    EPSG_4326(4326, "http://www.opengis.net/def/crs/EPSG/0/4326", 6),
    EPSG_25832(25832, "http://www.opengis.net/def/crs/EPSG/0/25832", 2),
    EPSG_25833(25833, "http://www.opengis.net/def/crs/EPSG/0/25833", 2),
    EPSG_3857(3857, "http://www.opengis.net/def/crs/EPSG/0/3857", 2);

    /** The SRID of every geometry column. */
    public static final int STORAGE_SRID = 25832;

    private final int srid;
    private final String uri;
    private final int decimals;

    SupportedCrs(int srid, String uri, int decimals) {
        this.srid = srid;
        this.uri = uri;
        this.decimals = decimals;
    }

    public int srid() {
        return srid;
    }

    public String uri() {
        return uri;
    }

    /** Decimal places that keep about a centimetre: 6 for degrees, 2 for metres. */
    public int decimals() {
        return decimals;
    }

    public boolean isGeographic() {
        return srid == 4326;
    }

    public static List<String> uris() {
        return Arrays.stream(values()).map(SupportedCrs::uri).toList();
    }

    /**
     * Parses the spellings clients use: the OGC URI, {@code EPSG:25832}, {@code urn:ogc:def:crs:EPSG::25832},
     * {@code CRS84}, or a bare SRID. A URI in angle brackets (as in the {@code Content-Crs} header) is accepted.
     */
    public static Optional<SupportedCrs> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1).trim();
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (upper.equals("CRS84") || upper.endsWith("/OGC/1.3/CRS84") || upper.equals("URN:OGC:DEF:CRS:OGC:1.3:CRS84")
                || upper.equals("OGC:CRS84")) {
            return Optional.of(CRS84);
        }
        String code = null;
        if (upper.startsWith("EPSG:")) {
            code = upper.substring(5);
        } else if (upper.startsWith("HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/")) {
            code = upper.substring("HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/".length());
        } else if (upper.startsWith("URN:OGC:DEF:CRS:EPSG::")) {
            code = upper.substring("URN:OGC:DEF:CRS:EPSG::".length());
        } else if (upper.matches("[0-9]{4,5}")) {
            code = upper;
        }
        if (code == null) {
            return Optional.empty();
        }
        return switch (code) {
            case "4326" -> Optional.of(EPSG_4326);
            case "25832" -> Optional.of(EPSG_25832);
            case "25833" -> Optional.of(EPSG_25833);
            case "3857" -> Optional.of(EPSG_3857);
            default -> Optional.empty();
        };
    }
}
