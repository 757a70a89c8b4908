package io.innkeeper.portal.admin.billing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.audit.Audit;
import io.innkeeper.billing.bank.BankTransfers;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.tenancy.Caller;

/**
 * Bank transfers for admins: upload the bank's camt.053 statement, see which credits paid which invoices, and
 * assign by hand the credits no reference matched.
 */
@Path(AdminLinks.BANK)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class BankTransfersAdmin {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<BankTransfers.ImportSummary> imports, FieldErrors errors);

        static native TemplateInstance show(BankTransfers.ImportView view, List<Ledger.Balance> accounts,
                String credit, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    BankTransfers bank;

    @Inject
    Ledger ledger;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance list() {
        return Templates.list(bank.recent(50), new FieldErrors());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file) {
        try {
            byte[] content = null;
            String name = null;
            if (file != null && file.uploadedFile() != null) {
                if (file.size() > BankTransfers.MAX_BYTES) {
                    throw InvalidInput.of("file", "The file is larger than " + BankTransfers.MAX_BYTES / 1024
                            + " KB.");
                }
                content = Files.readAllBytes(file.uploadedFile());
                name = file.fileName();
            }
            BankTransfers.ImportSummary summary = bank.importStatement(audit.by(caller.actor()), name, content,
                    caller.login());
            return Response.seeOther(URI.create(AdminLinks.BANK + "/" + summary.id())).build();
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(bank.recent(50), e.errors())).build();
        } catch (IOException e) {
            return Response.status(422).entity(Templates.list(bank.recent(50),
                    new FieldErrors().add("file", "The file could not be read; upload it again."))).build();
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") UUID id) {
        return Templates.show(view(id), ledger.balances(), "", new FieldErrors());
    }

    @POST
    @Path("{id}/assign")
    public Response assign(@PathParam("id") UUID id, @RestForm String credit, @RestForm String tenant) {
        BankTransfers.ImportView view = view(id);
        FieldErrors errors = new FieldErrors();
        String ref = credit == null ? "" : credit.strip();
        if (view.credits().stream().noneMatch(c -> c.entryRef().equals(ref))) {
            errors.add("credit", "Choose a credit of this statement.");
        }
        UUID tenantId = null;
        try {
            tenantId = UUID.fromString(tenant == null ? "" : tenant.strip());
        } catch (IllegalArgumentException e) {
            errors.add("tenant", "Choose an account.");
        }
        if (errors.isEmpty()) {
            try {
                bank.assign(audit.by(caller.actor()), ref, tenantId, caller.login());
                return Response.seeOther(URI.create(AdminLinks.BANK + "/" + id)).build();
            } catch (InvalidInput e) {
                errors = e.errors();
            }
        }
        return Response.status(422).entity(Templates.show(view(id), ledger.balances(), ref, errors)).build();
    }

    private BankTransfers.ImportView view(UUID id) {
        return bank.get(id).orElseThrow(NotFoundException::new);
    }
}
