package org.socialweave.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The web console at {@code /}: the built single-page application from this bundle's {@code
 * /console} folder. Registered as the default servlet ("/"), so every longer pattern (/api/v1/*,
 * /api/docs, /s/*, /system/*) keeps its own servlet; a reserved path no servlet claims gets a 404
 * problem here instead of the console's page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("socialweave-console")
@HttpWhiteboardServletPattern("/")
public class ConsoleServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /**
   * antd writes its styles at runtime (CSS-in-JS), hence the inline styles; scripts come only from
   * the console itself, and the page talks only to its own origin.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; "
          + "base-uri 'self'; form-action 'self'";

  private final transient StaticFiles files =
      new StaticFiles(path -> ConsoleServlet.class.getResource("/console" + path));

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    answer(request, response, true);
  }

  @Override
  protected void doHead(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    answer(request, response, false);
  }

  private void answer(HttpServletRequest request, HttpServletResponse response, boolean withBody)
      throws IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String acceptEncoding = request.getHeader("Accept-Encoding");
    boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase().contains("gzip");
    Optional<StaticFiles.Answer> found = files.resolve(path, gzip);
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (found.isEmpty()) {
      notFound(path, response);
      return;
    }
    StaticFiles.Answer file = found.get();
    response.setHeader("Cache-Control", file.cacheControl());
    response.setHeader("ETag", file.etag());
    response.setHeader("Vary", "Accept-Encoding");
    if (file.contentType().startsWith("text/html")) {
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.setHeader("Referrer-Policy", "same-origin");
    }
    if (file.etag().equals(request.getHeader("If-None-Match"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setContentType(file.contentType());
    if (file.gzip()) {
      response.setHeader("Content-Encoding", "gzip");
    }
    response.setContentLength(file.body().length);
    if (withBody) {
      response.getOutputStream().write(file.body());
    }
  }

  private static void notFound(String path, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    String detail = StaticFiles.reserved(path) ? "no such endpoint" : "no such file in the console";
    response
        .getOutputStream()
        .write(
            ("{\"type\":\"urn:socialweave:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
                    + "\"detail\":\""
                    + detail
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8));
  }
}
