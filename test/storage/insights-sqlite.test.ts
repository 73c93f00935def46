import { insightsContract } from './insights.contract';
import { sqlitePerTest } from './sqlite-test-db';

// A fresh SQLite file per test, in a temporary directory.
const sqlite = sqlitePerTest();
insightsContract('sqlite', sqlite.make, sqlite.cleanup);
