package org.socialweave.webhooks.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.socialweave.api.error.ValidationException;

/**
 * Which receiver URLs the node calls: http and https only, no user info, and unless {@code
 * allowPrivateAddresses} no host that resolves to loopback, private, link-local, unspecified or
 * multicast addresses. The check runs when a subscription is saved and again before every attempt,
 * so a name that later resolves elsewhere is refused too; a receiver that changes its DNS between
 * the check and the connect is not caught (an egress proxy closes that gap).
 */
public final class UrlPolicy {

  private final boolean allowPrivateAddresses;

  public UrlPolicy(boolean allowPrivateAddresses) {
    this.allowPrivateAddresses = allowPrivateAddresses;
  }

  /** The URL as the node will call it, or a 400 naming the field {@code url}. */
  public URI check(String url) {
    if (url == null || url.isBlank()) {
      throw new ValidationException("url", "url is required");
    }
    if (url.length() > 2000) {
      throw new ValidationException("url", "url must be at most 2000 characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new ValidationException("url", "url is not a URI: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ValidationException("url", "url must be http or https");
    }
    if (uri.getHost() == null) {
      throw new ValidationException("url", "url needs a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ValidationException("url", "url must not carry user info");
    }
    if (uri.getRawFragment() != null) {
      throw new ValidationException("url", "url must not have a fragment");
    }
    if (!allowPrivateAddresses) {
      refuseInternal(uri.getHost());
    }
    return uri;
  }

  private static void refuseInternal(String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new ValidationException("url", "the host " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (isInternal(address)) {
        throw new ValidationException(
            "url",
            "the host "
                + host
                + " resolves to an internal address; set allowPrivateAddresses in"
                + " etc/org.socialweave.webhooks.cfg to allow it");
      }
    }
  }

  static boolean isInternal(InetAddress address) {
    byte[] raw = address.getAddress();
    boolean uniqueLocalV6 = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
    boolean carrierNat = raw.length == 4 && (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64;
    return address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()
        || uniqueLocalV6
        || carrierNat;
  }
}
