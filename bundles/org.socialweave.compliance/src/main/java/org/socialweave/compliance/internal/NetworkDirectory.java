package org.socialweave.compliance.internal;

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

/** The networks of the connectors registered now, so a check request can name its network. */
@Component(service = NetworkDirectory.class)
public class NetworkDirectory {

  private final Map<PlatformConnector, NetworkDescriptor> networks = new ConcurrentHashMap<>();

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addConnector(PlatformConnector connector) {
    networks.put(connector, connector.descriptor());
  }

  void removeConnector(PlatformConnector connector) {
    networks.remove(connector);
  }

  public Optional<NetworkDescriptor> find(String id) {
    return networks.values().stream().filter(n -> n.id().equals(id)).findFirst();
  }
}
