package org.socialweave.core.persistence;

import java.lang.reflect.Field;
import java.sql.Timestamp;
import java.time.Instant;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.DirectToFieldMapping;
import org.eclipse.persistence.mappings.converters.ConverterClass;
import org.eclipse.persistence.sessions.Session;

/**
 * Declares every {@link Instant} column a {@link Timestamp} column for EclipseLink.
 *
 * <p>{@link InstantConverter} must accept the driver's raw value ({@code Object}), because H2 2.x
 * returns {@code OffsetDateTime} where PostgreSQL returns {@code Timestamp}. EclipseLink takes the
 * column's Java type from the converter's declared database type, and with {@code Object} it binds
 * a null instant as {@code VARCHAR}, which PostgreSQL rejects for a {@code TIMESTAMP WITH TIME
 * ZONE} column. This customizer (named in persistence.xml) installs the same converter with the
 * column type {@code Timestamp}, so nulls are bound as timestamps on every database.
 */
public class InstantColumns implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    for (ClassDescriptor descriptor : session.getDescriptors().values()) {
      for (DatabaseMapping mapping : descriptor.getMappings()) {
        if (mapping instanceof DirectToFieldMapping direct
            && isInstant(descriptor.getJavaClass(), mapping.getAttributeName())) {
          ConverterClass<InstantConverter, Instant, Object> converter =
              new ConverterClass<>(
                  InstantConverter.class.getName(), false, Timestamp.class.getName(), false);
          converter.convertClassNamesToClasses(InstantConverter.class.getClassLoader());
          converter.setSession((AbstractSession) session);
          direct.setConverter(converter);
        }
      }
    }
  }

  private static boolean isInstant(Class<?> type, String attribute) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(attribute);
        return field.getType() == Instant.class;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    return false;
  }
}
