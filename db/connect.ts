import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { parseDatabaseEnv } from "@/lib/env-schema";
import * as schema from "./schema";

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: "postgres" | "pglite";
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Takes a session-level advisory lock on a connection kept for it, so only one process
   * runs something (the local outreach engine). False when another holds it. PGlite is
   * single-process, so always true there.
   */
  tryExclusiveLock(key: number): Promise<boolean>;
  /** Calls `onNotify` on each NOTIFY on `channel` from another process, until this one ends (reconnecting as needed). */
  listen(channel: string, onNotify: () => void): Promise<void>;
}

/** pg_advisory_lock key that makes concurrent starts migrate one after another ("migrat" in ASCII). */
const MIGRATE_LOCK_KEY = 0x6d6967726174;

/** How drizzle names columns here (and in drizzle.config.ts), and in SQL_DIALECT below. */
export const DB_CASING = "snake_case";
/** Renders drizzle `sql` to text and parameters outside a handle (run-statement.ts, execute-rows.ts). */
export const SQL_DIALECT = new PgDialect({ casing: DB_CASING });

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function defaultPgliteDir(): string {
  return parseDatabaseEnv(process.env).PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/**
 * Postgres (postgres.js) when DATABASE_URL is set, otherwise embedded PGlite in a
 * local folder ("memory://" keeps it in memory). Same schema, same migrations.
 */
export async function createDatabase(options: { url?: string; pgliteDir?: string } = {}): Promise<Database> {
  const config = parseDatabaseEnv(process.env);
  const url = options.url ?? config.DATABASE_URL;
  if (url) {
    const client = postgres(url, {
      max: config.DATABASE_POOL_SIZE,
      onnotice: () => {},
      // Postgres' default, pinned: the list's literals (run-statement.ts) are escaped for it.
      connection: { standard_conforming_strings: "on" },
    });
    const db = drizzlePostgres(client, { schema, casing: DB_CASING });
    return {
      db,
      driver: "postgres",
      // Server processes starting together (WEB_CONCURRENCY, several instances) take turns:
      // the first applies what is pending, the others then find nothing to do.
      async migrate() {
        const reserved = await client.reserve();
        try {
          await reserved`select pg_advisory_lock(${MIGRATE_LOCK_KEY})`;
          await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await reserved`select pg_advisory_unlock(${MIGRATE_LOCK_KEY})`.catch(() => {});
          reserved.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
      async tryExclusiveLock(key) {
        const reserved = await client.reserve();
        const [row] = await reserved<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}) as locked`;
        // Holding the lock means holding its connection: it is released only when the process ends.
        if (!row?.locked) reserved.release();
        return row?.locked === true;
      },
      async listen(channel, onNotify) {
        await client.listen(channel, () => onNotify());
      },
    };
  }
  const dir = options.pgliteDir ?? defaultPgliteDir();
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: { btree_gin, pg_trgm } });
  const db = drizzlePglite(client, { schema, casing: DB_CASING });
  return {
    db,
    driver: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
    tryExclusiveLock: async () => true,
    // One process: the in-process doorbell is all there is to ring.
    listen: async () => {},
  };
}
