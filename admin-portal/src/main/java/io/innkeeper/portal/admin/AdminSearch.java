package io.innkeeper.portal.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.servers.ServerFilter;
import io.innkeeper.portal.admin.servers.ServerList;
import io.innkeeper.tenancy.Tenants;

/**
 * One search box for the whole admin portal (it sits in the navigation of every admin page): the tenants whose name
 * or id matches and the servers whose hostname or address does, the first {@value #SHOWN} of each, with links to the
 * full lists filtered the same way. The searches are the tenants' and the all-servers list's own.
 */
@Path(AdminLinks.SEARCH)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminSearch {

    static final int SHOWN = 20;

    /**
     * What the search found: none of it before anything is typed. {@code moreTenants}: more tenants match than are
     * shown; the links lead to the full lists with the same search.
     */
    public record Found(String q, List<Tenants.TenantRow> tenants, boolean moreTenants, ServerList.Page servers) {

        static final Found NOTHING = new Found("", List.of(), false, null);

        public String allTenants() {
            return AdminLinks.TENANTS + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        }

        public String allServers() {
            return AdminLinks.SERVERS + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(Found found, FieldErrors errors);
    }

    @Inject
    Tenants tenants;

    @Inject
    ServerList servers;

    @GET
    @Transactional
    public Response search(@RestQuery String q) {
        String term = q == null ? "" : q.strip();
        if (term.isEmpty()) {
            return Response.ok(Templates.search(Found.NOTHING, new FieldErrors())).build();
        }
        ServerFilter filter;
        try {
            filter = ServerFilter.parse(null, null, null, null, term, null);
        } catch (InvalidInput e) {
            Found none = new Found(term.substring(0, Math.min(term.length(), 253)), List.of(), false, null);
            return Response.status(422).entity(Templates.search(none, e.errors())).build();
        }
        List<Tenants.TenantRow> found = tenants.search(term, SHOWN + 1);
        return Response.ok(Templates.search(new Found(term, found.subList(0, Math.min(SHOWN, found.size())),
                found.size() > SHOWN, servers.page(filter, SHOWN)), new FieldErrors())).build();
    }
}
