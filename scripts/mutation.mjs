#!/usr/bin/env node
// `pnpm mutation [target...]`: one Stryker run per target of stryker.config.mjs, one after another
// (every target when none is named). Each prints Stryker's per-file score table and writes its HTML
// and JSON report under reports/mutation/<target>/. Not part of CI or `npm test`.
import { spawnSync } from 'node:child_process';
import { TARGETS } from '../stryker.config.mjs';

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in TARGETS));
if (unknown.length > 0) {
  console.error(`unknown mutation target(s) ${unknown.join(', ')}: use ${Object.keys(TARGETS).join(', ')}`);
  process.exit(2);
}
const targets = requested.length > 0 ? requested : Object.keys(TARGETS);
let failed = 0;
for (const target of targets) {
  console.log(`\n=== mutation testing: ${target} (${TARGETS[target].mutate.join(', ')}) ===`);
  const started = Date.now();
  const run = spawnSync('pnpm', ['exec', 'stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, CNNKIT_MUTATE: target },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `=== ${target}: ${run.status === 0 ? 'done' : `failed (exit ${run.status ?? run.signal})`} in ${minutes} min; report in reports/mutation/${target}/index.html ===`,
  );
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
