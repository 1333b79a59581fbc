import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import { HealthRepository } from './health.repository.js';

/**
 * An open transaction. A service holds one and hands it to repository methods; it never
 * queries with it (the lint forbids `.query(` outside repositories).
 */
export type Tx = EntityManager;

/** What a repository method runs its SQL on: an open transaction, or the pool when it is given none. */
export type Queryable = EntityManager | DataSource;

/** The unit of work: services open transactions here, never on a DataSource. */
@Injectable()
export class TransactionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}

/** Every feature may open a transaction without importing a module for it (and the health check ask whether the database answers). */
@Global()
@Module({ providers: [TransactionRepository, HealthRepository], exports: [TransactionRepository, HealthRepository] })
export class DatabaseModule {}
