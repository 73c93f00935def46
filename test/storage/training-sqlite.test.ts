import { trainingStoreContract } from './training.contract';
import { sqlitePerTest } from './sqlite-test-db';

// A fresh SQLite file per test, in a temporary directory.
const sqlite = sqlitePerTest();
trainingStoreContract('sqlite', sqlite.make, sqlite.cleanup);
