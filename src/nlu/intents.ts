/** Loading the intent definitions in `intents/*.yaml` (one intent per file). */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { IntentDefinition, LabelledExample } from './types';

export class IntentFileError extends Error {
  override name = 'IntentFileError';
}

const NAME = /^[a-z][a-z0-9_]*$/;

function validate(file: string, raw: unknown): IntentDefinition {
  const base = path.basename(file).replace(/\.ya?ml$/, '');
  const fail = (why: string): never => {
    throw new IntentFileError(`${file}: ${why}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('expected a mapping with name, category, label, examples');
  const o = raw as Record<string, unknown>;
  if (typeof o.name !== 'string' || !NAME.test(o.name)) fail('"name" must be a snake_case string');
  if (o.name !== base) fail(`"name" is "${String(o.name)}" but must equal the file name "${base}"`);
  if (typeof o.category !== 'string' || !NAME.test(o.category)) fail('"category" must be a snake_case string');
  if (typeof o.label !== 'string' || !o.label.trim()) fail('"label" must be a non-empty string');
  if (!Array.isArray(o.examples) || o.examples.length === 0) fail('"examples" must be a non-empty list');
  const examples = (o.examples as unknown[]).map((e, i) => {
    if (typeof e !== 'string' || !e.trim()) fail(`examples[${i}] must be a non-empty string`);
    return (e as string).trim();
  });
  return { name: o.name as string, category: o.category as string, label: (o.label as string).trim(), examples };
}

/**
 * Reads and validates every `*.yaml` / `*.yml` file in `dir`, sorted by name. A missing folder
 * gives an empty list. Throws IntentFileError naming the file on bad YAML, a missing field, a name
 * that differs from the file name, or a duplicate name.
 */
export function loadIntents(dir: string): IntentDefinition[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const seen = new Map<string, string>();
  const out: IntentDefinition[] = [];
  for (const f of files) {
    const file = path.join(dir, f);
    let raw: unknown;
    try {
      raw = parseYaml(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new IntentFileError(`${file}: invalid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    const def = validate(file, raw);
    const prev = seen.get(def.name);
    if (prev) throw new IntentFileError(`${file}: duplicate intent "${def.name}" (also in ${prev})`);
    seen.set(def.name, file);
    out.push(def);
  }
  return out;
}

/** One labelled example per (intent, example) pair, with the intent's category. */
export function toExamples(defs: IntentDefinition[]): LabelledExample[] {
  return defs.flatMap((d) => d.examples.map((text) => ({ text, intent: d.name, category: d.category })));
}

/** Intent name → category. */
export function categoryMap(defs: IntentDefinition[]): Record<string, string> {
  return Object.fromEntries(defs.map((d) => [d.name, d.category]));
}
