/**
 * The contract between SocialWeave and the social networks: {@link
 * org.socialweave.api.connector.PlatformConnector} and its value types.
 *
 * <p>Pure JDK types, no implementation. One bundle per network registers a {@code
 * PlatformConnector} service with the property {@value
 * org.socialweave.api.connector.PlatformConnector#NETWORK_PROPERTY}; registries discover connectors
 * and their {@link org.socialweave.api.connector.NetworkDescriptor capabilities} at runtime instead
 * of switching on network names. Failures are classified by {@link
 * org.socialweave.api.connector.ErrorKind}, never by parsing messages.
 */
package org.socialweave.api.connector;
