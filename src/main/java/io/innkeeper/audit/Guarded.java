package io.innkeeper.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a service whose transactional methods take locks that others queue behind (orders, quota changes). Runs
 * outside the transaction: it bounds how many such transactions a replica runs at once, so queued callers wait
 * without holding a database connection, and it records {@link Refused} refusals after the rollback.
 */
@InterceptorBinding
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Guarded {
}
