package org.socialweave.content.internal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.links.ClickQuery;
import org.socialweave.api.links.ClickStats;
import org.socialweave.api.links.LinkAttribution;
import org.socialweave.api.links.LinkService;
import org.socialweave.api.links.ShortLink;
import org.socialweave.api.links.Utm;

/**
 * Short links kept in memory, idempotent on workspace, target with UTM and attribution as the real
 * service is (whose own tests cover codes, storage and clicks); it counts every call.
 */
final class MintedLinks implements LinkService {

  static final String BASE = "https://sw.example/s/";

  private final Map<String, ShortLink> byIdentity = new ConcurrentHashMap<>();
  final List<ShortLink> calls = new ArrayList<>();

  @Override
  public synchronized ShortLink shorten(
      String workspaceId, URI target, Utm utm, LinkAttribution attribution) {
    URI destination = utm.applyTo(target);
    String identity = workspaceId + " " + destination + " " + attribution;
    ShortLink link =
        byIdentity.computeIfAbsent(
            identity,
            k -> {
              String code = String.format("c%08d", byIdentity.size() + 1);
              return new ShortLink(
                  "link" + code,
                  workspaceId,
                  code,
                  URI.create(BASE + code),
                  destination,
                  utm,
                  attribution,
                  Instant.now());
            });
    calls.add(link);
    return link;
  }

  /** Distinct links minted so far. */
  int minted() {
    return byIdentity.size();
  }

  @Override
  public ShortLink get(String workspaceId, String linkId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<ShortLink> list(String workspaceId, PageRequest page) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ClickStats clicks(String workspaceId, ClickQuery query) {
    throw new UnsupportedOperationException();
  }
}
