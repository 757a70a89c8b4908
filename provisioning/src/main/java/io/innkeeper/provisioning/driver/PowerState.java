package io.innkeeper.provisioning.driver;

/** A guest's power state as the hypervisor reports it. */
public enum PowerState {
    RUNNING,
    PAUSED,
    SHUT_OFF,
    CRASHED,
    OTHER
}
