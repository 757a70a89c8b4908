package io.innkeeper.tenancy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.billing.tax.VatId;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.NotFound;

/**
 * An account's details for VAT: its country, whether it is a business, and a business's VAT id. Invoices issued
 * after a change use the new details (billing.tax.TaxRules decides what they mean); invoices already issued keep
 * theirs. Owners change them; the portal and the API call this alone.
 */
@ApplicationScoped
public class TaxDetails {

    @Inject
    Audit audit;

    /** The details as stored: the country may be null for accounts made before it was asked. */
    public record Details(String country, boolean business, String vatId) {
    }

    /** The details as a form sends them; {@code vatId} may be blank. */
    public record Form(String country, boolean business, String vatId) {
    }

    @Transactional
    public Details get(UUID tenantId) {
        Tenant tenant = find(tenantId);
        return new Details(tenant.country, tenant.business, tenant.vatId);
    }

    /**
     * Checks and stores the details; a bad field throws {@link io.innkeeper.kernel.InvalidInput} naming it and
     * stores nothing. A VAT id must be a business's and of the account's own country.
     */
    @Transactional
    public Details set(Actor actor, UUID tenantId, Form form) {
        Tenant tenant = find(tenantId);
        FieldErrors errors = new FieldErrors();
        String country = form.country() == null ? "" : form.country().strip().toUpperCase(Locale.ROOT);
        if (!AccountDetails.isCountry(country)) {
            errors.add("country", "Choose a country from the list.");
        }
        String raw = form.vatId() == null ? "" : form.vatId().strip();
        VatId vatId = null;
        if (!raw.isEmpty()) {
            try {
                vatId = VatId.parse(raw);
            } catch (VatId.Invalid e) {
                errors.add("vatId", e.getMessage());
            }
        }
        if (vatId != null && !form.business()) {
            errors.add("vatId", "Only a business has a VAT id: tick \"This account is a business\" or leave the "
                    + "VAT id empty.");
        } else if (vatId != null && AccountDetails.isCountry(country) && !vatId.country().equals(country)) {
            errors.add("vatId", "This VAT id is of " + name(vatId.country()) + ", but the account's country is "
                    + name(country) + ". Give the VAT id of the country the account is established in.");
        }
        errors.throwIfAny();
        Map<String, Object> before = snapshot(tenant);
        tenant.country = country;
        tenant.business = form.business();
        tenant.vatId = vatId == null ? null : vatId.toString();
        audit.changed(actor, new Audit.Entry("tenant.tax-details", "tenant", tenantId, tenantId, null, before,
                snapshot(tenant)));
        return new Details(tenant.country, tenant.business, tenant.vatId);
    }

    private static Tenant find(UUID tenantId) {
        return Tenant.<Tenant>findByIdOptional(tenantId).orElseThrow(() -> new NotFound("account"));
    }

    private static String name(String country) {
        return Locale.of("", country).getDisplayCountry(Locale.ENGLISH);
    }

    private static Map<String, Object> snapshot(Tenant tenant) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("country", tenant.country);
        map.put("business", tenant.business);
        map.put("vatId", tenant.vatId);
        return map;
    }
}
