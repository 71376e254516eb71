package org.socialweave.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST method that takes a body but changes nothing: it computes an answer (content checks
 * called on every keystroke of the editor). The audit log records state changes only, so it skips
 * these calls; security and CSRF checks still apply.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadOnly {}
