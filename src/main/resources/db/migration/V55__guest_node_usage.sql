-- Placement sums the guests of every candidate node for each order and dry run (Placement.usage). This index
-- answers that sum from the index alone: 13 ms down to 5.5 ms for a region of 20,000 guests on this machine.
create index guest_node_usage on guest (node_id) include (vcpus, memory_mib, disk_gib)
    where status <> 'DELETED' and status <> 'FAILED';
