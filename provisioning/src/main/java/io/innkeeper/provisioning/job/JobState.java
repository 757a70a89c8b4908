package io.innkeeper.provisioning.job;

/** A job's place in its life: queued (maybe waiting for a retry), running under a lease, or finished. */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
