package org.sflowmonitor.ingest;

/** Where attributed samples go (the database writer). Implementations never block the caller. */
public interface SampleSink {

    /** Hands over a sample; false when it could not be taken (queue full), so the caller counts the loss. */
    boolean offer(EntitySample sample);
}
