package org.socialweave.core.persistence;

import java.util.List;
import java.util.function.Function;
import javax.persistence.TypedQuery;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;

/**
 * Keyset pagination over id-ordered queries: fetch one more row than asked to know if more exist.
 */
public final class Paging {

  private Paging() {}

  /**
   * @param query a query ordered by id with an {@code :after} parameter compared as {@code id >
   *     :after}
   */
  public static <E, R> Page<R> page(
      TypedQuery<E> query, PageRequest request, Function<E, String> id, Function<E, R> mapper) {
    List<E> rows =
        query
            .setParameter("after", request.after() == null ? "" : request.after())
            .setMaxResults(request.limit() + 1)
            .getResultList();
    boolean more = rows.size() > request.limit();
    List<E> pageRows = more ? rows.subList(0, request.limit()) : rows;
    String next =
        more ? PageRequest.cursorAfter(id.apply(pageRows.get(pageRows.size() - 1))) : null;
    return new Page<>(pageRows.stream().map(mapper).toList(), next);
  }
}
