/**
 * What `serve` prints once it listens: where to click, how to get in, where the data lives.
 * A pure function of what the server knows, so a test can read it line by line.
 */

export interface BannerInput {
  /** The address fastify reports, e.g. `http://0.0.0.0:3000` or `http://127.0.0.1:3000`. */
  address: string;
  /** Whether any console account exists; without one the banner says how to create an admin. */
  hasAccounts: boolean;
  /** `DATA_DIR` (absolute). */
  dataDir: string;
  /** Set when PostgreSQL is used; only its host and database are shown, never the password. */
  databaseUrl?: string;
  /** Whether the server serves the API reference at `/docs`. */
  hasDocs: boolean;
}

/** The exact command that creates the first admin (the README shows the same one). */
export const CREATE_ADMIN_COMMAND = 'npm run --silent cli -- agent add --email you@example.com --name "Your Name" --role admin';

/** A browsable base URL: a wildcard bind address becomes localhost. */
export function browsableBase(address: string): string {
  return address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost').replace(/\/+$/, '');
}

/** `postgres://user:secret@db:5432/chat` → `postgres://db:5432/chat` (credentials dropped). */
function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** The pages worth opening, by name. */
export function startUrls(input: Pick<BannerInput, 'address' | 'hasDocs'>): Record<string, string> {
  const base = browsableBase(input.address);
  const urls: Record<string, string> = { demo: `${base}/`, help: `${base}/help`, console: `${base}/console` };
  if (input.hasDocs) urls.docs = `${base}/docs`;
  return urls;
}

/**
 * The start-up banner as lines of plain text.
 * @example startBanner({ address: 'http://0.0.0.0:3000', hasAccounts: false, dataDir: '/srv/data', hasDocs: true })
 * // ['Support chatbot is running:', '  demo shop + widget  http://localhost:3000/', …,
 * //  'No console account yet. Create an admin with:', '  npm run --silent cli -- agent add …', …]
 */
export function startBanner(input: BannerInput): string[] {
  const urls = startUrls(input);
  const labels: Record<string, string> = { demo: 'demo shop + widget', help: 'help centre', console: 'agent console', docs: 'API reference' };
  const width = Math.max(...Object.keys(urls).map((k) => (labels[k] ?? k).length));
  const lines = ['Support chatbot is running:'];
  for (const [key, url] of Object.entries(urls)) lines.push(`  ${(labels[key] ?? key).padEnd(width)}  ${url}`);
  if (!input.hasAccounts) {
    lines.push('No console account yet. Create an admin with:', `  ${CREATE_ADMIN_COMMAND}`, '  (it prints a one-time password; sign in at /console)');
  }
  lines.push(input.databaseUrl ? `Data: ${describeDatabase(input.databaseUrl)} (DATABASE_URL)` : `Data directory: ${input.dataDir}`);
  return lines;
}
