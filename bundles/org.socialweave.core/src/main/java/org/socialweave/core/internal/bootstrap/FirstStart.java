package org.socialweave.core.internal.bootstrap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.PageRequest;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.security.Role;
import org.socialweave.core.internal.Secrets;

/**
 * On an empty database, creates the first administrator. There is no default password: it comes
 * from configuration or {@code SOCIALWEAVE_ADMIN_PASSWORD}, or is generated and shown once.
 */
@Component(
    immediate = true,
    service = FirstStart.class,
    configurationPid = "org.socialweave.bootstrap")
@Designate(ocd = BootstrapConfig.class)
public class FirstStart {

  static final String ENV_PASSWORD = "SOCIALWEAVE_ADMIN_PASSWORD";
  private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

  @Activate
  public FirstStart(
      @Reference UserService users,
      @Reference WorkspaceService workspaces,
      BootstrapConfig config) {
    run(users, workspaces, config, System.getenv(ENV_PASSWORD));
  }

  static void run(
      UserService users, WorkspaceService workspaces, BootstrapConfig config, String envPassword) {
    if (users.list(PageRequest.first(1)).items().isEmpty()) {
      createAdmin(users, config, envPassword);
    }
    if (config.demoData() && workspaces.find("demo").isEmpty()) {
      createDemo(users, workspaces, config);
    }
  }

  private static void createAdmin(UserService users, BootstrapConfig config, String envPassword) {
    String configured = !config.adminPassword().isEmpty() ? config.adminPassword() : envPassword;
    boolean generated = configured == null || configured.isEmpty();
    String password = generated ? Secrets.randomToken(15) : configured;
    try {
      users.create(config.adminUsername(), "Administrator", null, password.toCharArray(), true);
    } catch (ConflictException raceWithAnotherNode) {
      return;
    }
    if (generated) {
      String banner =
          "SocialWeave first start: administrator '"
              + config.adminUsername()
              + "' created with password "
              + password
              + " (shown once; change it with socialweave:user-passwd)";
      // The one deliberate console print: the operator must see this password exactly once.
      System.out.println(banner);
      LOG.warn(banner);
    } else {
      LOG.info("SocialWeave first start: administrator '{}' created", config.adminUsername());
    }
  }

  private static void createDemo(
      UserService users, WorkspaceService workspaces, BootstrapConfig config) {
    try {
      Workspace demo = workspaces.create("demo", "Demo Brand 演示品牌", "Asia/Shanghai");
      User admin = users.find(config.adminUsername()).orElseThrow();
      workspaces.grant(demo.id(), admin.id(), Role.ADMIN);
      LOG.info("Created the demo workspace {}", demo.id());
    } catch (ConflictException raceWithAnotherNode) {
      LOG.debug("demo workspace created concurrently by another node");
    }
  }
}
