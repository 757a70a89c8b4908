package io.innkeeper.portal.admin.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.provisioning.template.OsTemplates;

/** The OS template form as typed. */
public record TemplateForm(String code, String name, String guestTypes, String image, boolean onSale) {

    public static TemplateForm empty() {
        return new TemplateForm("", "", "kvm", "", true);
    }

    public static TemplateForm of(OsTemplates.TemplateRow t) {
        return new TemplateForm(t.code(), t.name(), t.guestTypes(), t.image(), t.onSale());
    }

    /** The command to save template {@code id} (null for a new one), or an error naming each bad field. */
    public OsTemplates.SaveTemplate parse(UUID id, Set<String> knownGuestTypes) {
        FieldErrors e = new FieldErrors();
        String c = PlanForm.strip(code);
        io.innkeeper.kernel.Codes.problem("template", c).ifPresent(p -> e.add("code", p));
        String n = PlanForm.strip(name);
        if (n.isEmpty() || n.length() > 100) {
            e.add("name", "Give the template a name of 1 to 100 characters.");
        }
        List<String> types = Arrays.stream(PlanForm.strip(guestTypes).split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).distinct().toList();
        if (types.isEmpty() || !knownGuestTypes.containsAll(types)) {
            e.add("guestTypes", "List the guest types the template runs as, separated by commas, from "
                    + knownGuestTypes.stream().sorted().toList() + ".");
        }
        String img = PlanForm.strip(image);
        if (!img.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}")) {
            e.add("image", "Give the image's file name on the nodes (letters, digits, dots, dashes), e.g. "
                    + "debian-12.qcow2.");
        }
        e.throwIfAny();
        return new OsTemplates.SaveTemplate(id, c, n, String.join(",", types), img, onSale);
    }
}
