package org.csirtdesk.rt.control;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link RtFailureTranslation}: what MicroProfile Fault Tolerance throws around an RT call (circuit open, its
 * own timeout) reaches the caller as {@link RtUnavailable}, so that callers of {@link RtClient} handle two exceptions
 * only.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RtFailures {}
