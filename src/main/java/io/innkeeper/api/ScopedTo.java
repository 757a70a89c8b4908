package io.innkeeper.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.innkeeper.account.TokenResource;

/**
 * The resource an API operation belongs to, for tokens narrowed to some ({@link ApiAccess} checks it): on the
 * resource class, or on a method that belongs elsewhere. No resource ({@code @ScopedTo({})}) means any token may
 * call it (the catalog). Every API resource class carries one; {@code ApiTokenScopesTest} checks that.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface ScopedTo {

    TokenResource[] value();

    /** Marks the one operation a bootstrap token may call (minting a token). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Bootstrap {
    }
}
