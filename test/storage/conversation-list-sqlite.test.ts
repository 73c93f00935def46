import { conversationListContract } from './conversation-list.contract';
import { sqlitePerTest } from './sqlite-test-db';

// A fresh SQLite file per test, in a temporary directory.
const sqlite = sqlitePerTest();
conversationListContract('sqlite', sqlite.make, sqlite.cleanup);
