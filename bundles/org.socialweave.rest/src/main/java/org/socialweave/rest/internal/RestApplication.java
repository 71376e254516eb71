package org.socialweave.rest.internal;

import javax.ws.rs.core.Application;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The one JAX-RS application. Resources, filters and providers of any bundle join it by selecting
 * {@link #SELECT}.
 */
@Component(service = Application.class)
@JaxrsName(RestApplication.NAME)
@JaxrsApplicationBase("api/v1")
public class RestApplication extends Application {

  public static final String NAME = "socialweave";
  public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
