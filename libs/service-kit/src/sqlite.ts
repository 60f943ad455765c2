import { Inject, Injectable, type InjectionToken, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PLATFORM_CONFIG, type PlatformConfig } from './config';

/** Opens a service's own SQLite file (read models, checkpoints) with the pragmas every one of them wants. */
export function openSqlite(path: string): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  // A 64 MiB page cache and memory-mapped reads: read models are written row by row at thousands of messages a
  // second, and SQLite's default 2 MiB cache makes every index update a trip to the OS.
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; ' +
      'PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY;',
  );
  return db;
}

/** Runs fn inside one transaction; node:sqlite is synchronous, so nothing else interleaves. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * A service's own SQLite file (`fileName` under DATA_DIR) as providers: the connection opened once, `token` made of it
 * by `use` (the file itself, or the adapters that wrap it), and the connection closed at shutdown — after every
 * onModuleDestroy, so consumers and pipelines have stopped writing.
 */
export function sqliteFile<T>(
  token: InjectionToken,
  fileName: string,
  use: (db: DatabaseSync, ...deps: any[]) => T = (db) => db as T,
  inject: InjectionToken[] = [],
): Provider[] {
  const connection = Symbol(`sqlite:${fileName}`);

  @Injectable()
  class SqliteFileCloser implements OnApplicationShutdown {
    constructor(@Inject(connection) private readonly db: DatabaseSync) {}

    onApplicationShutdown(): void {
      if (this.db.isOpen) this.db.close();
    }
  }

  return [
    { provide: connection, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => openSqlite(config.dataFile(fileName)) },
    { provide: token, inject: [connection, ...inject], useFactory: use },
    SqliteFileCloser,
  ];
}
