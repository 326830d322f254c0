// Prints CI's last line, `N passed, N failed[, N skipped]`, from vitest's JSON report.
//   node .ci/count-results.cjs REPORT.json EXIT_STATUS
const fs = require('node:fs');
const [file, status = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(file)) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  for (const suite of report.testResults) {
    if (suite.status !== 'failed' || suite.assertionResults.some((a) => a.status === 'failed')) continue;
    // A file that failed with no failing test: it did not load, or a beforeAll/afterAll threw, and
    // vitest reports its tests as skipped. They did not run: count them as failed (at least one).
    const notRun = suite.assertionResults.filter((a) => a.status !== 'passed').length;
    failed += Math.max(1, notRun);
    skipped -= notRun;
  }
}
// A non-zero exit with no failing test (a build, type, lint or packaging step failed) still fails CI.
if (Number(status) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
