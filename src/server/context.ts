/** What every route plugin gets: configuration and the database. */
import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
}
