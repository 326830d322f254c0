import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { runReadmeExample } from '../../../scripts/readme-example';

test('the README example runs, and the values it shows in comments are the real ones', () => {
  const result = runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  expect(result.stderr).not.toMatch(/AssertionError|Error:/);
  expect(result.status).toBe(0);
  expect(result.assertions).toBeGreaterThanOrEqual(2);
});
