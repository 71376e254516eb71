/** Persistence helpers for every bundle that owns tables: transactions and schema migrations. */
package org.socialweave.core.persistence;
