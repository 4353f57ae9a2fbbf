// Sums the results of vitest JSON reports into one line: "N passed, N failed".
// A skipped or pending test is reported separately and never counted as passed.
// Failed tests are listed above that line (file, name, first line of the message), so a CI log
// that keeps only its tail still says what failed.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
	if (!fs.existsSync(file)) {
		console.error(`missing test report ${file}`);
		failed += 1;
		continue;
	}
	const report = JSON.parse(fs.readFileSync(file, 'utf8'));
	passed += report.numPassedTests ?? 0;
	failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
	skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
	for (const suite of report.testResults ?? []) {
		const where = `${file.replace(/.*\//, '')}: ${String(suite.name).replace(/.*\/tests\//, 'tests/')}`;
		/** @type {{ status: string, title: string, fullName?: string, failureMessages?: string[] }[]} */
		const tests = suite.assertionResults ?? [];
		const failedTests = tests.filter((test) => test.status === 'failed');
		for (const test of failedTests) failures.push(`${where} › ${test.fullName ?? test.title}\n    ${firstLine(test.failureMessages)}`);
		if (suite.status === 'failed' && failedTests.length === 0) failures.push(`${where} (file failed)\n    ${firstLine([suite.message])}`);
	}
}
if (failures.length > 0) console.log(`Failed:\n${failures.map((line) => `  ${line}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

/** @param {(string | undefined)[] | undefined} messages */
function firstLine(messages) {
	const text = (messages ?? []).find((message) => message) ?? '';
	return (text.split('\n')[0] ?? '').slice(0, 300);
}
