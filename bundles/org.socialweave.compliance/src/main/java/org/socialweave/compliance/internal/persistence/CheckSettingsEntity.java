package org.socialweave.compliance.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_check_settings}: one workspace's check settings as JSON. */
@Entity
@Table(name = "sw_check_settings")
public class CheckSettingsEntity {
  @Id
  @Column(name = "workspace_id")
  public String workspaceId;

  /** Check id to {@code {"enabled":..,"severity":..,"parameters":{..}}}. */
  public String settings;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
