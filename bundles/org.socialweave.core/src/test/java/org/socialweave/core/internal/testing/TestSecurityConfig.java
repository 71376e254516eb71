package org.socialweave.core.internal.testing;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.socialweave.core.internal.security.SecurityConfig;

/**
 * A {@link SecurityConfig} as Declarative Services would build it: every attribute returns its
 * declared default unless overridden. Argon2 runs with 1 MiB and one pass so tests stay fast.
 */
public final class TestSecurityConfig {

  private TestSecurityConfig() {}

  public static SecurityConfig fast() {
    return with(Map.of());
  }

  /** Overrides on top of {@link #fast()}, keyed by attribute name. */
  public static SecurityConfig with(Map<String, Object> overrides) {
    Map<String, Object> values = new HashMap<>();
    values.put("argon2MemoryKiB", 1024);
    values.put("argon2Iterations", 1);
    values.putAll(overrides);
    return (SecurityConfig)
        Proxy.newProxyInstance(
            SecurityConfig.class.getClassLoader(),
            new Class<?>[] {SecurityConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "annotationType" -> SecurityConfig.class;
                  case "toString" -> "TestSecurityConfig" + values;
                  case "hashCode" -> values.hashCode();
                  case "equals" -> proxy == args[0];
                  default ->
                      values.containsKey(method.getName())
                          ? values.get(method.getName())
                          : method.getDefaultValue();
                });
  }
}
