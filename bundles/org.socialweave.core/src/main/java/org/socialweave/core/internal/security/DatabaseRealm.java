package org.socialweave.core.internal.security;

import java.util.HashMap;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.UserService;

/**
 * Replaces Karaf's default {@code karaf} realm (rank 0) with one backed by the users table, so ssh,
 * {@code bin/client}, JMX and the REST login all check the same accounts. Karaf picks the realm of
 * a name with the highest rank.
 */
@Component(service = JaasRealm.class)
public class DatabaseRealm implements JaasRealm {

  public static final String NAME = "karaf";
  static final String USER_SERVICE_OPTION = UserService.class.getName();

  private final BundleContext context;
  private final UserService users;

  @Activate
  public DatabaseRealm(BundleContext context, @Reference UserService users) {
    this.context = context;
    this.users = users;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public int getRank() {
    return 100;
  }

  @Override
  public AppConfigurationEntry[] getEntries() {
    Map<String, Object> options = new HashMap<>();
    options.put(ProxyLoginModule.PROPERTY_MODULE, DatabaseLoginModule.class.getName());
    options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
    options.put(BundleContext.class.getName(), context);
    options.put(USER_SERVICE_OPTION, users);
    return new AppConfigurationEntry[] {
      new AppConfigurationEntry(
          ProxyLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED, options)
    };
  }
}
