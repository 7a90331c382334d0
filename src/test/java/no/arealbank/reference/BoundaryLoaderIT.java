package no.arealbank.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import no.arealbank.SampleRegionTest;

/**
 * The online boundary source, against a local HTTP server that answers like Kartverket's kommuneinfo API
 * ({@code {"omrade": {...geometry with crs EPSG:4258...}}}), and the offline case. Rolled back after each test.
 */
@Transactional
class BoundaryLoaderIT extends SampleRegionTest {

    @Autowired
    TransactionTemplate tx;

    @Test
    void fetchesOnlyMissingBoundariesFromTheApiAndCachesThemInTheDatabase() throws Exception {
        jdbc.sql("UPDATE municipality SET boundary = NULL, boundary_source = NULL WHERE number = '4028'").update();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/kommuneinfo/v1/kommuner/", exchange -> {
            requests.incrementAndGet();
            String body = exchange.getRequestURI().getPath().contains("/4028/") ? """
                    {"kommunenummer": "4028", "omrade": {"type": "MultiPolygon", "crs": {"type": "name",
                     "properties": {"name": "EPSG:4258"}}, "coordinates": [[[[8.3, 59.3], [8.7, 59.3], [8.7, 59.5],
                     [8.3, 59.5], [8.3, 59.3]]]]}}""" : "{}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/kommuneinfo/v1/kommuner/{number}/omrade";
            new BoundaryLoader(jdbc, new BoundaryProperties(null, url, Duration.ofSeconds(2)), tx).load();
        } finally {
            server.stop(0);
        }
        assertThat(requests.get()).as("only the municipality without a boundary is fetched").isEqualTo(1);
        assertThat(jdbc.sql("SELECT boundary_source FROM municipality WHERE number = '4028'").query(String.class).single())
                .isEqualTo("kartverket-api");
        double km2 = jdbc.sql("SELECT ST_Area(boundary) / 1e6 FROM municipality WHERE number = '4028'")
                .query(Double.class).single();
        assertThat(km2).isBetween(500.0, 520.0); // 0.4° × 0.2° at 59.4° N
    }

    @Test
    void startsWithoutBoundariesWhenNoSourceAnswers() throws Exception {
        jdbc.sql("UPDATE municipality SET boundary = NULL, boundary_source = NULL WHERE number = '4036'").update();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        new BoundaryLoader(jdbc, new BoundaryProperties(null, "http://127.0.0.1:" + closedPort + "/{number}",
                Duration.ofSeconds(1)), tx).load();
        new BoundaryLoader(jdbc, new BoundaryProperties("/nonexistent/kommuner.geojson", "", Duration.ofSeconds(1)), tx)
                .load();
        assertThat(jdbc.sql("SELECT boundary IS NULL FROM municipality WHERE number = '4036'").query(Boolean.class)
                .single()).isTrue();
    }
}
