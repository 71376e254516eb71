package org.socialweave.compliance.internal;

import java.lang.annotation.Annotation;

/** {@link ComplianceConfig} with its defaults, as metatype gives them without a configuration. */
public final class Configs {

  public static final ComplianceConfig DEFAULTS =
      new ComplianceConfig() {
        @Override
        public Class<? extends Annotation> annotationType() {
          return ComplianceConfig.class;
        }

        @Override
        public String[] disabledChecks() {
          return new String[0];
        }

        @Override
        public int wordListCacheSeconds() {
          return 30;
        }

        @Override
        public int maxTextLength() {
          return 1_048_576;
        }
      };

  private Configs() {}
}
