// Makes the screenshots of the guides in docs/ from the real app: `npm run docs:screenshots`
// (builds first). It starts the built server (build/server.js) on a free port over a fresh
// SQLite file in a temporary directory, creates the accounts through the pages, and walks a
// facilitator through planning, running a session with participants on phones of their own
// (each a separate browser context) and the follow-up, writing PNGs into docs/images/.
//
// Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium), as the browser tests do.
// Everything is driven through the pages, as a person would (the comment window is stopped
// early on the follow-up page, as a facilitator does when everyone responded). The texts it looks for are the Dutch interface texts; when one
// changes, the script stops with the locator that no longer matches.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'images');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ADMIN = { email: 'beheer@gemeente.example', password: 'zes lange woorden voor het systeem' };
const FACILITATOR = {
	name: 'Gerda Leider',
	email: 'gerda.leider@gemeente.example',
	temporary: 'tijdelijk wachtwoord 4821',
	password: 'mijn eigen lange zin om te onthouden'
};
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

// ---------------------------------------------------------------------------------------
// The server

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
			probe.close(() => resolve(port));
		});
	});
}

/** @param {string} dataDir */
async function startServer(dataDir) {
	const port = await freePort();
	const child = spawn(process.execPath, [path.join(root, 'build', 'server.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://localhost:${port}`,
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
			ADMIN_EMAIL: ADMIN.email,
			ADMIN_PASSWORD: ADMIN.password
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await /** @type {Promise<void>} */ (
		new Promise((resolve, reject) => {
			let out = '';
			const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
			child.stdout.on('data', (chunk) => {
				out += chunk;
				const match = /running at (\S+)/.exec(out);
				if (match) {
					clearTimeout(timer);
					resolve();
				}
			});
			child.once('exit', (code) => reject(new Error(`the server stopped with code ${code}`)));
		})
	);
	child.stdout.resume();
	return { url: `http://localhost:${port}`, port, child };
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<void>}
 */
function stopServer(child) {
	return new Promise((resolve) => {
		if (child.exitCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});
}

// ---------------------------------------------------------------------------------------
// Helpers for the pages

let base = '';
/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Locator} Locator */
/** @typedef {{ name: string, context: import('playwright-core').BrowserContext, page: Page }} Phone */
/** @param {string} p */
const url = (p) => `${base}${p}`;
/** @param {Page} page */
const pathOf = (page) => new URL(page.url()).pathname;
/** @param {string} text */
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let shots = 0;
/**
 * @param {Page} page
 * @param {string} name
 * @param {import('playwright-core').PageScreenshotOptions} [options]
 */
async function shot(page, name, options = {}) {
	await page.evaluate(() => document.fonts?.ready);
	// Let transitions and live updates settle.
	await page.waitForTimeout(300);
	const file = path.join(outDir, `${name}.png`);
	await page.screenshot({ path: file, fullPage: false, ...options });
	shots++;
	console.log(`  ${path.relative(root, file)}`);
}

/** Clicks a submit button (a full page load) and waits for the page it leads to. */
/**
 * @param {Page} page
 * @param {Locator} target
 */
async function submit(page, target) {
	await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

/**
 * @param {Page} page
 * @param {string} email
 * @param {string} password
 */
async function login(page, email, password) {
	await page.goto(url('/login'));
	await page.getByLabel(/e-mail/i).fill(email);
	await page.getByLabel(/^wachtwoord$/i).fill(password);
	await submit(page, page.locator('main').getByRole('button', { name: /inloggen/i }));
	// A beheerder must set up two-step verification first (MFA_REQUIRED): as with an app, from the key shown.
	if (pathOf(page) === '/account/mfa') {
		const secret = decodeBase32IgnorePadding(((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, ''));
		await page.getByLabel(/^code uit de app/i).fill(generateHOTP(secret, BigInt(Math.floor(Date.now() / 30_000)), 6));
		await submit(page, page.locator('main').getByRole('button'));
	}
}

/** Puts an element at the top of the viewport, so the screenshot shows it. */
/**
 * @param {Page} page
 * @param {Locator} locator
 */
async function scrollTo(page, locator, offset = 16) {
	await locator.first().evaluate((el, offset) => {
		window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - offset, behavior: 'instant' });
	}, offset);
}

/**
 * @param {Page} page
 * @param {string} code
 * @param {string} name
 * @param {string} perspective
 */
async function joinWithCode(page, code, name, perspective) {
	await page.goto(url('/join'));
	await page.getByLabel('Code', { exact: true }).fill(code);
	await submit(page, page.getByRole('button', { name: 'Verder' }));
	await page.getByLabel('Naam', { exact: true }).fill(name);
	await page.getByLabel(perspective, { exact: true }).check();
	return page;
}

// ---------------------------------------------------------------------------------------
// The walk

async function main() {
	if (!fs.existsSync(path.join(root, 'build', 'server.js'))) {
		throw new Error('build/server.js is missing: run `npm run build` first (npm run docs:screenshots does).');
	}
	if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}; set CHROMIUM_PATH.`);
	fs.mkdirSync(outDir, { recursive: true });
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-screenshots-'));
	const server = await startServer(dataDir).catch((error) => {
		fs.rmSync(dataDir, { recursive: true, force: true });
		throw error;
	});
	base = server.url;
	console.log(`server at ${base}, data in ${dataDir}`);
	const browser = await chromium.launch({
		executablePath: chromiumPath,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-sync',
			'--font-render-hinting=none'
		]
	});
	try {
		await walk(browser);
	} catch (error) {
		// What the pages showed when a step failed, to see what changed.
		let n = 0;
		for (const context of browser.contexts())
			for (const open of context.pages()) {
				const file = path.join(os.tmpdir(), `screenshots-failed-${++n}.png`);
				await open.screenshot({ path: file }).catch(() => undefined);
				console.error(`page ${open.url()}: ${file}`);
			}
		throw error;
	} finally {
		await browser.close();
		await stopServer(server.child);
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
	console.log(`${shots} screenshots in ${path.relative(root, outDir)}/`);
}

/** @param {import('playwright-core').Browser} browser */
async function walk(browser) {
	const desk = await browser.newContext({ viewport: DESKTOP, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
	const page = await desk.newPage();

	// --- The beheerder makes an account for the facilitator (also kwaliteitsmanager).
	console.log('accounts');
	await login(page, ADMIN.email, ADMIN.password);
	await page.goto(url('/admin/accounts'));
	const form = page.locator('form[action^="?/create"]');
	await form.getByLabel('Naam').fill(FACILITATOR.name);
	await form.getByLabel('E-mailadres').fill(FACILITATOR.email);
	await form.getByLabel('Tijdelijk wachtwoord').fill(FACILITATOR.temporary);
	const roles = page.getByRole('group', { name: 'Rollen' });
	await roles.getByLabel('gespreksleider').check();
	await roles.getByLabel('kwaliteitsmanager').check();
	await submit(page, form.getByRole('button', { name: 'Account maken' }));
	await scrollTo(page, page.getByRole('heading', { level: 1 }));
	await shot(page, 'beheer-accounts');
	await submit(page, page.getByRole('button', { name: 'Uitloggen' }));

	// --- The facilitator logs in for the first time and chooses a password.
	await login(page, FACILITATOR.email, FACILITATOR.temporary);
	await page.getByLabel('Huidig wachtwoord').fill(FACILITATOR.temporary);
	await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(FACILITATOR.password);
	await page.getByLabel('Nieuw wachtwoord nog een keer').fill(FACILITATOR.password);
	await submit(page, page.getByRole('button', { name: 'Wachtwoord opslaan' }));

	// --- Step 1: a trajectory and its first session.
	console.log('planning');
	await page.goto(url('/trajectories'));
	await page.getByLabel('Naam van het traject', { exact: true }).fill('Kwaliteit Wmo 2027');
	await page.getByLabel('Doel', { exact: true }).fill('Samen met cliënten criteria opstellen voor hulp bij het huishouden en begeleiding.');
	const frameworkSelect = page.getByLabel('Kwaliteitskader');
	const movisie = await frameworkSelect
		.locator('option', { hasText: /cliëntperspectief/i })
		.first()
		.getAttribute('value');
	await frameworkSelect.selectOption(movisie);
	await page.getByLabel('De deelnemers kiezen met stickers').check();
	await page.getByLabel('Aantal gesprekken').fill('3');
	await scrollTo(page, page.getByRole('heading', { name: 'Nieuw traject' }));
	await shot(page, 'traject-maken');
	await submit(page, page.getByRole('button', { name: 'Traject maken' }));
	if (!/^\/trajectories\/\d+$/.test(pathOf(page))) {
		const id = await page.getByRole('link', { name: 'Kwaliteit Wmo 2027' }).first().getAttribute('href');
		await page.goto(url(id ?? '/trajectories'));
	}
	const when = new Date(Date.now() + 21 * 86400_000);
	while (when.getDay() !== 2) when.setDate(when.getDate() + 1); // a Tuesday
	const local = `${when.toISOString().slice(0, 10)}T19:30`;
	await page.getByLabel('Datum en tijd', { exact: true }).fill(local);
	// A plausible place for the example session (not personal data).
	await page.getByLabel(/^Adres en zaal/).fill('Wijkcentrum De Kern, zaal 2\nKerkstraat 12, 9401 AB Assen');
	await page.getByLabel(/^Toegankelijkheid/).fill('Rolstoeltoegankelijk, lift aanwezig, ringleiding in de zaal');
	await submit(page, page.getByRole('button', { name: 'Gesprek plannen' }));
	const sessionPath = pathOf(page);
	if (!/^\/sessions\/\d+$/.test(sessionPath)) throw new Error(`expected the session page, got ${sessionPath}`);
	const sessionId = Number(sessionPath.split('/')[2]);
	await shot(page, 'gesprek');
	const code = ((await page.locator('.kd-join-code').first().textContent()) ?? '').replace(/\s/g, '').slice(-6);

	// --- Step 2: the participant list, invitations and a letter.
	console.log('participants');
	await page.goto(url(`/sessions/${sessionId}/participants`));
	/** @type {[string, string, string, string][]} */
	const people = [
		['Ans de Wit', 'client', 'ans@voorbeeld.example', ''],
		['Bas Mulder', 'client', '', '06 12345678'],
		['Dirk Smit', 'official', 'dirk@gemeente.example', ''],
		['Fatima el Amrani', 'council_member', 'fatima@raad.example', ''],
		['Gert Bos', 'wmo_council', '', ''],
		['Hanna Visser', 'provider', 'hanna@zorg.example', '']
	];
	for (const [name, perspective, email, phone] of people) {
		await page.getByLabel('Naam', { exact: true }).fill(name);
		await page.getByLabel('Achtergrond').selectOption(perspective);
		if (email) await page.getByLabel('E-mailadres').fill(email);
		if (phone) await page.getByLabel('Telefoonnummer').fill(phone);
		await submit(page, page.getByRole('button', { name: 'Toevoegen aan de lijst' }));
	}
	await scrollTo(page, page.locator('#advice-title'));
	await shot(page, 'deelnemers');
	await submit(page, page.getByRole('button', { name: 'Uitnodigingen versturen' }));
	await shot(page, 'uitnodigingen');
	await submit(page, page.getByRole('button', { name: new RegExp(`^Brief afdrukken.*Bas Mulder`) }).first());
	await shot(page, 'brief');

	// --- Step 3: the session. Lead view and projector in the facilitator's context; three
	// participants on phones; one person without a device.
	console.log('session');
	const lead = await desk.newPage();
	await lead.goto(url(`/sessions/${sessionId}/lead`));
	await lead.getByRole('heading', { level: 2, name: 'Welkom en uitleg' }).waitFor();
	const screen = await desk.newPage();
	await screen.setViewportSize({ width: 1920, height: 1080 }); // a projector
	await screen.goto(url(`/sessions/${sessionId}/screen`));
	await screen.locator('.kd-projector__code').waitFor();

	/** @type {Phone[]} */
	const phones = [];
	for (const [name, perspective] of /** @type {[string, string][]} */ ([
		['Ans', 'cliënt'],
		['Karim', 'ambtenaar'],
		['Wim', 'Wmo-raad']
	])) {
		const context = await browser.newContext({ ...PHONE, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
		const phone = await context.newPage();
		await joinWithCode(phone, code, name, perspective);
		if (name === 'Ans') await shot(phone, 'telefoon-meedoen');
		await submit(phone, phone.getByRole('button', { name: 'Meedoen', exact: true }));
		// The session is planned weeks ahead: until the facilitator starts it, the phone shows when and where.
		await phone.locator('.kd-live__title').waitFor();
		phones.push({ name, context, page: phone });
	}
	const [ans, karim, wim] = /** @type {[Phone, Phone, Phone]} */ (phones);
	await lead.getByRole('heading', { name: /Wie doet mee \(3 van/ }).waitFor();
	await shot(screen, 'scherm-code');

	// Mevrouw Jansen came without a phone: the facilitator adds her, and will place her stickers.
	await lead.getByLabel('Naam', { exact: true }).fill('Mevrouw Jansen');
	await lead.locator('#proxy-perspective').selectOption('client');
	await lead.getByRole('button', { name: 'Toevoegen', exact: true }).click();
	await lead.getByRole('rowheader', { name: 'Mevrouw Jansen' }).waitFor();
	await scrollTo(lead, lead.getByRole('heading', { level: 1 }));
	await shot(lead, 'leiden-start');

	const next = lead.getByRole('button', { name: 'Volgende stap', exact: true });
	await next.click(); // overview, but the session is planned for later: the lead view asks first
	await lead.getByRole('button', { name: 'Ja, nu beginnen', exact: true }).click();
	await lead.getByRole('heading', { level: 2, name: 'Overzicht van de thema’s' }).waitFor();
	await next.click(); // proposals
	await lead.getByRole('heading', { level: 2, name: 'Thema’s voorstellen' }).waitFor();
	await karim.page.getByRole('heading', { level: 2, name: 'Thema’s voorstellen' }).first().waitFor();
	await karim.page.getByLabel('Naam van het thema').fill('Vervoer naar de dagbesteding');
	await karim.page.getByRole('button', { name: 'Thema voorstellen' }).click();
	await wim.page.getByLabel('Naam van het thema').fill('Veilig thuis');
	await wim.page.getByRole('button', { name: 'Thema voorstellen' }).click();
	await lead.getByRole('heading', { name: 'Veilig thuis' }).waitFor();
	await lead.getByRole('heading', { name: 'Vervoer naar de dagbesteding' }).waitFor();
	await scrollTo(lead, lead.locator('#proposals-heading'));
	await shot(lead, 'leiden-voorstellen');
	const vervoer = lead.getByRole('listitem').filter({ has: lead.getByRole('heading', { name: 'Vervoer naar de dagbesteding' }) });
	await vervoer.getByRole('button', { name: /^Toevoegen als thema/ }).click();
	const veilig = lead.getByRole('listitem').filter({ has: lead.getByRole('heading', { name: 'Veilig thuis' }) });
	const veiligheid = await veilig
		.getByLabel('Hoort bij thema')
		.locator('option', { hasText: /^Veiligheid/ })
		.first()
		.getAttribute('value');
	await veilig.getByLabel('Hoort bij thema').selectOption(veiligheid);
	await veilig.getByRole('button', { name: /^Samenvoegen/ }).click();
	await wim.page
		.getByText(/Veiligheid/)
		.first()
		.waitFor();

	// Sticker voting.
	await next.click();
	await lead.getByRole('heading', { level: 2, name: 'Stickers plakken' }).waitFor();
	await lead.getByRole('button', { name: 'Stemmen openen' }).click();
	await ans.page
		.getByText(/Nog 3 stickers/)
		.first()
		.waitFor();
	/** @param {Page} page @param {string} theme */
	const place = (page, theme) => page.getByRole('button', { name: `Sticker plakken op ${theme}`, exact: true });
	/** @type {[Phone, string[]][]} */
	const votes = [
		[ans, ['Aandacht voor omstandigheden van de cliënt', 'Regie van de cliënt', 'Bejegening']],
		[karim, ['Regie van de cliënt', 'Veiligheid', 'Vervoer naar de dagbesteding']],
		[wim, ['Regie van de cliënt', 'Bejegening', 'Vervoer naar de dagbesteding']]
	];
	for (const [person, themes] of votes) {
		for (const theme of themes) {
			await place(person.page, theme).click();
			await person.page.waitForTimeout(150);
		}
	}
	// Her stickers, placed by the facilitator.
	for (const theme of ['Bejegening', 'Veiligheid']) {
		const select = lead.getByLabel('Thema voor Mevrouw Jansen');
		const value = await select
			.locator('option', { hasText: new RegExp(`^${escape(theme)}`) })
			.first()
			.getAttribute('value');
		await select.selectOption(value);
		await lead.getByRole('button', { name: 'Sticker plakken voor Mevrouw Jansen' }).click();
		await lead.waitForTimeout(300);
	}
	await ans.page
		.getByText(/geen stickers meer|Alle stickers/i)
		.first()
		.waitFor()
		.catch(() => {});
	await scrollTo(ans.page, ans.page.getByRole('heading', { level: 2, name: 'Stickers plakken' }).last());
	await shot(ans.page, 'telefoon-stickers');
	await scrollTo(lead, lead.getByRole('region', { name: 'Stemmen', exact: true }));
	await shot(lead, 'leiden-stemmen');
	await screen.getByText(/[34] van 4 zijn klaar met plakken/).waitFor();
	await shot(screen, 'scherm-stemmen');

	// The result and the choice of themes.
	await lead.getByRole('button', { name: 'Stemmen sluiten' }).click();
	await lead.waitForTimeout(300);
	await next.click();
	await lead.getByRole('heading', { level: 2, name: 'Uitslag' }).waitFor();
	await screen
		.getByText(/Uitslag/)
		.first()
		.waitFor();
	await shot(screen, 'scherm-uitslag');
	const choice = lead.locator('form', { has: lead.getByRole('group', { name: /^Kies hoogstens/ }) });
	for (const theme of ['Regie van de cliënt', 'Bejegening']) {
		const box = choice.getByLabel(new RegExp(`^${escape(theme)}`));
		if (!(await box.isChecked())) await box.check();
	}
	for (const box of await choice.getByRole('checkbox').all()) {
		const label = (await box.evaluate((/** @type {HTMLInputElement} */ el) => el.labels?.[0]?.textContent ?? '')) || '';
		if (!/^(Regie van de cliënt|Bejegening)/.test(label.trim()) && (await box.isChecked())) await box.uncheck();
	}
	await choice.getByRole('button', { name: 'Thema’s vastleggen' }).click();
	const reason = choice.getByLabel('Waarom kiest u deze thema’s? (verplicht)');
	if (await reason.isVisible().catch(() => false)) {
		await reason.fill('Deze thema’s kregen de meeste stickers.');
		await choice.getByRole('button', { name: 'Thema’s vastleggen' }).click();
	}
	await lead.getByRole('heading', { level: 3, name: /Gekozen thema/ }).waitFor();

	// Theme 1: keywords, meaning, toetsvraag, criteria.
	await next.click();
	await ans.page.getByLabel('Trefwoord', { exact: true }).waitFor();
	for (const [person, words] of /** @type {[Phone, string[]][]} */ ([
		[ans, ['zelf kiezen', 'op tijd weten']],
		[karim, ['maatwerk']],
		[wim, ['eigen regie', 'keuzevrijheid']]
	])) {
		for (const word of words) {
			await person.page.getByLabel('Trefwoord', { exact: true }).fill(word);
			await person.page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
			await person.page.waitForTimeout(200);
		}
	}
	await lead.locator('.kd-keyword__text', { hasText: 'keuzevrijheid' }).first().waitFor();
	await scrollTo(ans.page, ans.page.getByRole('heading', { name: 'Trefwoorden verzamelen' }));
	await shot(ans.page, 'telefoon-trefwoorden');
	await screen.getByText('keuzevrijheid').first().waitFor();
	await shot(screen, 'scherm-trefwoorden');
	await next.click();
	await lead.getByRole('heading', { level: 3, name: 'De toetsvraag' }).waitFor();
	await lead.getByLabel('Toetsvraag afgesproken').check();
	await screen.getByText('De toetsvraag is afgesproken.').waitFor();
	await shot(screen, 'scherm-toetsvraag');
	await next.click();
	await lead.getByRole('heading', { level: 3, name: 'Criteria' }).waitFor();
	/** @type {[Phone, string][]} */
	const criteria = [
		[ans, 'De cliënt kiest zelf de dag en de tijd van de hulp.'],
		[karim, 'Het ondersteuningsplan is in gewone taal geschreven.'],
		[wim, 'De cliënt krijgt het plan op papier als hij dat wil.']
	];
	for (const [i, [person, text]] of criteria.entries()) {
		await person.page.getByRole('button', { name: 'Criterium toevoegen' }).click();
		const field = person.page.getByLabel(`Tekst van criterium ${i + 1}`);
		await field.pressSequentially(text, { delay: 5 });
		await lead.getByLabel(`Tekst van criterium ${i + 1}`).waitFor();
		await lead.waitForFunction(
			(/** @type {string} */ t) =>
				[...document.querySelectorAll('textarea, input')].some((el) => /** @type {HTMLInputElement} */ (el).value === t),
			text
		);
	}
	await lead.getByLabel('Status van criterium 1').selectOption('agreed');
	await lead.getByLabel('Status van criterium 2').selectOption('agreed');
	await lead.getByLabel('Dit is de voorlopige set').check();
	await scrollTo(lead, lead.getByRole('heading', { level: 3, name: 'Criteria' }));
	await shot(lead, 'leiden-criteria');
	await screen.getByText(criteria[2]?.[1] ?? '').waitFor();
	await shot(screen, 'scherm-criteria');

	// Theme 2 briefly, then the closing.
	await next.click(); // theme 2 meaning
	await next.click(); // toetsvraag
	await next.click(); // criteria
	await lead.getByRole('heading', { level: 3, name: 'Criteria' }).waitFor();
	await wim.page.getByRole('button', { name: 'Criterium toevoegen' }).click();
	await wim.page
		.getByLabel('Tekst van criterium 1')
		.pressSequentially('De medewerker stelt zich voor en zegt wat hij komt doen.', { delay: 5 });
	await lead.waitForFunction(() =>
		[...document.querySelectorAll('textarea, input')].some((el) =>
			/** @type {HTMLInputElement} */ (el).value.startsWith('De medewerker stelt zich voor')
		)
	);
	await lead.getByLabel('Status van criterium 1').selectOption('agreed');
	await next.click(); // closing
	await lead.getByRole('heading', { level: 2, name: 'Samenvatting' }).waitFor();
	await lead.getByRole('button', { name: 'Gesprek afsluiten' }).click();
	await lead.getByRole('button', { name: 'Ja, afsluiten' }).click();
	await lead.getByText('Het gesprek is afgesloten.').first().waitFor();
	await screen.close();

	// --- Step 4: follow-up. The evaluation (a participant), agreements, the report.
	console.log('follow-up');
	await ans.page.goto(url(`/live/${sessionId}/evaluation`));
	for (const group of await ans.page.getByRole('group').all()) {
		const yes = group.getByLabel('Ja', { exact: true });
		if (await yes.count()) await yes.first().check();
	}
	await submit(ans.page, ans.page.getByRole('button', { name: /versturen|opslaan/i }).first());

	await page.goto(url(`/sessions/${sessionId}/follow-up`));
	await page.getByLabel('Over welke vraag gaat de afspraak?').selectOption({ index: 1 });
	await page.getByLabel('Wat gaat er gebeuren?').fill('De criteria voorleggen aan de gemeenteraad.');
	await page.getByLabel('Wie doet het?').fill('Wethouder Jansen');
	await page.getByLabel('Wanneer komen we erop terug?').fill(new Date(Date.now() + 90 * 86400_000).toISOString().slice(0, 10));
	await submit(page, page.locator('main').getByRole('button', { name: 'Afspraak toevoegen', exact: true }));
	await scrollTo(page, page.getByRole('heading', { name: 'Afspraken', exact: true }));
	await shot(page, 'vervolg-afspraken');
	await submit(page, page.locator('main').getByRole('button', { name: 'Conceptverslag maken' }));
	if (!pathOf(page).endsWith('/report')) await page.goto(url(`/sessions/${sessionId}/report`));
	await scrollTo(page, page.getByRole('heading', { level: 2, name: 'Verslag bewerken' }));
	await shot(page, 'verslag-bewerken');
	await submit(page, page.locator('main').getByRole('button', { name: 'Versturen naar alle deelnemers' }));
	// Sending asks first, with how many get it by mail.
	await page.locator('main').getByRole('button', { name: 'Ja, nu versturen' }).click();
	await page.getByText(/Het verslag is verstuurd/).waitFor();

	// A participant comments on a criterion through the report page.
	await ans.page.goto(url(`/live/${sessionId}/report`));
	const onCriterion = ans.page.getByLabel('Uw reactie op criterium 1');
	await onCriterion.fill('Schrijf ook op wie het plan met mij bespreekt.');
	await ans.page.locator('form', { has: onCriterion }).getByRole('button').click();
	await ans.page.getByText('Schrijf ook op wie het plan met mij bespreekt.').first().waitFor();
	await scrollTo(ans.page, ans.page.getByText('Schrijf ook op wie het plan met mij bespreekt.').first(), 200);
	await shot(ans.page, 'telefoon-reactie');

	// The facilitator answers it.
	await page.goto(url(`/sessions/${sessionId}/report`));
	const comment = page.locator('li.kd-comment', { hasText: 'Schrijf ook op wie het plan met mij bespreekt.' });
	await comment.getByLabel('Overgenomen', { exact: true }).check();
	await scrollTo(page, comment);
	await shot(page, 'reactie-beantwoorden');
	await submit(page, comment.getByRole('button', { name: /Antwoord opslaan/ }));

	// Someone who did not respond was called; everyone has now responded or was called, so the
	// facilitator stops the comment window early, answers the phone response and makes the report final.
	await page.goto(url(`/sessions/${sessionId}/follow-up`));
	await page.getByLabel('Wie heeft u gebeld?').selectOption({ index: 1 });
	await page.getByLabel('Wat zei de deelnemer?').fill('Ik vind het een goed verslag. Zet erin dat de taxi vaak te laat is.');
	await page.getByLabel('Waarom stopt u eerder?').fill('Iedereen heeft gereageerd of is gebeld.');
	await scrollTo(page, page.getByRole('heading', { name: 'Telefonische reactie vastleggen' }));
	await shot(page, 'reacties-afronden');
	await submit(page, page.locator('main').getByRole('button', { name: 'Telefonische reactie opslaan' }));
	await page.getByLabel('Waarom stopt u eerder?').fill('Iedereen heeft gereageerd of is gebeld.');
	await submit(page, page.locator('main').getByRole('button', { name: 'Nu stoppen met reageren' }));
	await page.goto(url(`/sessions/${sessionId}/report`));
	const byPhone = page.locator('li.kd-comment', { hasText: 'de taxi vaak te laat' });
	await byPhone.getByLabel('Overgenomen', { exact: true }).check();
	await submit(page, byPhone.getByRole('button', { name: /Antwoord opslaan/ }));
	await submit(page, page.locator('main').getByRole('button', { name: 'Definitief maken' }));
	await submit(page, page.locator('main').getByRole('button', { name: 'Ja, definitief maken' }));
	await scrollTo(page, page.getByText(/Het verslag is definitief/).first(), 120);
	await shot(page, 'verslag-definitief');

	// The kwaliteitsmanager takes the criteria into the framework.
	await page.goto(url(`/promotion/${sessionId}`));
	await shot(page, 'criteria-overnemen');

	for (const p of phones) await p.context.close();
	await desk.close();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
