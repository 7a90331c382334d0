package no.arealbank.tiles;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import no.arealbank.plots.PlotChanged;
import no.arealbank.shared.CrsTransformer;

/**
 * After a plot change commits, drops exactly the plot tiles its old and new geometry touch (with the tile
 * buffer), at every zoom of the layer, in every format. Other tiles keep their cache entries and ETags.
 */
@Component
class TileInvalidation {

    private static final Logger log = LoggerFactory.getLogger(TileInvalidation.class);
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final TileLayers layers;
    private final TileCache cache;
    private final TileOccupancy occupancy;

    TileInvalidation(TileLayers layers, TileCache cache, TileOccupancy occupancy) {
        this.layers = layers;
        this.cache = cache;
        this.occupancy = occupancy;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void plotChanged(PlotChanged change) {
        TileLayer plots = layers.find("plots").orElseThrow();
        cache.bump(plots.id());
        Geometry newGeometry = change.newGeometry() == null || change.newGeometry().isEmpty() ? null
                : CrsTransformer.transform(change.newGeometry(), 25832, 3857);
        if (newGeometry != null) {
            occupancy.add(newGeometry.getEnvelopeInternal()); // before the cache drops its tiles
        }
        int dropped = newGeometry == null ? 0 : invalidate(plots, newGeometry);
        Geometry old = change.oldGeometry();
        if (old != null && !old.isEmpty()) {
            dropped += invalidate(plots, CrsTransformer.transform(old, 25832, 3857));
        }
        log.debug("plot {} {}: {} tile positions invalidated", change.plotId(), change.action(), dropped);
    }

    /** Invalidates the layer's tiles that {@code g} (EPSG:3857) touches; returns how many positions. */
    int invalidate(TileLayer layer, Geometry g) {
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(g);
        int count = 0;
        for (int z = layer.minZoom(); z <= layer.maxZoom(); z++) {
            double margin = TileQueries.bufferMetres(z);
            TileAddress.TileRange r = TileAddress.covering(g.getEnvelopeInternal(), z, margin);
            for (int x = r.minX(); x <= r.maxX(); x++) {
                for (int y = r.minY(); y <= r.maxY(); y++) {
                    Envelope e = new TileAddress(z, x, y).envelope();
                    e.expandBy(margin);
                    if (prepared.intersects(GEOMETRY.toGeometry(e))) {
                        cache.invalidate(layer.id(), z, x, y);
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
