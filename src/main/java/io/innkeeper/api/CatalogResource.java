package io.innkeeper.api;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.orders.Stock;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.provisioning.template.OsTemplates;
import io.innkeeper.tenancy.Caller;

/**
 * What can be ordered: regions, plans on sale and operating system templates on offer, each also read alone by id
 * or by its stable code, and the stock of each plan in each region. The catalog is the same for every account; only
 * stock and a plan's {@code availableIn} depend on the caller's quota.
 */
@ScopedTo({})
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog", description = "What can be ordered: regions, plans (versioned) and OS templates.")
public class CatalogResource {

    private static final String ID_OR_CODE = "The id, or the stable code";

    @Inject
    Nodes nodes;

    @Inject
    PlanCatalog plans;

    @Inject
    OsTemplates templates;

    @Inject
    Stock stock;

    @Inject
    Caller caller;

    @GET
    @Path("/regions")
    @Operation(operationId = "listRegions", summary = "Regions servers can be ordered in")
    public List<ApiViews.RegionView> regions() {
        return nodes.regionsByCode().stream().map(ApiViews.RegionView::of).toList();
    }

    @GET
    @Path("/regions/{region}")
    @Operation(operationId = "getRegion", summary = "One region, by id or by its stable code")
    public ApiViews.RegionView region(@Parameter(description = ID_OR_CODE) @PathParam("region") String region) {
        return ApiViews.RegionView.of(nodes.region(region));
    }

    @GET
    @Path("/plans")
    @Operation(operationId = "listPlans", summary = "Plans on sale, with their prices and the regions they fit now")
    public List<ApiViews.PlanView> plans() {
        Stock.Answer now = stock.of(caller.scopeTenant());
        return plans.onSale().stream().map(p -> ApiViews.PlanView.of(p, true, null, availableIn(now, p.id())))
                .toList();
    }

    @GET
    @Path("/plans/{plan}")
    @Operation(operationId = "getPlan", summary = "One plan version: by id any version, by stable code the current",
            description = "Plans are versioned: an admin's edit publishes a new version with a new id, and servers "
                    + "keep theirs. A code always names the current version, the one an order by code takes.")
    public ApiViews.PlanView plan(@Parameter(description = ID_OR_CODE + " (its current version)")
            @PathParam("plan") String plan) {
        PlanCatalog.PlanVersion found = plans.find(plan);
        List<String> availableIn = found.onSale() ? availableIn(stock.of(caller.scopeTenant()), found.plan().id())
                : List.of();
        return ApiViews.PlanView.of(found.plan(), found.onSale(), found.retiredAt(), availableIn);
    }

    @GET
    @Path("/templates")
    @Operation(operationId = "listTemplates", summary = "Operating systems on offer")
    public List<ApiViews.TemplateView> templates() {
        // By code, as the API has always listed them.
        return templates.onSale().stream().sorted(java.util.Comparator.comparing(OsTemplates.TemplateOnSale::code))
                .map(ApiViews.TemplateView::of).toList();
    }

    @GET
    @Path("/templates/{template}")
    @Operation(operationId = "getTemplate", summary = "One operating system template, by id or by its stable code")
    public ApiViews.TemplateView template(@Parameter(description = ID_OR_CODE) @PathParam("template")
            String template) {
        return ApiViews.TemplateView.of(templates.find(template));
    }

    @GET
    @Path("/stock")
    @Operation(operationId = "getStock", summary = "What fits now, per region and plan on sale",
            description = "For each region and plan on sale: whether one more server fits now, and how many more "
                    + "would, for the caller's quota and for the platform's room. Kept a few seconds; nothing is "
                    + "reserved, so an order may still be refused.")
    public ApiViews.StockView stock() {
        return ApiViews.StockView.of(stock.of(caller.scopeTenant()));
    }

    private static List<String> availableIn(Stock.Answer stock, UUID plan) {
        Set<String> codes = stock.items().stream().filter(l -> l.plan().id().equals(plan) && l.fits())
                .map(l -> l.region().code()).collect(Collectors.toCollection(java.util.TreeSet::new));
        return List.copyOf(codes);
    }
}
