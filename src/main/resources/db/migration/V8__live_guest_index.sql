-- Placement sums the live guests of a node on every order; the index must match its "live" predicate.
drop index guest_node;
create index guest_node_live on guest (node_id) where status not in ('DELETED', 'FAILED');
