import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { categoryMap, loadIntents, toExamples } from '../../src/nlu/intents';

const fixtures = path.join(__dirname, 'fixtures');

describe('loadIntents', () => {
  it('reads every yaml file, sorted by name, with categories and labels', () => {
    const defs = loadIntents(path.join(fixtures, 'intents'));
    expect(defs.map((d) => d.name)).toEqual(['card_stolen', 'greeting', 'payment_failed', 'refund_status']);
    expect(categoryMap(defs)).toEqual({ card_stolen: 'security', greeting: 'smalltalk', payment_failed: 'billing', refund_status: 'refund' });
    const examples = toExamples(defs);
    expect(examples).toHaveLength(24);
    expect(examples).toContainEqual({ text: 'where is my refund', intent: 'refund_status', category: 'refund' });
  });

  it('gives an empty list for a missing folder', () => {
    expect(loadIntents(path.join(fixtures, 'nope'))).toEqual([]);
  });

  it('names the file when the intent name differs from the file name', () => {
    expect(() => loadIntents(path.join(fixtures, 'bad-name'))).toThrow(/bad-name\/refund_status\.yaml: "name" is "other_name"/);
  });

  it('rejects duplicate intent names', () => {
    expect(() => loadIntents(path.join(fixtures, 'dup'))).toThrow(/duplicate intent "a"/);
  });

  it.each([
    ['broken YAML', 'name: x\n  : : ['],
    ['missing examples', 'name: x\ncategory: refund\nlabel: X\n'],
    ['non-string example', 'name: x\ncategory: refund\nlabel: X\nexamples: [ok, {a: 1}]\n'],
    ['missing label', 'name: x\ncategory: refund\nexamples: [a]\n'],
  ])('reports %s with the file name', (_what, body) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intents-'));
    fs.writeFileSync(path.join(dir, 'x.yaml'), body);
    expect(() => loadIntents(dir)).toThrow(path.join(dir, 'x.yaml'));
  });
});
