package no.arealbank.stats;

import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.arealbank.shared.BadParameterException;

/** {@code GET /api/stats/region}: the figures of the region chart (public: published plots only). */
@RestController
class StatsController {

    private final RegionStatistics statistics;

    StatsController(RegionStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping(path = "/api/stats/region", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RegionStatistics.Region> region(@RequestParam Map<String, String> params) {
        params.keySet().stream().findFirst().ifPresent(p -> {
            throw new BadParameterException("?" + p, "unknown parameter; this endpoint takes none");
        });
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(statistics.compute());
    }
}
