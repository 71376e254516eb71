package org.socialweave.bench.bare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The same-JVM baseline of {@code bench/http-overhead}: a plain servlet registered through the
 * OSGi HTTP whiteboard, so it runs in the platform's own JVM behind the same Pax Web Jetty
 * connector and port as {@code /api/v1/health}, but without CXF, JAX-RS filters, security or the
 * database. It answers with the same small JSON body as the health endpoint.
 *
 * <p>Only for benchmarks: the bench script drops this bundle into {@code deploy/} of a throw-away
 * unpack of the distribution. It is not part of the distribution.
 *
 * <p>It needs an explicit servlet name: Pax Web 8 names an unnamed whiteboard servlet after its
 * service interface ({@code javax.servlet.Servlet}), a name the platform's Swagger UI servlet
 * already holds in the default context, and would park a second one as "awaiting registration".
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("socialweave-bench-bare")
@HttpWhiteboardServletPattern("/bench/bare")
public class BareServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final byte[] BODY =
      "{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"up\":true,\"detail\":\"H2\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setContentLength(BODY.length);
    response.getOutputStream().write(BODY);
  }
}
