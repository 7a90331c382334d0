package no.arealbank.tiles;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.locationtech.jts.geom.Envelope;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which plot tiles can hold a plot at all, so that an empty tile is answered without asking the database (most of
 * the map is empty). Keeps, for each zoom from the layer's minimum to {@value #INDEX_ZOOM}, the tiles whose area
 * with the tile buffer meets the envelope of some published plot; deeper tiles ask their ancestor at
 * {@value #INDEX_ZOOM} (whose buffer covers theirs). The set may say "maybe" too often, never "empty" wrongly:
 *
 * <ul>
 * <li>the application's own writes add the new geometry's tiles before the tile cache is invalidated
 * ({@link TileInvalidation});</li>
 * <li>every committed change to {@code plot}, from the application or anyone else (psql, a bulk load), sends a
 * notification (trigger of migration V10); on it the index is dropped and rebuilt a moment later. Until it is
 * rebuilt, every tile asks the database.</li>
 * </ul>
 */
@Component
class TileOccupancy implements SmartLifecycle {

    static final int INDEX_ZOOM = 14;
    static final String CHANNEL = "arealbank_plot_changed";
    private static final Logger log = LoggerFactory.getLogger(TileOccupancy.class);
    private static final long REBUILD_DELAY_MS = 1000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TileLayer layer;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tile-occupancy");
        t.setDaemon(true);
        return t;
    });

    /** Tile keys that may hold a plot; null while unknown (then every tile asks the database). */
    private volatile Set<Long> occupied;
    /** The set being rebuilt, which the application's own writes also add to. */
    private volatile Set<Long> building;
    private volatile boolean running;
    private ScheduledFuture<?> pendingRebuild;
    private Thread listener;

    TileOccupancy(JdbcClient jdbc, DataSource dataSource, TileLayers layers) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.layer = layers.find("plots").orElseThrow();
    }

    /** False only when the tile certainly holds no plot. Other layers always answer true. */
    boolean mayHoldFeatures(TileLayer l, TileAddress a) {
        Set<Long> set = occupied;
        if (set == null || !l.id().equals(layer.id()) || a.z() < layer.minZoom()) {
            return true;
        }
        int z = Math.min(a.z(), INDEX_ZOOM);
        int shift = a.z() - z;
        return set.contains(key(z, a.x() >> shift, a.y() >> shift));
    }

    /** The application wrote a plot with this geometry (EPSG:3857): its tiles may now hold it. */
    void add(Envelope envelope3857) {
        Set<Long> set = occupied;
        Set<Long> next = building;
        if (set != null) {
            addTo(set, envelope3857);
        }
        if (next != null) {
            addTo(next, envelope3857);
        }
    }

    boolean ready() {
        return occupied != null;
    }

    private void addTo(Set<Long> set, Envelope e) {
        for (int z = layer.minZoom(); z <= INDEX_ZOOM; z++) {
            double margin = TileQueries.bufferMetres(z);
            TileAddress.TileRange r = TileAddress.covering(e, z, margin);
            for (int x = r.minX(); x <= r.maxX(); x++) {
                for (int y = r.minY(); y <= r.maxY(); y++) {
                    set.add(key(z, x, y));
                }
            }
        }
    }

    private static long key(int z, int x, int y) {
        return ((long) z << 58) | ((long) x << 29) | y;
    }

    /** Reads every published plot's envelope in EPSG:3857 into a new set, then switches to it. */
    synchronized void rebuild() {
        long start = System.nanoTime();
        Set<Long> next = ConcurrentHashMap.newKeySet();
        building = next;
        try {
            jdbc.sql("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT "
                    + layer.geometry() + "::box2d AS e FROM " + layer.from() + " WHERE " + layer.visible()
                    + ") q")
                    .query(rs -> {
                        addTo(next, new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4)));
                    });
            occupied = next;
            log.info("tile occupancy: {} tile positions with plots, built in {} ms", next.size(),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            building = null;
        }
    }

    private synchronized void changedElsewhere() {
        occupied = null;
        if (!running) {
            return; // stopping: nothing to rebuild for
        }
        if (pendingRebuild != null) {
            pendingRebuild.cancel(false);
        }
        try {
            pendingRebuild = executor.schedule(this::rebuildQuietly, REBUILD_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stop() shut the executor down meanwhile; the index stays unknown, so every tile asks the database
        }
    }

    private void rebuildQuietly() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            log.warn("tile occupancy: rebuild failed, every tile asks the database until the next change", e);
        }
    }

    /**
     * Listens for the trigger's notifications on a connection of its own (not one of the pool's). The first build
     * follows the first LISTEN, so no change can fall between them.
     */
    private void listen() {
        while (running) {
            try (Connection c = openOwnConnection(); Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
                changedElsewhere(); // anything may have changed while we were not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(1000);
                    if (notes != null && notes.length > 0) {
                        changedElsewhere();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    occupied = null;
                    log.debug("tile occupancy: listening failed ({}); retrying", e.getMessage());
                    sleep(2000);
                }
            }
        }
    }

    private Connection openOwnConnection() throws SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "tile-occupancy-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        occupied = null;
        executor.shutdownNow();
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
