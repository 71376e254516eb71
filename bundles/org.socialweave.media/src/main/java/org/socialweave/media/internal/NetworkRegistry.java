package org.socialweave.media.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.PlatformConnector;

/**
 * The installed connectors' descriptors by their {@code socialweave.platform} property; they come
 * and go with the connector bundles.
 */
@Component(service = NetworkRegistry.class)
public class NetworkRegistry {

  private final Map<String, PlatformConnector> byNetwork = new ConcurrentHashMap<>();

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void add(PlatformConnector connector, Map<String, Object> properties) {
    Object network = properties.get(PlatformConnector.NETWORK_PROPERTY);
    if (network != null) {
      byNetwork.put(network.toString(), connector);
    }
  }

  public void remove(PlatformConnector connector, Map<String, Object> properties) {
    Object network = properties.get(PlatformConnector.NETWORK_PROPERTY);
    if (network != null) {
      byNetwork.remove(network.toString(), connector);
    }
  }

  public Optional<NetworkDescriptor> find(String network) {
    return Optional.ofNullable(network == null ? null : byNetwork.get(network))
        .map(PlatformConnector::descriptor);
  }
}
