package org.socialweave.api.channel;

import org.socialweave.api.connector.ConnectFlow;
import org.socialweave.api.connector.NetworkDescriptor;

/** A network a channel can be connected to: an installed connector's description and flow. */
public record Network(NetworkDescriptor descriptor, ConnectFlow connectFlow) {}
