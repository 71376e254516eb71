package org.socialweave.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The baseline: a bare Jetty 9.4 handler (no servlet, no JAX-RS, no security, no database) that
 * answers {@code GET /api/v1/health} with the same small JSON body as the platform. Bound to
 * 127.0.0.1 only, and it stops by itself after {@code maxSeconds} even if nobody stops it.
 *
 * <p>Usage: {@code BareServer <port> [maxSeconds]}
 */
public final class BareServer {

  static final byte[] BODY =
      "{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"up\":true,\"detail\":\"H2\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long maxSeconds = args.length > 1 ? Long.parseLong(args[1]) : 600;

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(
        new AbstractHandler() {
          @Override
          public void handle(
              String target,
              Request baseRequest,
              HttpServletRequest request,
              HttpServletResponse response)
              throws IOException {
            baseRequest.setHandled(true);
            if (!"/api/v1/health".equals(target)) {
              response.setStatus(404);
              return;
            }
            response.setStatus(200);
            response.setContentType("application/json");
            response.getOutputStream().write(BODY);
          }
        });
    server.setStopAtShutdown(true);
    server.start();
    System.out.println("bare jetty listening on 127.0.0.1:" + port);

    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(maxSeconds * 1000);
                System.err.println("bare jetty: max lifetime reached, stopping");
                System.exit(0);
              } catch (InterruptedException ignored) {
                // server joined normally
              }
            },
            "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    server.join();
  }

  private BareServer() {}
}
