package org.socialweave.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST method that reads its request body as a stream and enforces its own, configured size
 * limit while it reads (media uploads). The REST layer's general body limit does not apply to it,
 * and its body is never buffered (so an {@code Idempotency-Key} is not replayed for it: such
 * uploads must be idempotent by themselves, e.g. by content hash). Every other method keeps the
 * general limit.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StreamedUpload {}
