package io.innkeeper.portal.admin.catalog;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.tenancy.Caller;

/** Plans: create, edit (each edit publishes a new version), retire from sale. */
@Path(AdminLinks.PLANS)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPlans {

    /** The plan form's fields as the browser sends them. */
    public static class Fields {
        @RestForm
        public String code;
        @RestForm
        public String name;
        @RestForm
        public String guestTypes;
        @RestForm
        public String vcpus;
        @RestForm
        public String memoryMib;
        @RestForm
        public String diskGib;
        @RestForm
        public String trafficGb;
        @RestForm
        public String portMbit;
        @RestForm
        public String diskIops;
        @RestForm
        public String diskMbyteS;
        @RestForm
        public String cpuShares;
        @RestForm
        public String cpuCapPercent;
        @RestForm
        public String hourlyPrice;
        @RestForm
        public String monthlyCap;
        @RestForm
        public String currency;
        @RestForm
        public boolean onSale;

        PlanForm form() {
            return new PlanForm(code, name, guestTypes, vcpus, memoryMib, diskGib, trafficGb, portMbit, diskIops,
                    diskMbyteS, cpuShares, cpuCapPercent, hourlyPrice, monthlyCap, currency, onSale);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<PlanCatalog.PlanRow> plans);

        static native TemplateInstance form(PlanForm plan, boolean editing, List<PlanCatalog.PlanRow> versions,
                Set<String> guestTypes, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    PlanCatalog catalog;

    @Inject
    Nodes nodes;

    @GET
    public TemplateInstance list() {
        return Templates.list(catalog.current());
    }

    @GET
    @Path("new")
    public TemplateInstance newPlan() {
        return Templates.form(PlanForm.empty(), false, List.of(), nodes.guestTypes(), new FieldErrors());
    }

    @POST
    public Response create(@BeanParam Fields fields) {
        PlanForm form = fields.form();
        try {
            catalog.create(caller.actor(), form.parse(nodes.guestTypes()));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.form(form, false, List.of(), nodes.guestTypes(),
                    e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.PLANS)).build();
    }

    @GET
    @Path("{code}")
    public TemplateInstance edit(@RestPath String code) {
        List<PlanCatalog.PlanRow> versions = catalog.versions(code);
        return Templates.form(PlanForm.of(versions.getFirst().spec()), true, versions, nodes.guestTypes(),
                new FieldErrors());
    }

    @POST
    @Path("{code}")
    public Response update(@RestPath String code, @BeanParam Fields fields) {
        PlanForm form = fields.form();
        try {
            catalog.versions(code);
            catalog.edit(caller.actor(), form.withCode(code).parse(nodes.guestTypes()));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.form(form, true, catalog.versions(code),
                    nodes.guestTypes(), e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.plan(code))).build();
    }

    @POST
    @Path("{code}/retire")
    public Response retire(@RestPath String code) {
        catalog.retire(caller.actor(), code);
        return Response.seeOther(URI.create(AdminLinks.PLANS)).build();
    }
}
