/** Stream helpers for the bundles that take bodies and uploads. */
package org.socialweave.core.io;
