import { casesContract } from './cases.contract';
import { sqlitePerTest } from './sqlite-test-db';

// A fresh SQLite file per test, in a temporary directory.
const sqlite = sqlitePerTest();
casesContract('sqlite', sqlite.make, sqlite.cleanup);
