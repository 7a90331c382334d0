package no.arealbank.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The render limit: no more tile statements at once than {@code max-renders}, and none is lost while waiting. */
class TileServiceTest {

    /** Stands in for the database's side of a tile: counts how many statements run at once. */
    private static final class CountingQueries extends TileQueries {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        CountingQueries() {
            super(null);
        }

        @Override
        byte[] mvt(TileLayer layer, TileAddress tile) {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
                return new byte[] {(byte) tile.x()};
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void noMoreTilesRenderAtOnceThanAllowedAndTheOthersWaitTheirTurn() throws Exception {
        TileLayers layers = new TileLayers();
        CountingQueries queries = new CountingQueries();
        TilesSettings settings = new TilesSettings(0, Duration.ofSeconds(60), 2);
        TileService service = new TileService(queries, new TileCache(settings, new SimpleMeterRegistry()),
                new PngTileRenderer(), new TileOccupancy(null, null, layers), settings);
        TileLayer plots = layers.find("plots").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TileCache.Lookup>> answers = new ArrayList<>();
            for (int x = 0; x < 8; x++) {
                TileAddress address = new TileAddress(14, 8570 + x, 4818);
                answers.add(pool.submit(() -> service.tile(plots, address, TileFormat.MVT)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (queries.running.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200); // time for a third render to start, were the limit not kept
            assertThat(queries.running.get()).isEqualTo(2);
            queries.release.countDown();
            for (int x = 0; x < 8; x++) {
                assertThat(answers.get(x).get(10, TimeUnit.SECONDS).tile().body()).containsExactly((byte) (8570 + x));
            }
            assertThat(queries.most.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
