package io.innkeeper.web;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Text;

/**
 * Checks every text field of a form against {@link Text} (as multi-line text, since a form does not say which
 * fields are textareas), and every query parameter of a page as one line, before a controller reads them: a control
 * or bidi character answers 400 naming the field, as {@link ErrorPages} shows an {@link InvalidInput}, instead of
 * reaching the database (which refuses NUL). The API's parameters are checked by its own filter.
 */
public class FormText {

    @ServerRequestFilter(readBody = true)
    public void check(ResteasyReactiveContainerRequestContext request, UriInfo uri) {
        FieldErrors errors = new FieldErrors();
        if (!Paths.isApi(uri.getPath())) {
            uri.getQueryParameters().forEach((field, values) -> values.forEach(value -> {
                String refusal = Text.refusal(value, Integer.MAX_VALUE, false);
                if (refusal != null) {
                    errors.add(field, refusal);
                }
            }));
        }
        FormData form = request.getServerRequestContext() instanceof ResteasyReactiveRequestContext context
                ? context.getFormData() : null;
        for (String field : form == null ? java.util.List.<String>of() : form) {
            for (FormValue value : form.get(field)) {
                String refusal = value.isFileItem() ? null : Text.refusal(value.getValue(), Integer.MAX_VALUE, true);
                if (refusal != null) {
                    errors.add(field, refusal);
                }
            }
        }
        errors.throwIfAny();
    }
}
