package io.innkeeper.orders;

/** An order as typed into the form or sent to the API: raw strings, checked by {@link OrderService}. */
public record OrderRequest(String hostname, String region, String plan, String template) {
}
