import { handoffStoreContract } from './handoff.contract';
import { sqlitePerTest } from './sqlite-test-db';

// A fresh SQLite file per test, in a temporary directory.
const sqlite = sqlitePerTest();
handoffStoreContract('sqlite', sqlite.make, sqlite.cleanup);
