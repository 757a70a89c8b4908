package io.innkeeper.web;

/** Where each face of the panel is served, for the edge filters that treat them differently. */
public final class Paths {

    /** The account API: JSON in and out, its own errors (problem+json) and its own parameter checks. */
    public static final String API = "/api/";

    private Paths() {
    }

    /** Whether a request's path is the account API's. */
    public static boolean isApi(String path) {
        return path != null && path.startsWith(API);
    }
}
