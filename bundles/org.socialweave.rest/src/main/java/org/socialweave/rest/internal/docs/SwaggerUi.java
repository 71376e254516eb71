package org.socialweave.rest.internal.docs;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Interactive API docs at {@code /api/docs}: Swagger UI's files from its webjar (packed into this
 * bundle under {@code /swagger-ui}) pointed at {@code /api/v1/openapi.json}. Named, because Pax Web
 * parks a second unnamed servlet (a plug-in's) behind the first one.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("socialweave-api-docs")
@HttpWhiteboardServletPattern("/api/docs")
@HttpWhiteboardResource(pattern = "/api/docs/*", prefix = "/swagger-ui")
public class SwaggerUi extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect("/api/docs/index.html");
  }
}
