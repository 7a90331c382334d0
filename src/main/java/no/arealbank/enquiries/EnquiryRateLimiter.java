package no.arealbank.enquiries;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A sliding-window count of new enquiries per client address, in memory: a client that sent {@code rateLimit}
 * enquiries within {@code rateWindow} waits until the oldest leaves the window. Addresses that have been quiet for a
 * window are forgotten, and at most {@code rateTrackedClients} are tracked, so memory stays bounded. Behind a load
 * balancer each instance counts for itself (the limit is per instance), which is enough against a flood from one
 * address; the client address is what Spring's forward-headers strategy makes of the request.
 */
@Component
class EnquiryRateLimiter {

    private final int limit;
    private final long windowNanos;
    private final Cache<String, Deque<Long>> clients;

    EnquiryRateLimiter(EnquirySettings settings) {
        this.limit = settings.rateLimit();
        this.windowNanos = settings.rateWindow().toNanos();
        this.clients = Caffeine.newBuilder().expireAfterAccess(settings.rateWindow())
                .maximumSize(settings.rateTrackedClients()).build();
    }

    /** Counts one enquiry for the client, or says how long it must wait (and counts nothing). */
    Optional<Duration> tryAcquire(String client) {
        long now = System.nanoTime();
        Deque<Long> sent = clients.get(client, k -> new ArrayDeque<>());
        synchronized (sent) {
            while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) {
                sent.pollFirst();
            }
            if (sent.size() >= limit) {
                return Optional.of(Duration.ofNanos(windowNanos - (now - sent.peekFirst())));
            }
            sent.addLast(now);
            return Optional.empty();
        }
    }

    /** Takes back the last count of a client whose enquiry was not stored after all. */
    void release(String client) {
        Deque<Long> sent = clients.getIfPresent(client);
        if (sent != null) {
            synchronized (sent) {
                sent.pollLast();
            }
        }
    }
}
