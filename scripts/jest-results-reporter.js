// A jest reporter that writes the run's counts to the file named by JEST_JSON, for .ci/run's
// final "N passed, N failed" line.
import { writeFileSync } from 'node:fs';

export default class ResultsReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.JEST_JSON;
    if (!file) return;
    const { numPassedTests, numFailedTests, numRuntimeErrorTestSuites } = results;
    writeFileSync(file, JSON.stringify({ numPassedTests, numFailedTests, numRuntimeErrorTestSuites }));
  }
}
