package io.innkeeper.provisioning.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;

/** The admin's use cases for OS templates: list them, read one, add one and change one. One transaction each. */
@ApplicationScoped
public class OsTemplates {

    /** A template as the admin sees it; {@code guestTypes} comma-separated. */
    public record TemplateRow(UUID id, String code, String name, String guestTypes, String image, boolean onSale) {
    }

    /** A template to add ({@code id} null) or the new values of template {@code id}; its code never changes. */
    public record SaveTemplate(UUID id, String code, String name, String guestTypes, String image, boolean onSale) {
    }

    @Inject
    EntityManager em;

    /** Every template, by name. */
    @Transactional
    public List<TemplateRow> list() {
        return em.createQuery("select new io.innkeeper.provisioning.template.OsTemplates$TemplateRow(t.id, t.code, "
                + "t.name, t.guestTypes, t.image, t.onSale) from OsTemplate t order by t.name", TemplateRow.class)
                .getResultList();
    }

    @Transactional
    public TemplateRow get(UUID id) {
        return row(find(id));
    }

    /** A template on offer as a customer sees it: its code, name and the guest types it runs as. */
    public record TemplateOnSale(UUID id, String code, String name, List<String> guestTypes) {

        public TemplateOnSale {
            guestTypes = List.copyOf(guestTypes);
        }

        /** Whether the template installs on a guest of this type (as {@link OsTemplate#supports}). */
        public boolean supports(String guestType) {
            return guestTypes.contains(guestType);
        }
    }

    /** Adds the template or changes it; a new code in use is refused. */
    @Transactional
    public UUID save(ChangeLog log, SaveTemplate command) {
        OsTemplate t;
        Map<String, Object> before = null;
        if (command.id() == null) {
            io.innkeeper.kernel.Codes.problem("template", command.code()).ifPresent(p -> {
                throw InvalidInput.of("code", p);
            });
            if (OsTemplate.count("code", command.code()) > 0) {
                throw InvalidInput.of("code", "A template with code " + command.code() + " exists already.");
            }
            t = new OsTemplate();
            t.id = UUID.randomUUID();
            t.code = command.code();
        } else {
            t = find(command.id());
            before = state(t);
        }
        t.name = command.name();
        t.guestTypes = command.guestTypes();
        t.image = command.image();
        t.onSale = command.onSale();
        if (command.id() == null) {
            t.persist();
        }
        log.changed(new ChangeLog.Change(command.id() == null ? "template.create" : "template.edit", "template",
                t.id, null, t.code, before, state(t)));
        return t.id;
    }

    private static OsTemplate find(UUID id) {
        OsTemplate t = OsTemplate.findById(id);
        if (t == null) {
            throw new NotFound("template");
        }
        return t;
    }

    private static TemplateRow row(OsTemplate t) {
        return new TemplateRow(t.id, t.code, t.name, t.guestTypes, t.image, t.onSale);
    }

    private static Map<String, Object> state(OsTemplate t) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("code", t.code);
        s.put("name", t.name);
        s.put("guestTypes", t.guestTypes);
        s.put("image", t.image);
        s.put("onSale", t.onSale);
        return s;
    }

    /** The template {@code idOrCode} names, by id or by stable code, with whether it is on offer; else {@link NotFound}. */
    @Transactional
    public TemplateRow find(String idOrCode) {
        String value = idOrCode == null ? "" : idOrCode.strip();
        java.util.Optional<OsTemplate> found = io.innkeeper.kernel.Codes.asId(value)
                .map(id -> OsTemplate.<OsTemplate>findByIdOptional(id))
                .orElseGet(() -> io.innkeeper.kernel.Codes.valid(value)
                        ? OsTemplate.<OsTemplate>find("code", value).firstResultOptional()
                        : java.util.Optional.empty());
        return row(found.orElseThrow(() -> new NotFound("template")));
    }

    /** The templates on sale, by name: what the order form, a reinstall and the API offer. */
    @Transactional
    public List<TemplateOnSale> onSale() {
        return OsTemplate.<OsTemplate>list("onSale = true order by name").stream()
                .map(t -> new TemplateOnSale(t.id, t.code, t.name, t.guestTypeList())).toList();
    }
}
