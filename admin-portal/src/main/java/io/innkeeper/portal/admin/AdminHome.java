package io.innkeeper.portal.admin;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.Tenant;

/** The admin portal's start page: nodes with their load, and tenants. */
@Path("/admin")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminHome {

    /** A node and how many live guests it holds. */
    public record NodeRow(String name, String region, String guestType, String uri, String state, long guests,
            long vcpusUsed, int vcpus) {
    }

    /** What needs an admin now, each with the page that deals with it. */
    public record Attention(long failedJobs, long findings, long nodesDown, long suspendedTenants) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<NodeRow> nodes, List<Tenant> tenants, Attention attention);
    }

    @Inject
    EntityManager em;

    @GET
    public TemplateInstance home() {
        List<NodeRow> nodes = em.createQuery("select new io.innkeeper.portal.admin.AdminHome$NodeRow(n.name, "
                + "n.region.name, n.guestType, n.libvirtUri, cast(n.state as String), count(g), "
                + "coalesce(sum(g.vcpus), 0), n.vcpus) from Node n "
                + "left join Guest g on g.node = n and g.status in :live "
                + "group by n.id, n.name, n.region.name, n.guestType, n.libvirtUri, n.state, n.vcpus order by n.name",
                NodeRow.class)
                .setParameter("live", GuestStatus.live())
                .getResultList();
        List<Tenant> tenants = em.createQuery("select t from Tenant t left join fetch t.parent order by t.name",
                Tenant.class).setMaxResults(100).getResultList();
        Object[] counts = (Object[]) em.createNativeQuery("""
                select (select count(*) from job where state = 'FAILED'),
                       (select count(*) from reconcile_finding),
                       (select count(*) from node where state <> 'ACTIVE'),
                       (select count(*) from tenant where status = 'SUSPENDED')
                """).getSingleResult();
        Attention attention = new Attention(((Number) counts[0]).longValue(), ((Number) counts[1]).longValue(),
                ((Number) counts[2]).longValue(), ((Number) counts[3]).longValue());
        return Templates.home(nodes, tenants, attention);
    }
}
