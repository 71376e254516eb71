/**
 * Content checks: the {@link org.socialweave.api.compliance.ContentCheck} SPI that inspects a text
 * before it is approved or published, its {@link org.socialweave.api.compliance.Finding findings},
 * and the {@link org.socialweave.api.compliance.ComplianceService} that runs every enabled check
 * and keeps each workspace's sensitive-word lists.
 *
 * <p>Pure JDK types, no implementation. A check is a DS service with the property {@value
 * org.socialweave.api.compliance.ContentCheck#CHECK_PROPERTY}; checks that arrive or leave at
 * runtime are picked up by the service without a restart.
 */
package org.socialweave.api.compliance;
