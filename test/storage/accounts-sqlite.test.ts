import { accountsContract } from './accounts.contract';
import { sqlitePerTest } from './sqlite-test-db';

// A fresh SQLite file per test, in a temporary directory.
const sqlite = sqlitePerTest();
accountsContract('sqlite', sqlite.make, sqlite.cleanup);
