package org.socialweave.shell.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes IANA time-zone ids such as {@code Asia/Shanghai}. */
@Service
public class TimeZoneCompleter extends CandidatesCompleter {

  @Override
  List<String> candidates() {
    return List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));
  }
}
