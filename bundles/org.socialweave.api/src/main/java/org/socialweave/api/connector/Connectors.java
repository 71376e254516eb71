package org.socialweave.api.connector;

import java.util.List;
import java.util.Optional;

/** The connectors installed now, by network id; they come and go with their bundles. */
public interface Connectors {

  Optional<PlatformConnector> find(String network);

  /**
   * @throws org.socialweave.api.error.NotFoundException when no connector of that network is
   *     installed
   */
  PlatformConnector require(String network);

  /** Every installed connector, by network id. */
  List<PlatformConnector> all();
}
