package org.socialweave.media.internal.inspect;

import org.socialweave.api.media.UnsupportedMediaException;

/** Content that starts like a format we take but is truncated or malformed. */
public class DamagedMediaException extends UnsupportedMediaException {
  private static final long serialVersionUID = 1L;

  public DamagedMediaException(MediaFormat format, String what) {
    super("the " + format.name() + " file is damaged or truncated: " + what);
  }
}
