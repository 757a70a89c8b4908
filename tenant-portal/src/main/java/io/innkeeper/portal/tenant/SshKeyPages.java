package io.innkeeper.portal.tenant;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.account.SshKeys;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.Tenants;

/**
 * The account's SSH public keys: listed, added and deleted. htmx swaps the keys section in place; without it, a
 * change answers post/redirect/get and a delete asks on a page of its own first.
 */
@Path(Links.SSH_KEYS)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class SshKeyPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance keys(KeysView view);

        static native TemplateInstance keys$list(KeysView view);

        static native TemplateInstance confirmDelete(SshKeys.Key key);
    }

    /** The keys in the caller's scope, the account each belongs to (a reseller sees its customers' too), the form. */
    public record KeysView(List<SshKeys.Key> keys, Map<UUID, String> accounts, String name, String publicKey,
            FieldErrors errors) {

        public boolean severalAccounts() {
            return accounts.size() > 1;
        }
    }

    @Inject
    Caller caller;

    @Inject
    SshKeys keys;

    @Inject
    Tenants tenants;

    @GET
    public TemplateInstance keys() {
        return view(false, "", "", new FieldErrors());
    }

    @POST
    public Response add(@RestForm String name, @RestForm String publicKey, @RestHeader("HX-Request") boolean htmx) {
        try {
            keys.add(caller.actor(), caller.scopeTenant(), name, publicKey);
        } catch (InvalidInput e) {
            return Response.status(422).entity(view(htmx, name, publicKey, e.errors())).build();
        }
        return done(htmx);
    }

    /** Without JavaScript the delete link lands here and asks first; htmx asks with a dialog instead. */
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath UUID id) {
        return Templates.confirmDelete(keys.get(caller.scope(), id));
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        keys.delete(caller.actor(), caller.scope(), id);
        return done(htmx);
    }

    private Response done(boolean htmx) {
        return htmx ? Response.ok(view(true, "", "", new FieldErrors())).build()
                : Response.seeOther(URI.create(Links.SSH_KEYS)).build();
    }

    private TemplateInstance view(boolean fragment, String name, String publicKey, FieldErrors errors) {
        Scope scope = caller.scope();
        KeysView view = new KeysView(keys.list(scope), accounts(scope), name == null ? "" : name,
                publicKey == null ? "" : publicKey, errors);
        return fragment ? Templates.keys$list(view) : Templates.keys(view);
    }

    private Map<UUID, String> accounts(Scope scope) {
        return tenants.names(scope.tenantIds());
    }
}
