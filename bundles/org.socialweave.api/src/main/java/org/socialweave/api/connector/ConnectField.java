package org.socialweave.api.connector;

import java.util.Map;

/**
 * One value the user types to connect a channel without a redirect (app id, app password, bot
 * token, instance URL...).
 *
 * @param name the key in the map given to {@link PlatformConnector#connect}
 * @param labelZh the label in Simplified Chinese
 * @param labelEn the label in English
 * @param secret whether the value is a secret: masked in forms, never echoed or logged
 */
public record ConnectField(String name, String labelZh, String labelEn, boolean secret) {

  public ConnectField {
    ChannelContext.requireText("name", name);
    ChannelContext.requireText("labelZh", labelZh);
    ChannelContext.requireText("labelEn", labelEn);
  }

  /**
   * The value of field {@code name} as the user typed it.
   *
   * @throws IllegalArgumentException when it is missing or blank
   */
  public static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}
