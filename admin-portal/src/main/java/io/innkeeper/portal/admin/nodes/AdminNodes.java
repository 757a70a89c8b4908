package io.innkeeper.portal.admin.nodes;

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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.reconcile.Findings;
import io.innkeeper.tenancy.Caller;

/** Nodes and regions: capacity and use, adding a node after a connection test, maintenance, reconciler findings. */
@Path(AdminLinks.NODES)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminNodes {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<NodeUse> nodes, List<Region> regions, String regionCode,
                String regionName, FieldErrors errors);

        static native TemplateInstance form(NodeForm node, List<Region> regions, java.util.Set<String> guestTypes,
                FieldErrors errors);

        static native TemplateInstance show(NodeUse node, List<Findings.Recorded> findings, String notice,
                FieldErrors errors, NodeEditForm edit, List<Region> regions, FieldErrors editErrors);

        static native TemplateInstance show$state(NodeUse node, List<Findings.Recorded> findings, String notice,
                FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    NodeAdmin nodes;

    @Inject
    Findings findings;

    @GET
    public TemplateInstance list() {
        return Templates.list(nodes.nodes(), regions(), "", "", new FieldErrors());
    }

    @GET
    @Path("new")
    public TemplateInstance form() {
        return Templates.form(NodeForm.empty(), regions(), nodes.guestTypes(), new FieldErrors());
    }

    @POST
    public Response add(@RestForm String name, @RestForm String region, @RestForm String guestType,
            @RestForm String libvirtUri, @RestForm String vcpus, @RestForm String memoryMib,
            @RestForm String diskGib) {
        NodeForm form = new NodeForm(name, region, guestType, libvirtUri, vcpus, memoryMib, diskGib);
        UUID id;
        try {
            id = nodes.add(caller.actor(), form);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.form(form, regions(), nodes.guestTypes(), e.errors()))
                    .build();
        }
        return Response.seeOther(URI.create(AdminLinks.node(id))).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return state(id, htmx, "", new FieldErrors());
    }

    /** {@code on=true} puts the node in maintenance, anything else takes it out. */
    @POST
    @Path("{id}/maintenance")
    public Response maintenance(@RestPath UUID id, @RestForm boolean on, @RestHeader("HX-Request") boolean htmx) {
        nodes.maintenance(caller.actor(), id, on);
        return htmx ? Response.ok(state(id, true, "", new FieldErrors())).build()
                : Response.seeOther(URI.create(AdminLinks.node(id))).build();
    }

    /** Empties a node in maintenance by offline migration; the page says how many servers are moving. */
    @POST
    @Path("{id}/evacuate")
    public Response evacuate(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        try {
            int moving = nodes.evacuate(caller.actor(), id).size();
            return Response.ok(state(id, htmx, moving + " server" + (moving == 1 ? " is" : "s are")
                    + " moving to other nodes.", new FieldErrors())).build();
        } catch (InvalidInput e) {
            return Response.status(htmx ? 200 : 409).entity(state(id, htmx, "", e.errors())).build();
        }
    }

    /** Changes the node's name, region, capacity, overcommit and guest cap; refusals name the field. */
    @POST
    @Path("{id}/edit")
    public Response edit(@RestPath UUID id, @RestForm String name, @RestForm String region, @RestForm String vcpus,
            @RestForm String memoryMib, @RestForm String diskGib, @RestForm String cpuOvercommit,
            @RestForm String memoryOvercommit, @RestForm String maxGuests) {
        NodeEditForm form = new NodeEditForm(name, region, vcpus, memoryMib, diskGib, cpuOvercommit,
                memoryOvercommit, maxGuests);
        try {
            nodes.edit(caller.actor(), id, form);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.show(nodes.node(id), findings.forNode(id), "",
                    new FieldErrors(), form, regions(), e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.node(id))).build();
    }

    private TemplateInstance state(UUID id, boolean fragment, String notice, FieldErrors errors) {
        NodeUse node = nodes.node(id);
        List<Findings.Recorded> found = findings.forNode(id);
        return fragment ? Templates.show$state(node, found, notice, errors)
                : Templates.show(node, found, notice, errors, nodes.editForm(id), regions(), new FieldErrors());
    }

    @POST
    @Path("/regions")
    public Response addRegion(@RestForm String code, @RestForm String regionName) {
        try {
            nodes.addRegion(caller.actor(), code, regionName);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(nodes.nodes(), regions(), code, regionName,
                    e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.NODES)).build();
    }

    private static List<Region> regions() {
        return Region.listAll(Sort.by("name"));
    }
}
