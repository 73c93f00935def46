import { CREATE_ADMIN_COMMAND, startBanner, startUrls } from '../../src/cli/banner';

describe('start-up banner', () => {
  test('lists the demo, help, console and docs URLs with localhost for a wildcard bind', () => {
    expect(startUrls({ address: 'http://0.0.0.0:3000', hasDocs: true })).toEqual({
      demo: 'http://localhost:3000/',
      help: 'http://localhost:3000/help',
      console: 'http://localhost:3000/console',
      docs: 'http://localhost:3000/docs',
    });
    expect(startUrls({ address: 'http://127.0.0.1:8080', hasDocs: false })).not.toHaveProperty('docs');
  });

  test('says how to create an admin only while no account exists, then the data directory', () => {
    const first = startBanner({ address: 'http://127.0.0.1:3000', hasAccounts: false, dataDir: '/srv/bot/data', hasDocs: false });
    const adminLine = first.findIndex((l) => l.includes(CREATE_ADMIN_COMMAND));
    expect(first[adminLine - 1]).toMatch(/Create an admin with:$/);
    expect(first.findIndex((l) => l.includes('http://127.0.0.1:3000/console'))).toBeLessThan(adminLine);
    expect(first[first.length - 1]).toBe('Data directory: /srv/bot/data');
    const later = startBanner({ address: 'http://127.0.0.1:3000', hasAccounts: true, dataDir: '/srv/bot/data', hasDocs: false });
    expect(later.join('\n')).not.toContain('agent add');
  });

  test('names a PostgreSQL database without its credentials', () => {
    const lines = startBanner({ address: 'http://127.0.0.1:3000', hasAccounts: true, dataDir: '/d', hasDocs: false, databaseUrl: 'postgres://bot:s3cret@db.internal:5432/chat' });
    expect(lines.join('\n')).toContain('Data: postgres://db.internal:5432/chat (DATABASE_URL)');
    expect(lines.join('\n')).not.toContain('s3cret');
  });
});
