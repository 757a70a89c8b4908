package io.innkeeper.portal.admin.nodes;

import java.net.URI;
import java.util.List;
import java.util.Set;
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

import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.provisioning.reconcile.Findings;
import io.innkeeper.tenancy.Caller;

/** Nodes and regions: capacity and use, adding a node after a connection test, maintenance, reconciler findings. */
@Path(AdminLinks.NODES)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminNodes {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<NodeUse> nodes, List<Nodes.RegionRow> regions, String regionCode,
                String regionName, FieldErrors errors);

        static native TemplateInstance form(NodeForm node, List<Nodes.RegionRow> regions, Set<String> guestTypes,
                FieldErrors errors);

        static native TemplateInstance show(NodeUse node, List<Findings.Recorded> findings, String notice,
                FieldErrors errors, NodeEditForm edit, List<Nodes.RegionRow> regions, FieldErrors editErrors);

        static native TemplateInstance show$state(NodeUse node, List<Findings.Recorded> findings, String notice,
                FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    Nodes nodes;

    @Inject
    Audit audit;

    @Inject
    Findings findings;

    @GET
    public TemplateInstance list() {
        return Templates.list(nodeList(), regions(), "", "", new FieldErrors());
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
            id = nodes.register(audit.by(caller.actor()), form.parse());
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
        nodes.maintenance(audit.by(caller.actor()), id, on);
        return htmx ? Response.ok(state(id, true, "", new FieldErrors())).build()
                : Response.seeOther(URI.create(AdminLinks.node(id))).build();
    }

    /** Empties a node in maintenance by offline migration; the page says how many servers are moving. */
    @POST
    @Path("{id}/evacuate")
    public Response evacuate(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        try {
            int moving = nodes.evacuate(audit.by(caller.actor()), id).size();
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
            nodes.edit(audit.by(caller.actor()), form.parse(id));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.show(NodeUse.of(nodes.get(id)), findings.forNode(id), "",
                    new FieldErrors(), form, regions(), e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.node(id))).build();
    }

    private TemplateInstance state(UUID id, boolean fragment, String notice, FieldErrors errors) {
        Nodes.NodeRow row = nodes.get(id);
        NodeUse node = NodeUse.of(row);
        List<Findings.Recorded> found = findings.forNode(id);
        return fragment ? Templates.show$state(node, found, notice, errors)
                : Templates.show(node, found, notice, errors, NodeEditForm.of(row), regions(), new FieldErrors());
    }

    @POST
    @Path("/regions")
    public Response addRegion(@RestForm String code, @RestForm String regionName) {
        try {
            nodes.addRegion(audit.by(caller.actor()), new Nodes.AddRegion(code, regionName));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(nodeList(), regions(), code, regionName,
                    e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.NODES)).build();
    }

    private List<NodeUse> nodeList() {
        return nodes.list().stream().map(NodeUse::of).toList();
    }

    private List<Nodes.RegionRow> regions() {
        return nodes.regions();
    }
}
