package no.arealbank.shared;

import org.springframework.context.SmartLifecycle;

/**
 * Work that must be done at start before the service answers any request: loading code lists and boundaries, the
 * first admin, the sample region. Steps run in order of {@link #getPhase()}, all below the web server's phase, so
 * the first answer the server gives already sees the loaded data. A step that throws stops the start.
 */
public abstract class StartupStep implements SmartLifecycle {

    /** Phases of the steps, in the order they run. */
    public static final int REFERENCE_DATA = -300;
    public static final int ADMIN_USER = -200;
    public static final int SAMPLE_REGION = -100;

    private final int phase;
    private volatile boolean done;

    protected StartupStep(int phase) {
        this.phase = phase;
    }

    /** Does the step's work, once per start. */
    protected abstract void run();

    @Override
    public final void start() {
        run();
        done = true;
    }

    @Override
    public final void stop() {
        done = false;
    }

    @Override
    public final boolean isRunning() {
        return done;
    }

    @Override
    public final int getPhase() {
        return phase;
    }
}
