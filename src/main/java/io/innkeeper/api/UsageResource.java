package io.innkeeper.api;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.innkeeper.account.TokenResource;
import io.innkeeper.billing.invoice.UsageExport;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Caller;

/**
 * An account's usage per month, rated at the platform's prices, to bill a customer again: the caller's own account
 * or, for a reseller, one of its customers ({@code account}); any other account answers 404. JSON, or CSV (one row
 * per line) with {@code format=csv} or {@code Accept: text/csv}.
 */
@Path("/api/v1/usage")
@ScopedTo(TokenResource.BILLING)
@Tag(name = "Invoices")
public class UsageResource {

    static final String CSV = "text/csv";

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    /** Quotes only the values that need it (a comma, a quote, a line break), so ids and amounts read plainly. */
    private static final CsvMapper CSV_MAPPER = CsvMapper.builder()
            .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private static final CsvSchema CSV_SCHEMA = CSV_MAPPER.schemaFor(CsvRow.class).withHeader();

    /** One CSV row: a line with its account, month and currency, amounts as plain decimals. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({ "account", "month", "kind", "server", "hostname", "plan",
            "description", "quantity", "unit", "unitPrice", "amount", "currency", "usageFrom", "usageTo" })
    record CsvRow(String account, String month, String kind, String server, String hostname, String plan,
            String description, String quantity, String unit, String unitPrice, String amount, String currency,
            String usageFrom, String usageTo) {
    }

    @Inject
    Caller caller;

    @Inject
    UsageExport usage;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Operation(operationId = "getUsage", summary = "An account's usage in one month, for rebilling (JSON or CSV)",
            description = "The lines an invoice would have for the account's own servers, rated at the platform's "
                    + "prices over the paying account's calendar month (a month not over yet up to now). A reseller "
                    + "names one of its customers in account; any other account answers 404.")
    @APIResponse(responseCode = "200", description = "The month's usage", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsageView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums
                    .SchemaType.STRING)) })
    public Response get(@Parameter(description = "The month, YYYY-MM", required = true) @QueryParam("month")
            String month,
            @Parameter(description = "The account: the caller's own (default) or a reseller's customer")
            @QueryParam("account") String account,
            @Parameter(description = "json or csv; else the Accept header decides", schema = @Schema(enumeration = {
                    "json", "csv" })) @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        YearMonth period = month(month);
        boolean csv = csv(format, headers);
        UUID of = Cursors.uuid("account", account);
        UUID own = caller.scopeTenant();
        if (of == null) {
            of = own;
        } else if (!of.equals(own) && !caller.scope().covers(of)) {
            throw new NotFound("account");
        }
        UsageExport.MonthUsage found = usage.of(of, period).orElseThrow(() -> new NotFound("account"));
        return csv ? Response.ok(csv(found), CSV + "; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"usage-" + found.account() + "-" + found.month() + ".csv\"").build()
                : Response.ok(UsageView.of(found), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** An account's month of usage: the span, the lines and their total, in the paying account's currency. */
    public record UsageView(UUID account, String month, Instant periodStart, Instant periodEnd, Instant ratedUntil,
            String currency, ApiViews.Price total, long trafficTxBytes, List<UsageLineView> lines) {
        static UsageView of(UsageExport.MonthUsage u) {
            return new UsageView(u.account(), u.month().toString(), u.periodStart(), u.periodEnd(), u.ratedUntil(),
                    u.currency(), ApiViews.Price.of(u.total()), u.txBytes(), u.lines().stream()
                            .map(UsageLineView::of).toList());
        }
    }

    /** One line; {@code server}, {@code hostname} and {@code plan} are null on the account's traffic line. */
    public record UsageLineView(String kind, UUID server, String hostname, UUID plan, String description,
            String quantity, String unit, ApiViews.Price unitPrice, ApiViews.Price amount, Instant usageFrom,
            Instant usageTo) {
        static UsageLineView of(UsageExport.UsageLine l) {
            return new UsageLineView(l.kind(), l.server(), l.hostname(), l.plan(), l.description(),
                    l.quantity().toPlainString(), l.unit(), ApiViews.Price.of(l.unitPrice()),
                    ApiViews.Price.of(l.amount()), l.usageFrom(), l.usageTo());
        }
    }

    static YearMonth month(String raw) {
        if (raw == null || raw.isBlank()) {
            throw InvalidInput.of("month", "Name the month as YYYY-MM, for example 2026-01.");
        }
        String value = raw.strip();
        try {
            if (MONTH.matcher(value).matches()) {
                YearMonth month = YearMonth.parse(value);
                if (month.getYear() >= 2000) {
                    return month;
                }
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw InvalidInput.of("month", "Name the month as YYYY-MM from 2000-01 on, for example 2026-01.");
    }

    private static boolean csv(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw InvalidInput.of("format", "One of json, csv.");
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }

    private static String csv(UsageExport.MonthUsage u) {
        List<CsvRow> rows = u.lines().stream().map(l -> new CsvRow(u.account().toString(), u.month().toString(),
                l.kind(), str(l.server()), l.hostname(), str(l.plan()), l.description(), l.quantity().toPlainString(),
                l.unit(), l.unitPrice() == null ? null : l.unitPrice().amount().toPlainString(),
                l.amount().amount().toPlainString(), u.currency(), str(l.usageFrom()), str(l.usageTo()))).toList();
        try {
            return CSV_MAPPER.writer(CSV_SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing the usage CSV failed", e);
        }
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
