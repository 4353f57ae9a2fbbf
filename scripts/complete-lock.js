// The npm registry mirror of this workplace does not serve every platform build of rollup
// (e.g. @rollup/rollup-darwin-x64 answers 404), so `npm install` leaves them out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This adds the
// missing optional platform entries with their os/cpu, which `npm ci` skips on other
// platforms. Run after `npm install` changes the lock: `npm run lock`.
import fs from 'node:fs';

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const CPU = { arm: 'arm', 'arm-eabi': 'arm', 'arm-gnueabihf': 'arm', 'arm-musleabihf': 'arm' };
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
	if (path !== 'node_modules/rollup' && !path.endsWith('/node_modules/rollup')) continue;
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `node_modules/${name}`;
		if (lock.packages[key]) continue;
		const match = /^@rollup\/rollup-([a-z0-9]+)-(.+?)(?:-(gnu|musl|msvc|gnueabihf|musleabihf))?$/.exec(name);
		if (!match) continue;
		const [, os = '', arch = '', abi = ''] = match;
		/** @type {Record<string, string>} */
		const cpus = CPU;
		const cpu = cpus[abi.startsWith('gnueabihf') ? 'arm-gnueabihf' : arch] ?? arch.replace(/-eabi$/, '');
		/** @type {Record<string, unknown>} */
		const platform = { version, cpu: [cpu], license: 'MIT', optional: true, os: [os] };
		if (os === 'linux' && abi) platform.libc = [abi.startsWith('musl') ? 'musl' : 'glibc'];
		lock.packages[key] = platform;
		added += 1;
	}
}
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} optional platform entries`);
