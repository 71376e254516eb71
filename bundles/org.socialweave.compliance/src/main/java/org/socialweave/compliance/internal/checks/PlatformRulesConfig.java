package org.socialweave.compliance.internal.checks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.socialweave.compliance.platform.cfg}. */
@ObjectClassDefinition(name = "SocialWeave compliance: platform rules")
public @interface PlatformRulesConfig {

  @AttributeDefinition(description = "Warn when a post carries more hashtags than this")
  int maxHashtags() default 10;

  @AttributeDefinition(description = "Warn when a post mentions more accounts than this")
  int maxMentions() default 10;

  @AttributeDefinition(
      description =
          "Networks whose posts cannot carry clickable external links (WeChat Official Account"
              + " articles): a link there is a warning")
  String[] networksWithoutLinks() default {"wechat"};
}
