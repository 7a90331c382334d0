package no.arealbank.enquiries;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The retention limit on enquiries: once when the application is ready and then every
 * {@code arealbank.enquiries.retention-interval}, enquiries received more than {@code arealbank.enquiries.retention}
 * ago are deleted (batch by batch, each batch its own transaction). Several instances may run it at once: rows a
 * concurrent run holds are skipped, and a delete is idempotent.
 */
@Component
class EnquiryRetention {

    private static final Logger log = LoggerFactory.getLogger(EnquiryRetention.class);

    private final EnquiryPrivacy privacy;
    private final EnquirySettings settings;

    EnquiryRetention(EnquiryPrivacy privacy, EnquirySettings settings) {
        this.privacy = privacy;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        purge();
    }

    @Scheduled(fixedDelayString = "${arealbank.enquiries.retention-interval:PT6H}",
            initialDelayString = "${arealbank.enquiries.retention-interval:PT6H}")
    void scheduled() {
        purge();
    }

    /** Deletes every enquiry older than the retention period; returns how many. */
    int purge() {
        Instant cutoff = Instant.now().minus(settings.retention());
        int total = 0;
        int batch;
        do {
            batch = privacy.purgeBatch(cutoff, settings.retention());
            total += batch;
        } while (batch == EnquiryPrivacy.batchSize());
        if (total > 0) {
            log.info("enquiry retention={} deleted={}", settings.retention(), total);
        }
        return total;
    }
}
