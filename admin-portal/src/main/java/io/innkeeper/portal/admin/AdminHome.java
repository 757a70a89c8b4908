package io.innkeeper.portal.admin;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.portal.admin.nodes.NodeUse;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.tenancy.Tenants;

/** The admin portal's start page: nodes with their load, and tenants. */
@Path("/admin")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminHome {

    static final int TENANTS_SHOWN = 100;

    /** What needs an admin now, each with the page that deals with it. */
    public record Attention(long failedJobs, long findings, long nodesDown, long suspendedTenants) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<NodeUse> nodes, List<Tenants.TenantRow> tenants,
                Attention attention);
    }

    @Inject
    Nodes nodes;

    @Inject
    Tenants tenants;

    @GET
    public TemplateInstance home() {
        Nodes.Attention provisioning = nodes.attention();
        Attention attention = new Attention(provisioning.failedJobs(), provisioning.findings(),
                provisioning.nodesNotActive(), tenants.suspended());
        return Templates.home(nodes.list().stream().map(NodeUse::of).toList(), tenants.search("", TENANTS_SHOWN),
                attention);
    }
}
