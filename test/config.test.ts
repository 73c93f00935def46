import { ConfigError, loadConfig } from '../src/config';

test('defaults give the embedded setup', () => {
  const c = loadConfig({}, '/srv/app');
  expect(c.port).toBe(3000);
  expect(c.dataDir).toBe('/srv/app/data');
  expect(c.databaseUrl).toBeUndefined();
  expect(c.confidenceThreshold).toBe(0.5);
});

test.each([
  ['PORT', 'abc', /PORT must be an integer/],
  ['PORT', '70000', /PORT must be an integer from 0 to 65535/],
  ['NLU_CONFIDENCE_THRESHOLD', '1.5', /NLU_CONFIDENCE_THRESHOLD/],
  ['DATABASE_URL', 'mysql://x', /DATABASE_URL must use postgres/],
  ['REDIS_URL', 'not a url', /REDIS_URL is not a valid URL/],
  ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
  ['NLU_ENCODER', 'bert', /NLU_ENCODER must be one of default, use-lite/],
])('%s=%s is refused with a message naming it', (key, value, message) => {
  expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
  expect(() => loadConfig({ [key]: value })).toThrow(message);
});

test('ALLOWED_ORIGINS is a trimmed list', () => {
  expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.test, https://b.test,' }).allowedOrigins).toEqual(['https://a.test', 'https://b.test']);
});

test('NLU_ENCODER: default unless accurate mode is asked for; none is the default', () => {
  expect(loadConfig({}).nluEncoder).toBe('default');
  expect(loadConfig({ NLU_ENCODER: 'none' }).nluEncoder).toBe('default');
  expect(loadConfig({ NLU_ENCODER: 'use-lite' }).nluEncoder).toBe('use-lite');
});
