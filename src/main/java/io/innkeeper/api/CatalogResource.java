package io.innkeeper.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.provisioning.template.OsTemplates;

/** What can be ordered: regions, plans on sale, and operating system templates on offer. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
public class CatalogResource {

    @Inject
    Nodes nodes;

    @Inject
    PlanCatalog plans;

    @Inject
    OsTemplates templates;

    @GET
    @Path("/regions")
    @Operation(operationId = "listRegions", summary = "Regions servers can be ordered in")
    public List<ApiViews.RegionView> regions() {
        return nodes.regionsByCode().stream().map(ApiViews.RegionView::of).toList();
    }

    @GET
    @Path("/plans")
    @Operation(operationId = "listPlans", summary = "Plans on sale, with their prices")
    public List<ApiViews.PlanView> plans() {
        return plans.onSale().stream().map(ApiViews.PlanView::of).toList();
    }

    @GET
    @Path("/templates")
    @Operation(operationId = "listTemplates", summary = "Operating systems on offer")
    public List<ApiViews.TemplateView> templates() {
        // By code, as the API has always listed them.
        return templates.onSale().stream().sorted(java.util.Comparator.comparing(OsTemplates.TemplateOnSale::code))
                .map(ApiViews.TemplateView::of).toList();
    }
}
