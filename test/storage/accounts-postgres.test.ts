import { accountsContract } from './accounts.contract';
import { postgresPerTest, requirePostgres } from './pg-test-db';

// A fresh schema per test, dropped afterwards (needs the PostgreSQL from TEST_DATABASE_URL).
beforeAll(requirePostgres);
const pg = postgresPerTest();
accountsContract('postgres', pg.make, pg.cleanup);
