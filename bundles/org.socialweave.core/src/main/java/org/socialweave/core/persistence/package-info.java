/**
 * Persistence helpers for every bundle that owns tables: transactions, schema migrations, ids,
 * paging and the digests of audited records.
 */
package org.socialweave.core.persistence;
