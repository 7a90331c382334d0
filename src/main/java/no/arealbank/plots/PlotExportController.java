package no.arealbank.plots;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.arealbank.security.CurrentActor;

/**
 * Downloads of the plots a list filter matches ({@code GET /api/plots} parameters, without paging): GeoJSON (CRS84),
 * GeoPackage and CSV (EPSG:25832). Same visibility as the list: drafts only for planners of their municipality.
 */
@RestController
@RequestMapping("/api/plots")
class PlotExportController {

    /** OGC's registered media type for GeoPackage. */
    static final MediaType GEOPACKAGE = MediaType.parseMediaType("application/geopackage+sqlite3");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8;header=present");
    /** The file date is the Norwegian calendar day. */
    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

    private final PlotExports exports;
    private final PlotFilterParser filters;
    private final CurrentActor currentActor;
    private final PlotExportSettings settings;

    PlotExportController(PlotExports exports, PlotFilterParser filters, CurrentActor currentActor,
            PlotExportSettings settings) {
        this.exports = exports;
        this.filters = filters;
        this.currentActor = currentActor;
        this.settings = settings;
    }

    @GetMapping("/export.geojson")
    void geoJson(@RequestParam Map<String, String> params, HttpServletResponse response) {
        exports.geoJson(filters.export(params, settings.maxRows()), currentActor.current(),
                download(response, PlotController.GEO_JSON, "geojson"));
    }

    @GetMapping("/export.gpkg")
    void geoPackage(@RequestParam Map<String, String> params, HttpServletResponse response) {
        exports.geoPackage(filters.export(params, settings.maxRows()), currentActor.current(),
                download(response, GEOPACKAGE, "gpkg"));
    }

    @GetMapping("/export.csv")
    void csv(@RequestParam Map<String, String> params, HttpServletResponse response) {
        exports.csv(filters.export(params, settings.maxRows()), currentActor.current(),
                download(response, CSV, "csv"));
    }

    /**
     * A failure after the body started cannot become a problem document (it would be appended to the file). Rethrown,
     * it reaches the servlet container, which closes the connection so the client sees an incomplete download.
     */
    @ExceptionHandler(PlotExports.ExportInterruptedException.class)
    void interrupted(PlotExports.ExportInterruptedException e) {
        throw e;
    }

    private static PlotExports.Download download(HttpServletResponse response, MediaType type, String extension) {
        return contentLength -> {
            response.setContentType(type.toString());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("arealbank-plots-" + LocalDate.now(NORWAY).format(DateTimeFormatter.BASIC_ISO_DATE)
                            + "." + extension)
                    .build().toString());
            if (contentLength >= 0) {
                response.setContentLengthLong(contentLength);
            }
            return response.getOutputStream();
        };
    }
}
