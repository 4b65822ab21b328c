import path from 'node:path';

/**
 * Prints the run's totals as one plain line ("jest: N passed, N failed, N skipped") for CI to read,
 * and the slowest test files, so the time CI spends can be seen and kept under its limit.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const slowest = results.testResults
      .map((file) => ({
        file: path.relative(process.cwd(), file.testFilePath),
        seconds: (file.perfStats.end - file.perfStats.start) / 1000,
      }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 12);
    for (const { file, seconds } of slowest) process.stdout.write(`jest: ${seconds.toFixed(1)} s ${file}\n`);
    process.stdout.write(`jest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`);
  }
}
