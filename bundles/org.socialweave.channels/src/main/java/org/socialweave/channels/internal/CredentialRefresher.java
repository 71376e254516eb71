package org.socialweave.channels.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes expiring access tokens before anyone needs them, so a scheduled post never waits for
 * (or fails on) a refresh. Runs on every node; the refresh lease in {@link ChannelServiceImpl}
 * keeps two nodes from refreshing one channel.
 */
@Component(configurationPid = "org.socialweave.channels")
public class CredentialRefresher {

  private static final Logger LOG = LoggerFactory.getLogger(CredentialRefresher.class);

  /** Channels per pass; the next pass takes the rest. */
  static final int BATCH = 200;

  private final ScheduledExecutorService timer;

  @Activate
  public CredentialRefresher(@Reference ChannelServiceImpl channels, ChannelsConfig config) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "socialweave-credential-refresher");
              thread.setDaemon(true);
              return thread;
            });
    long interval = Math.max(5, config.refreshIntervalSeconds());
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            int tried = channels.refreshDue(BATCH);
            if (tried > 0) {
              LOG.info("Refreshed the credentials of {} channels", tried);
            }
          } catch (RuntimeException e) {
            // The database may be briefly away; the next pass tries again.
            LOG.warn("Credential refresh pass failed: {}", e.toString());
          }
        },
        interval,
        interval,
        TimeUnit.SECONDS);
  }

  @Deactivate
  void stop() {
    timer.shutdownNow();
  }
}
