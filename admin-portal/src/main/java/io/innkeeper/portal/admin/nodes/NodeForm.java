package io.innkeeper.portal.admin.nodes;

import java.util.UUID;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.provisioning.node.Nodes;

/** What the add-node form sends, as typed; {@link #parse} checks it field by field. */
public record NodeForm(String name, String region, String guestType, String libvirtUri, String vcpus,
        String memoryMib, String diskGib) {

    public static NodeForm empty() {
        return new NodeForm("", "", "kvm", "", "", "", "");
    }

    /** The command the form asks for, or {@link io.innkeeper.kernel.InvalidInput} naming each bad field. */
    public Nodes.RegisterNode parse() {
        FieldErrors errors = new FieldErrors();
        String n = strip(name);
        if (!n.matches("[a-z0-9][a-z0-9.-]{0,62}")) {
            errors.add("name", "Give the node a name of lowercase letters, digits, dots and dashes (at most 63).");
        }
        if (strip(region).isEmpty()) {
            errors.add("region", "Choose the node's region.");
        }
        if (strip(guestType).isEmpty()) {
            errors.add("guestType", "Choose the node's guest type.");
        }
        if (strip(libvirtUri).isEmpty()) {
            errors.add("libvirtUri", "Give the node's libvirt URI, for example qemu+ssh://root@host/system.");
        }
        long cpu = positive(vcpus, "vcpus", "vCPUs", 100_000, errors);
        long memory = positive(memoryMib, "memoryMib", "Memory (MiB)", 1L << 40, errors);
        long disk = positive(diskGib, "diskGib", "Disk (GiB)", 1L << 30, errors);
        errors.throwIfAny();
        return new Nodes.RegisterNode(n, uuid(region), strip(guestType), strip(libvirtUri), (int) cpu, memory, disk);
    }

    static long positive(String raw, String field, String label, long max, FieldErrors errors) {
        try {
            long value = Long.parseLong(strip(raw));
            if (value > 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, label + " must be a whole number from 1 to " + max + ".");
        return 0;
    }

    /** The region's id, or null when the form sent something that cannot be one (the use case refuses it). */
    static UUID uuid(String raw) {
        try {
            return UUID.fromString(strip(raw));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
