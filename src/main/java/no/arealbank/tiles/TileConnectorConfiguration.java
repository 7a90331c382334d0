package no.arealbank.tiles;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's per-connection write buffer at 64 KiB instead of 8 KiB, so a whole tile (30 KB on average at 500,000
 * plots, 115 KB for the busiest) leaves in one write instead of four to fifteen. Warm cached tiles at 500,000 plots:
 * about 14,000 → 18,000 req/s at concurrency 8 (bench/tiles' mix, two runs each way). Buffers are per open
 * connection, so a few hundred keep-alive clients cost a few tens of MiB at most.
 */
@Configuration(proxyBeanMethods = false)
class TileConnectorConfiguration {

    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    @Bean
    TomcatConnectorCustomizer tileWriteBuffer() {
        return connector -> connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_BYTES));
    }
}
