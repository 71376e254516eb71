package org.socialweave.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission a REST method needs. A method without it is refused (fail closed). For
 * workspace-scoped permissions the workspace comes from the {@code workspaceId} path parameter.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface RequiresPermission {
  Permission value();
}
