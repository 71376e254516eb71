package org.socialweave.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.socialweave.api.health.HealthIndicator;
import org.socialweave.api.health.HealthIndicator.HealthStatus;

@Service
@Command(
    scope = "socialweave",
    name = "status",
    description = "Shows the SocialWeave bundles, every health indicator and the overall state")
public class StatusCommand extends SocialWeaveCommand {

  @Reference BundleContext bundleContext;

  /** A bundle as the status report shows it. */
  record BundleLine(long id, String symbolicName, String version, String state) {}

  @Override
  protected void run() {
    List<BundleLine> bundles = new ArrayList<>();
    for (Bundle b : bundleContext.getBundles()) {
      String name = b.getSymbolicName();
      if (name != null && name.startsWith("org.socialweave.")) {
        bundles.add(new BundleLine(b.getBundleId(), name, b.getVersion().toString(), state(b)));
      }
    }
    List<ServiceReference<HealthIndicator>> refs = new ArrayList<>();
    List<HealthIndicator> indicators = new ArrayList<>();
    try {
      refs.addAll(bundleContext.getServiceReferences(HealthIndicator.class, null));
      for (ServiceReference<HealthIndicator> ref : refs) {
        HealthIndicator indicator = bundleContext.getService(ref);
        if (indicator != null) {
          indicators.add(indicator);
        }
      }
      report(out(), bundleContext.getBundle().getVersion().toString(), bundles, indicators);
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    } finally {
      for (ServiceReference<HealthIndicator> ref : refs) {
        bundleContext.ungetService(ref);
      }
    }
  }

  /**
   * Prints the report.
   *
   * @return whether the node is up: at least one indicator and all of them up
   */
  static boolean report(
      PrintStream out, String version, List<BundleLine> bundles, List<HealthIndicator> indicators) {
    out.println("SocialWeave shell " + version);
    out.println();
    ShellTable bundleTable = new ShellTable().emptyTableText("no org.socialweave.* bundles");
    bundleTable.column("ID").alignRight();
    bundleTable.column("Bundle");
    bundleTable.column("Version");
    bundleTable.column("State");
    bundles.stream()
        .sorted(Comparator.comparing(BundleLine::symbolicName))
        .forEach(
            b -> bundleTable.addRow().addContent(b.id(), b.symbolicName(), b.version(), b.state()));
    bundleTable.print(out);
    out.println();

    boolean up = !indicators.isEmpty();
    boolean degraded = false;
    ShellTable healthTable = new ShellTable().emptyTableText("no health indicators registered");
    healthTable.column("Indicator");
    healthTable.column("Status");
    healthTable.column("Detail");
    List<HealthIndicator> sorted = new ArrayList<>(indicators);
    sorted.sort(Comparator.comparing(HealthIndicator::name));
    for (HealthIndicator indicator : sorted) {
      HealthStatus status = check(indicator);
      up &= status.up();
      degraded |= status.degraded();
      healthTable
          .addRow()
          .addContent(indicator.name(), status.state(), nullToEmpty(status.detail()));
    }
    healthTable.print(out);
    out.println();
    out.println("Overall: " + (!up ? "DOWN" : degraded ? "DEGRADED" : "UP"));
    return up;
  }

  private static HealthStatus check(HealthIndicator indicator) {
    try {
      HealthStatus status = indicator.check();
      return status != null ? status : HealthStatus.down("no answer");
    } catch (RuntimeException e) {
      return HealthStatus.down("check failed: " + CommandSupport.message(e));
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  static String state(Bundle bundle) {
    return switch (bundle.getState()) {
      case Bundle.UNINSTALLED -> "Uninstalled";
      case Bundle.INSTALLED -> "Installed";
      case Bundle.RESOLVED -> "Resolved";
      case Bundle.STARTING -> "Starting";
      case Bundle.STOPPING -> "Stopping";
      case Bundle.ACTIVE -> "Active";
      default -> "Unknown";
    };
  }
}
