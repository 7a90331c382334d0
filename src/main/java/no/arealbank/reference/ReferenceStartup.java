package no.arealbank.reference;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At start: code lists and municipalities, then boundaries, then the in-memory lookups. */
@Component
@Order(10)
class ReferenceStartup implements ApplicationRunner {

    private final CodeListLoader codeLists;
    private final BoundaryLoader boundaries;
    private final ReferenceData data;

    ReferenceStartup(CodeListLoader codeLists, BoundaryLoader boundaries, ReferenceData data) {
        this.codeLists = codeLists;
        this.boundaries = boundaries;
        this.data = data;
    }

    @Override
    public void run(ApplicationArguments args) {
        codeLists.load();
        boundaries.load();
        data.refresh();
    }
}
