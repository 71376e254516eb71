package org.socialweave.channels.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.error.NotFoundException;

/** The connectors installed now, by network id; they come and go with their bundles. */
@Component(service = {ConnectorRegistry.class, Connectors.class})
public class ConnectorRegistry implements Connectors {

  private final Map<String, PlatformConnector> byNetwork = new ConcurrentHashMap<>();

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void add(PlatformConnector connector) {
    byNetwork.put(connector.descriptor().id(), connector);
  }

  public void remove(PlatformConnector connector) {
    byNetwork.remove(connector.descriptor().id(), connector);
  }

  @Override
  public Optional<PlatformConnector> find(String network) {
    return network == null ? Optional.empty() : Optional.ofNullable(byNetwork.get(network));
  }

  @Override
  public PlatformConnector require(String network) {
    return find(network).orElseThrow(() -> new NotFoundException("network", network));
  }

  @Override
  public List<PlatformConnector> all() {
    return byNetwork.values().stream()
        .sorted(Comparator.comparing(c -> c.descriptor().id()))
        .toList();
  }
}
