// count.mjs: the counts of one vitest JSON report, for .ci/run's closing line.
//
// Usage: node .ci/count.mjs REPORT.json [EXIT_STATUS]
// Prints "PASSED FAILED SKIPPED" on one line.
//
// What counts (so that a run that failed can never read "0 failed"):
// - passed: tests that ran and passed;
// - failed: tests that failed, and every test of a file that failed without
//   a failing test of its own (a beforeAll that threw, an import error)
//   that did not pass (it never ran), or 1 for such a file with no tests;
// - skipped: skipped, pending and todo tests of the other files — never
//   counted as passed;
// - a missing or unreadable report, or a run that says it failed (or exited
//   non-zero) while nothing above failed (a global setup that threw, an
//   unhandled error between tests), is 1 failure.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function count(report, exitStatus = 0) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of report.testResults ?? []) {
    const results = file.assertionResults ?? [];
    const fileFailed = file.status === 'failed' && !results.some((a) => a.status === 'failed');
    for (const a of results) {
      if (a.status === 'passed') passed++;
      else if (a.status === 'failed') failed++;
      else if (fileFailed && a.status !== 'todo') failed++;   // never ran because its file failed
      else skipped++;                                          // skipped, pending, todo
    }
    if (fileFailed && !results.some((a) => a.status !== 'passed' && a.status !== 'todo')) failed++;
  }
  if (failed === 0 && (report.success === false || exitStatus !== 0)) failed = 1;
  return { passed, failed, skipped };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path, status] = process.argv.slice(2);
  let result;
  try {
    result = count(JSON.parse(readFileSync(path, 'utf8')), Number(status ?? 0));
  } catch (e) {
    process.stderr.write(`count.mjs: ${path}: ${e.message}\n`);
    result = { passed: 0, failed: 1, skipped: 0 };
  }
  console.log(`${result.passed} ${result.failed} ${result.skipped}`);
}
