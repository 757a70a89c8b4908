package io.innkeeper.web;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Text;

/**
 * Checks every text field of a portal form against {@link Text} (as multi-line text, since a form does not say
 * which fields are textareas) before a controller reads it: a control or bidi character answers 400 naming the
 * field, as {@link ErrorPages} shows an {@link InvalidInput}, instead of reaching the database (which refuses NUL).
 */
public class FormText {

    @ServerRequestFilter(readBody = true)
    public void check(ResteasyReactiveContainerRequestContext request) {
        if (!(request.getServerRequestContext() instanceof ResteasyReactiveRequestContext context)) {
            return;
        }
        FormData form = context.getFormData();
        if (form == null) {
            return;
        }
        FieldErrors errors = new FieldErrors();
        for (String field : form) {
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
