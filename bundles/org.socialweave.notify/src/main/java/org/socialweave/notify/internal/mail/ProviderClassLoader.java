package org.socialweave.notify.internal.mail;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Lets Jakarta Mail and Jakarta Activation find their Angus implementations in OSGi. Both look up
 * providers with {@link java.util.ServiceLoader} and {@code META-INF} resources through the thread
 * context class loader; there is no SPI Fly here, so while a message is sent the context loader is
 * this one, which sees the resources and classes of the Angus bundles.
 */
final class ProviderClassLoader extends ClassLoader {

  private final List<ClassLoader> providers;

  ProviderClassLoader(ClassLoader parent, List<ClassLoader> providers) {
    super(parent);
    this.providers = List.copyOf(providers);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    for (ClassLoader provider : providers) {
      try {
        return provider.loadClass(name);
      } catch (ClassNotFoundException next) {
        // try the next bundle
      }
    }
    throw new ClassNotFoundException(name);
  }

  @Override
  protected URL findResource(String name) {
    for (ClassLoader provider : providers) {
      URL url = provider.getResource(name);
      if (url != null) {
        return url;
      }
    }
    return null;
  }

  @Override
  protected Enumeration<URL> findResources(String name) throws IOException {
    List<URL> all = new ArrayList<>();
    for (ClassLoader provider : providers) {
      all.addAll(Collections.list(provider.getResources(name)));
    }
    return Collections.enumeration(all.stream().distinct().toList());
  }
}
