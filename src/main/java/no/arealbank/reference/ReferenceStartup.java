package no.arealbank.reference;

import org.springframework.stereotype.Component;

import no.arealbank.shared.StartupStep;

/** At start: code lists and municipalities, then boundaries, then the in-memory lookups. */
@Component
class ReferenceStartup extends StartupStep {

    private final CodeListLoader codeLists;
    private final BoundaryLoader boundaries;
    private final ReferenceData data;

    ReferenceStartup(CodeListLoader codeLists, BoundaryLoader boundaries, ReferenceData data) {
        super(REFERENCE_DATA);
        this.codeLists = codeLists;
        this.boundaries = boundaries;
        this.data = data;
    }

    @Override
    protected void run() {
        codeLists.load();
        boundaries.load();
        data.refresh();
    }
}
