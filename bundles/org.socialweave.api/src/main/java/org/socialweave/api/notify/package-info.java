/** Notifications for people: the {@link org.socialweave.api.notify.Notifier} SPI and its router. */
package org.socialweave.api.notify;
