import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMetrics, openSocketsGauge } from '../../src/metrics/registry';

const root = path.resolve(__dirname, '..', '..');
const productMetrics = async () => {
  const metrics = createMetrics({ processMetrics: false });
  openSocketsGauge(metrics, () => 0);
  return (await metrics.registry.getMetricsAsJSON()).map((m) => m.name);
};

test('every product metric is documented in docs/metrics.md', async () => {
  const doc = readFileSync(path.join(root, 'docs/metrics.md'), 'utf8');
  const names = await productMetrics();
  expect(names.length).toBeGreaterThanOrEqual(8);
  for (const name of names) expect(doc).toContain(`\`${name}\``);
});

test('the sample Grafana dashboard queries only metrics the server exports, and each product metric is on it', async () => {
  const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy/grafana-dashboard.json'), 'utf8')) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const exported = new Set(await productMetrics());
  const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
  const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\b(support_[a-z_]+?)(?:_bucket|_count|_sum)?\b(?=[{[)\s])/g)].map((m) => m[1]!)));
  for (const name of used) expect(exported).toContain(name);
  for (const name of exported) expect(used).toContain(name);
});
