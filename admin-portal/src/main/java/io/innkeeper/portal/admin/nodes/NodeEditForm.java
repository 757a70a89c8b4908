package io.innkeeper.portal.admin.nodes;

import java.math.BigDecimal;
import java.util.UUID;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.provisioning.node.NodeCapacity;
import io.innkeeper.provisioning.node.Nodes;

/** What the edit-node form sends, as typed; {@link #parse} checks each field's form, not yet what the node holds. */
public record NodeEditForm(String name, String region, String vcpus, String memoryMib, String diskGib,
        String cpuOvercommit, String memoryOvercommit, String maxGuests) {

    /** The node's stored settings, as the form shows them. */
    public static NodeEditForm of(Nodes.NodeRow node) {
        NodeCapacity c = node.capacity();
        return new NodeEditForm(node.name(), node.regionId().toString(), String.valueOf(c.vcpus()),
                String.valueOf(c.memoryMib()), String.valueOf(c.diskGib()), c.cpuOvercommit().toPlainString(),
                c.memoryOvercommit().toPlainString(), c.maxGuests() == null ? "" : c.maxGuests().toString());
    }

    /** The command the form asks for on node {@code id}, or {@link io.innkeeper.kernel.InvalidInput} naming each bad
     * field. */
    public Nodes.EditNode parse(UUID id) {
        FieldErrors errors = new FieldErrors();
        String n = NodeForm.strip(name);
        if (!n.matches("[a-z0-9][a-z0-9.-]{0,62}")) {
            errors.add("name", "Give the node a name of lowercase letters, digits, dots and dashes (at most 63).");
        }
        if (NodeForm.strip(region).isEmpty()) {
            errors.add("region", "Choose the node's region.");
        }
        long cpu = NodeForm.positive(vcpus, "vcpus", "vCPUs", 100_000, errors);
        long memory = NodeForm.positive(memoryMib, "memoryMib", "Memory (MiB)", 1L << 40, errors);
        long disk = NodeForm.positive(diskGib, "diskGib", "Disk (GiB)", 1L << 30, errors);
        BigDecimal cpuRatio = ratio(cpuOvercommit, "cpuOvercommit", "CPU overcommit", errors);
        BigDecimal memoryRatio = ratio(memoryOvercommit, "memoryOvercommit", "Memory overcommit", errors);
        Integer cap = null;
        if (!NodeForm.strip(maxGuests).isEmpty()) {
            cap = (int) NodeForm.positive(maxGuests, "maxGuests", "Max guests", 100_000, errors);
        }
        errors.throwIfAny();
        return new Nodes.EditNode(id, n, NodeForm.uuid(region), (int) cpu, memory, disk, cpuRatio, memoryRatio, cap);
    }

    /** A ratio from 1 to 99.99 with at most two decimals, as the column holds it. */
    private static BigDecimal ratio(String raw, String field, String label, FieldErrors errors) {
        try {
            BigDecimal value = new BigDecimal(NodeForm.strip(raw));
            if (value.compareTo(BigDecimal.ONE) >= 0 && value.compareTo(new BigDecimal("99.99")) <= 0
                    && value.stripTrailingZeros().scale() <= 2) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, label + " must be a ratio from 1 to 99.99, such as 1.5 (at most two decimals).");
        return BigDecimal.ONE;
    }
}
