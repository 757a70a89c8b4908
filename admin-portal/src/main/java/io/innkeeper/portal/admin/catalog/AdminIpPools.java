package io.innkeeper.portal.admin.catalog;

import static java.util.stream.Collectors.toSet;

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
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.provisioning.ip.IpPoolAdmin;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Tenants;

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

    /** An address, the hostname of the server that holds it and the server's tenant. */
    public record HeldView(String address, String hostname, UUID tenantId, String tenant) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<IpPoolAdmin.PoolRow> pools, List<Nodes.RegionRow> regions,
                PoolForm form, FieldErrors errors);

        static native TemplateInstance show(IpPoolAdmin.PoolRow pool, List<HeldView> held, EditForm form,
                FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    IpPoolAdmin pools;

    @Inject
    Nodes nodes;

    @Inject
    Tenants tenants;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance list() {
        return Templates.list(pools.list(), regions(), new PoolForm("", "4", "", ""), new FieldErrors());
    }

    @POST
    public Response create(@RestForm String region, @RestForm String family, @RestForm String network,
            @RestForm String gateway) {
        UUID id;
        try {
            id = pools.create(audit.by(caller.actor()), new IpPoolAdmin.CreatePool(uuid(region), family(family),
                    network, gateway));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(pools.list(), regions(),
                    new PoolForm(region, family, network, gateway), e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.ipPool(id))).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@RestPath UUID id) {
        IpPoolAdmin.PoolRow pool = pools.get(id);
        return Templates.show(pool, held(id), new EditForm(pool.name() == null ? "" : pool.name(),
                pool.gateway(), pool.dnsList()), new FieldErrors());
    }

    /** Renames the pool, moves its gateway, sets its DNS servers; refusals show next to their field. */
    @POST
    @Path("{id}/edit")
    public Response edit(@RestPath UUID id, @RestForm String name, @RestForm String gateway,
            @RestForm String dnsServers) {
        try {
            pools.edit(audit.by(caller.actor()), new IpPoolAdmin.EditPool(id, name, gateway, dnsServers));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.show(pools.get(id), held(id),
                    new EditForm(name, gateway, dnsServers), e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.ipPool(id))).build();
    }

    private List<Nodes.RegionRow> regions() {
        return nodes.regions();
    }

    private List<HeldView> held(UUID pool) {
        List<IpPoolAdmin.Held> held = pools.held(pool);
        Map<UUID, String> names = tenants.names(held.stream().map(IpPoolAdmin.Held::ownerRef).collect(toSet()));
        return held.stream().map(h -> new HeldView(h.address(), h.hostname(), h.ownerRef(),
                names.get(h.ownerRef()))).toList();
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(PlanForm.strip(raw));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer family(String raw) {
        return switch (PlanForm.strip(raw)) {
            case "4" -> 4;
            case "6" -> 6;
            default -> null;
        };
    }
}
