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

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<CatalogAdmin.PoolRow> pools, List<Region> regions, PoolForm form,
                FieldErrors errors);

        static native TemplateInstance show(CatalogAdmin.PoolRow pool, List<CatalogAdmin.Held> held);
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
        return Templates.show(catalog.pool(id), catalog.held(id));
    }

    private static List<Region> regions() {
        return Region.listAll(Sort.by("name"));
    }
}
