package io.innkeeper.provisioning.node;

/** Whether a node takes new guests: maintenance stops placements, offline means it does not answer. */
public enum NodeState {
    ACTIVE,
    MAINTENANCE,
    OFFLINE
}
