// `npm test` needs Chromium for the browser tests. Fail early with one clear line.
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
	console.error(
		`Chromium is missing at ${chromium}: install it with "apt-get install chromium" (or set CHROMIUM_PATH); the browser tests need it.`
	);
	process.exit(1);
}
