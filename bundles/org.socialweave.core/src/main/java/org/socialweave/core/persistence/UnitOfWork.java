package org.socialweave.core.persistence;

import java.sql.SQLException;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.SocialWeaveException;

/**
 * Transactions over one bundle's persistence unit, with database clashes turned into API errors: a
 * version clash is a 412, a unique-constraint clash a 409. Every bundle that owns tables wraps its
 * own {@link EntityManagerFactory} in one.
 */
public final class UnitOfWork {

  private final EntityManagerFactory emf;

  public UnitOfWork(EntityManagerFactory emf) {
    this.emf = emf;
  }

  /** Runs {@code work} in one transaction and maps constraint and version clashes to API errors. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } catch (OptimisticLockException e) {
      throw new PreconditionFailedException("the record was changed by someone else; reload it");
    } catch (PersistenceException e) {
      throw translate(e);
    } finally {
      if (tx.isActive()) {
        tx.rollback();
      }
      em.close();
    }
  }

  /** Runs read-only {@code work} without a transaction of its own. */
  public <T> T read(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    try {
      return work.apply(em);
    } finally {
      em.close();
    }
  }

  private static RuntimeException translate(PersistenceException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockException) {
        return new PreconditionFailedException("the record was changed by someone else; reload it");
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return new ConflictException("a record with the same unique values already exists");
      }
      if (cause instanceof SocialWeaveException domain) {
        return domain;
      }
    }
    return e;
  }
}
