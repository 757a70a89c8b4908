package io.innkeeper.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The pages and actions of a portal, found from its JAX-RS resource classes rather than listed by hand, so a matrix
 * of requests over them covers a page added later without anyone adding it.
 */
public final class Routes {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::[^}]*)?}");

    private Routes() {
    }

    /** A query or form parameter of a route: its name and Java type. */
    public record Param(String name, Class<?> type) {
    }

    /**
     * One resource method: its HTTP method, its full path template ({@code /servers/{id}/reboot}), where it is, the
     * roles that may call it (empty: any signed-in caller), and its query and form parameters.
     */
    public record Route(String method, String path, String where, List<String> roles, List<Param> queries,
            List<Param> forms, boolean multipart) {

        /** A route that takes a URL-encoded form (or none). */
        public Route(String method, String path, String where, List<String> roles, List<Param> queries,
                List<Param> forms) {
            this(method, path, where, roles, queries, forms, false);
        }

        /**
         * The path parameters in order, each named with the path segment before it ({@code servers/{id}},
         * {@code snapshots/{name}}): what kind of object the parameter names.
         */
        public List<String> parameters() {
            List<String> keys = new ArrayList<>();
            String[] segments = path.substring(1).split("/");
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].startsWith("{")) {
                    keys.add((i == 0 ? "" : segments[i - 1]) + "/" + segments[i]);
                }
            }
            return keys;
        }

        /** The path with each parameter replaced by what {@code value} gives for its key (see {@link #parameters}). */
        public String fill(Function<String, String> value) {
            String[] segments = path.substring(1).split("/");
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                out.append('/').append(segment.startsWith("{")
                        ? value.apply((i == 0 ? "" : segments[i - 1]) + "/" + segment)
                        : segment);
            }
            return out.toString();
        }

        /** Whether a caller with this role passes the route's role check. */
        public boolean allows(String role) {
            return roles.isEmpty() || roles.contains(role);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every resource method of the classes in the package and below (test classes left out), sorted by path. */
    public static List<Route> of(String packageName) {
        List<Route> routes = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packageName)) {
            if (!type.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = load(type.getName());
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                if (method.isSynthetic() || method.isBridge()) {
                    continue;
                }
                String verb = verb(method);
                Path sub = method.getAnnotation(Path.class);
                if (verb == null) {
                    if (sub != null) {
                        throw new IllegalStateException(resource.getSimpleName() + "." + method.getName()
                                + " is a sub-resource locator, which Routes does not follow yet; teach it to");
                    }
                    continue;
                }
                String path = normalise(base + "/" + (sub == null ? "" : sub.value()));
                routes.add(new Route(verb, path, resource.getSimpleName() + "." + method.getName(),
                        roles(resource, method), params(method, true), params(method, false), multipart(method)));
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return List.copyOf(routes);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Routes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code /a//{id: [0-9]+}/} becomes {@code /a/{id}}. */
    public static String normalise(String path) {
        Matcher m = PARAMETER.matcher(path.replaceAll("/+", "/"));
        String plain = m.replaceAll("{$1}");
        return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
    }

    private static String verb(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(h -> h != null)
                .map(HttpMethod::value).findFirst().orElse(null);
    }

    /** Whether the method takes only multipart/form-data (an upload), so a caller must send that. */
    private static boolean multipart(Method method) {
        jakarta.ws.rs.Consumes consumes = method.getAnnotation(jakarta.ws.rs.Consumes.class);
        return consumes != null && Arrays.stream(consumes.value()).allMatch(v -> v.startsWith("multipart/form-data"));
    }

    private static List<String> roles(Class<?> resource, Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return List.of();
        }
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : resource.getAnnotation(RolesAllowed.class);
        return roles == null ? List.of() : List.of(roles.value());
    }

    private static List<Param> params(Method method, boolean query) {
        List<Param> out = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            String name = null;
            if (query && p.isAnnotationPresent(RestQuery.class)) {
                name = p.getAnnotation(RestQuery.class).value();
            } else if (query && p.isAnnotationPresent(QueryParam.class)) {
                name = p.getAnnotation(QueryParam.class).value();
            } else if (!query && p.isAnnotationPresent(RestForm.class)) {
                name = p.getAnnotation(RestForm.class).value();
            } else if (!query && p.isAnnotationPresent(FormParam.class)) {
                name = p.getAnnotation(FormParam.class).value();
            }
            if (name != null) {
                out.add(new Param(name.isEmpty() ? p.getName() : name, p.getType()));
            }
        }
        return out;
    }
}
