package io.innkeeper.api;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.catalog.Plan;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;

/** What can be ordered: regions, plans on sale, and operating system templates on offer. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
public class CatalogResource {

    @GET
    @Path("/regions")
    @Transactional
    @Operation(operationId = "listRegions", summary = "Regions servers can be ordered in")
    public List<ApiViews.RegionView> regions() {
        return Region.<Region>listAll(io.quarkus.panache.common.Sort.by("code")).stream()
                .map(ApiViews.RegionView::of).toList();
    }

    @GET
    @Path("/plans")
    @Transactional
    @Operation(operationId = "listPlans", summary = "Plans on sale, with their prices")
    public List<ApiViews.PlanView> plans() {
        return Plan.onSale().stream().map(ApiViews.PlanView::of).toList();
    }

    @GET
    @Path("/templates")
    @Transactional
    @Operation(operationId = "listTemplates", summary = "Operating systems on offer")
    public List<ApiViews.TemplateView> templates() {
        return OsTemplate.<OsTemplate>list("onSale = true order by code").stream().map(ApiViews.TemplateView::of)
                .toList();
    }
}
