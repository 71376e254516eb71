package org.socialweave.bench.bare;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The same-JVM ceiling of {@code bench/links}: the answer nginx gives there (a static 302 with the
 * same {@code Location} and {@code Cache-Control}), from a plain whiteboard servlet behind the
 * same Pax Web Jetty connector as {@code /s/{code}}, without a lookup or a click.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("socialweave-bench-redirect")
@HttpWhiteboardServletPattern("/bench/redirect/*")
public class BareRedirectServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final String TARGET =
      "https://shop.example/p/42?color=red&utm_source=weibo&utm_medium=social#specs";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_FOUND);
    response.setHeader("Location", TARGET);
    response.setHeader("Cache-Control", "private, no-store");
    response.setContentLength(0);
  }
}
