import { defineConfig } from 'vitest/config';

// CI asks for a machine-readable report to print its `N passed, N failed` line from real results.
const jsonReportFile = process.env.CNNKIT_VITEST_JSON;

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    reporters: jsonReportFile ? ['default', ['json', { outputFile: jsonReportFile }]] : ['default'],
  },
});
