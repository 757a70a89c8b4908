package io.innkeeper.portal.admin.catalog;

import java.net.URI;
import java.util.List;
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
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.tenancy.Caller;

/** IP pools: create one, see which server holds which address. */
@Path(AdminLinks.IP_POOLS)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminIpPools {

    /** The create form as typed. */
    public record PoolForm(String region, String family, String network, String gateway) {
    }

    /** The edit form as typed. */
    public record EditForm(String name, String gateway, String dnsServers) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<CatalogAdmin.PoolRow> pools, List<Region> regions, PoolForm form,
                FieldErrors errors);

        static native TemplateInstance show(CatalogAdmin.PoolRow pool, List<CatalogAdmin.Held> held, EditForm form,
                FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    CatalogAdmin catalog;

    @GET
    public TemplateInstance list() {
        return Templates.list(catalog.pools(), regions(), new PoolForm("", "4", "", ""), new FieldErrors());
    }

    @POST
    public Response create(@RestForm String region, @RestForm String family, @RestForm String network,
            @RestForm String gateway) {
        UUID id;
        try {
            id = catalog.createPool(caller.actor(), region, family, network, gateway);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(catalog.pools(), regions(),
                    new PoolForm(region, family, network, gateway), e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.ipPool(id))).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@RestPath UUID id) {
        CatalogAdmin.PoolRow pool = catalog.pool(id);
        return Templates.show(pool, catalog.held(id), new EditForm(pool.name() == null ? "" : pool.name(),
                pool.gateway(), pool.dnsList()), new FieldErrors());
    }

    /** Renames the pool, moves its gateway, sets its DNS servers; refusals show next to their field. */
    @POST
    @Path("{id}/edit")
    public Response edit(@RestPath UUID id, @RestForm String name, @RestForm String gateway,
            @RestForm String dnsServers) {
        try {
            catalog.editPool(caller.actor(), id, name, gateway, dnsServers);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.show(catalog.pool(id), catalog.held(id),
                    new EditForm(name, gateway, dnsServers), e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.ipPool(id))).build();
    }

    private static List<Region> regions() {
        return Region.listAll(Sort.by("name"));
    }
}
