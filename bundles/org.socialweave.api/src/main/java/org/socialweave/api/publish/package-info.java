/**
 * The publishing pipeline's contracts: the outbox that the post commands write and the dispatcher
 * claims, and the events it posts ({@link org.socialweave.api.publish.PublishEvents}).
 */
package org.socialweave.api.publish;
