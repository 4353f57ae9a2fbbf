/**
 * Browser tests: a headless Chromium (playwright-core, the system's /usr/bin/chromium) and
 * an accessibility check with axe-core's default rules (WCAG 2.1 A and AA and best practices).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import { startTestServer, type TestServerOptions } from './server';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
	}
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

interface AxeNode {
	target: string[];
	failureSummary?: string;
}
interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	helpUrl: string;
	nodes: AxeNode[];
}

/**
 * Runs axe-core on the current page with its default rules and fails with a readable list of
 * violations. The default set is WCAG 2.0/2.1 A and AA plus axe's best practices (landmarks,
 * heading order, one h1, content inside landmarks): what a reviewer running axe as it comes
 * sees. axe is evaluated as a string, because the page's CSP blocks inline <script> tags;
 * evaluation through the DevTools protocol is not subject to CSP.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
	if (!loaded) await page.evaluate(AXE_SOURCE);
	const violations = (await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: unknown[] }> } }).axe;
		const result = await axe.run(document);
		return result.violations;
	})) as AxeViolation[];
	const report = violations
		.map(
			(v) =>
				`- [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
				v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')
		)
		.join('\n');
	expect(violations.length, `axe found accessibility violations on ${page.url()}:\n${report}`).toBe(0);
}

type Locator = ReturnType<Page['locator']>;

/**
 * Waits until the app's page in `page` has started (hydrated: forms and links answer in place).
 * The HTML is shown and can be clicked before that: a click then is a plain form post or page
 * load, which a person on a slow phone may do, but which makes a test that expects the page to
 * answer in place depend on timing. Pages that are not the app's (a download, a file) pass.
 */
export async function waitForApp(page: Page): Promise<void> {
	if (withoutScripts.has(page)) return;
	await page.waitForFunction(
		() =>
			document.documentElement.dataset.ready === 'true' ||
			![...document.scripts].some((script) => (script.textContent ?? '').includes('__sveltekit_'))
	);
}

/** Patches `page.goto` to wait for the app after loading (waitForApp); every page of useBrowserWorld has it. */
function startsApp(page: Page): Page {
	if (patched.has(page)) return page;
	patched.add(page);
	const goto = page.goto.bind(page);
	page.goto = async (...args: Parameters<Page['goto']>) => {
		const response = await goto(...args);
		// `waitUntil: 'commit'`: the test acts on the page while it loads, on purpose.
		if (args[1]?.waitUntil !== 'commit' && (response?.headers()['content-type'] ?? '').includes('text/html')) await waitForApp(page);
		return response;
	};
	return page;
}
const patched = new WeakSet<Page>();
/** Pages of contexts with JavaScript off: the app never starts there. */
const withoutScripts = new WeakSet<Page>();

/** Clicks a submit button of a form (a full page load) and waits for the page it leads to. */
export async function clickAndWait(page: Page, target: Locator): Promise<void> {
	await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
	await waitForApp(page);
}

/**
 * Follows a link. SvelteKit navigates in the page (no load event): wait until the address is
 * the link's and the page has stopped loading data.
 */
export async function followLink(page: Page, link: Locator): Promise<void> {
	const href = await link.getAttribute('href');
	if (!href) throw new Error('not a link');
	const target = new URL(href, page.url()).pathname;
	await link.click();
	await page.waitForURL((url) => url.pathname === target);
	await page.waitForLoadState('networkidle');
}

/** Recovery codes of the accounts loginWithForm set MFA up for, per server and e-mail address. */
const recoveryCodes = new Map<string, string[]>();

/** The TOTP code an authenticator app shows now for a secret as the MFA page writes it. */
export function appCode(secretText: string, stepsAhead = 0): string {
	const secret = decodeBase32IgnorePadding(secretText.replace(/\s/g, ''));
	return generateHOTP(secret, BigInt(Math.floor(Date.now() / 30_000) + stepsAhead), 6);
}

/** On the MFA page: sets MFA up with the code of the secret shown, and keeps the recovery codes for loginWithForm. */
export async function enrolMfa(page: Page, baseUrl: string, email: string): Promise<void> {
	const secret = (await page.getByTestId('mfa-secret').textContent()) ?? '';
	await page.getByLabel(/^(code uit de app|code from the app)/i).fill(appCode(secret));
	await clickAndWait(page, page.locator('main').getByRole('button'));
	recoveryCodes.set(`${baseUrl} ${email}`, await page.locator('main li code').allTextContents());
}

/**
 * Logs in through the login form, as a person would. A beheerder must use MFA (MFA_REQUIRED,
 * tests/browser/mfa.test.ts): the first login sets it up with the code of the secret on the
 * page and keeps the recovery codes; later logins give one of them as the second step (a TOTP
 * code works only once per 30 seconds). Either way it then opens the dashboard, as before.
 */
export async function loginWithForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel(/e-mail/i).fill(email);
	await page.getByLabel(/^(wachtwoord|password)$/i).fill(password);
	await clickAndWait(page, page.locator('main').getByRole('button', { name: /inloggen|log in/i }));
	const path = new URL(page.url()).pathname;
	if (path === '/account/mfa') await enrolMfa(page, baseUrl, email);
	else if (path === '/login/code') {
		const code = recoveryCodes.get(`${baseUrl} ${email}`)?.shift();
		if (!code) throw new Error(`loginWithForm: no recovery code left for ${email}`);
		// The recovery code has a form of its own, behind "Herstelcode gebruiken".
		await page
			.locator('main summary')
			.filter({ hasText: /herstelcode|recovery code/i })
			.click();
		await page.getByLabel(/^(herstelcode|recovery code)/i).fill(code);
		await clickAndWait(page, page.locator('main').getByRole('button', { name: /met herstelcode|with recovery code/i }));
	} else return;
	await page.goto(`${baseUrl}/dashboard`);
	await page.waitForLoadState('networkidle');
}

/**
 * The usual set-up of a browser test file in one call: a real server over a fresh data
 * directory and one Chromium for the file; a fresh context and page for every test. The
 * fields are filled in by the hooks, so read them inside tests (`world.page`), not at import.
 */
export interface BrowserWorld {
	server: TestServer;
	browser: Browser;
	context: BrowserContext;
	page: Page;
}

export function useBrowserWorld(options: TestServerOptions = {}): BrowserWorld {
	const world = {} as BrowserWorld;
	beforeAll(async () => {
		world.server = await startTestServer(options);
		world.browser = await launchBrowser();
		// Every page of every context the tests open waits for the app after page.goto.
		const newContext = world.browser.newContext.bind(world.browser);
		world.browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
			const context = await newContext(...args);
			const scripts = args[0]?.javaScriptEnabled !== false;
			const prepare = (page: Page) => (scripts ? startsApp(page) : (withoutScripts.add(page), page));
			const newPage = context.newPage.bind(context);
			context.newPage = async () => prepare(await newPage());
			context.on('page', (page) => void prepare(page));
			return context;
		};
	});
	afterAll(async () => {
		await world.browser?.close();
		await world.server?.close();
		if (world.server && !options.dataDir) fs.rmSync(world.server.dataDir, { recursive: true, force: true });
	});
	beforeEach(async () => {
		world.context = await world.browser.newContext();
		world.page = await world.context.newPage();
	});
	afterEach(async () => {
		await world.context?.close();
	});
	return world;
}

/** The short hands most browser test files use, bound to `world`: call them inside tests. */
export function shortHands(world: BrowserWorld) {
	return {
		db: () => world.server.runtime.db,
		url: (path: string) => `${world.server.url}${path}`,
		path: (page: Page = world.page) => new URL(page.url()).pathname,
		h1: (page: Page = world.page) => page.getByRole('heading', { level: 1 }).textContent(),
		main: (page: Page = world.page) => page.locator('main')
	};
}

/** Logs a context in as `userId` without the login form: a session made in the database, set as the cookie. */
export async function loginAs(context: BrowserContext, server: TestServer, userId: number): Promise<void> {
	const { token } = createSession(server.runtime.db, userId, 1);
	await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
}

/** A staff account of a browser test file, made in the world's database at first use. */
export interface StaffAccount {
	/** The account's id; only after `ready` or `login` made it. */
	readonly id: number;
	/** Makes the account if it is not there yet; its id. */
	ready(): Promise<number>;
	/** Logs the context of `page` in as the account (made if need be). */
	login(page?: Page): Promise<void>;
}

/**
 * One staff account for the whole file. It is made lazily, because the server and its
 * database only exist once the hooks of `world` have run.
 */
export function staffAccount(world: BrowserWorld, account: Parameters<typeof createAccount>[2], password: string): StaffAccount {
	let made: { id: number } | undefined;
	const ready = async () => {
		made ??= await createAccount(world.server.runtime.db, SYSTEM, account, password);
		return made.id;
	};
	return {
		get id() {
			if (!made) throw new Error(`the account ${account.email} is not made yet`);
			return made.id;
		},
		ready,
		async login(page: Page = world.page) {
			await loginAs(page.context(), world.server, await ready());
		}
	};
}

/**
 * A letter on the page as it prints: how many A4 pages the PDF has, whether anything but the
 * letter shows (header, footer, buttons), and the QR code's width in centimetres.
 */
export async function printedLetter(page: Page): Promise<{ pages: number; a4: boolean; onlyLetter: boolean; qrCm: number }> {
	await page.emulateMedia({ media: 'print' });
	try {
		const shown = await page.evaluate(() => {
			const visible = (selector: string) =>
				[...document.querySelectorAll<HTMLElement>(selector)].some((el) => el.getClientRects().length > 0);
			const ruler = document.createElement('div');
			ruler.style.inlineSize = '10cm';
			document.body.append(ruler);
			const perCm = ruler.getBoundingClientRect().width / 10;
			ruler.remove();
			return {
				onlyLetter: !visible('.kd-header, .kd-footer, .kd-no-print'),
				qrCm: document.querySelector('article.kd-letter [role=img]')!.getBoundingClientRect().width / perCm
			};
		});
		const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
		return {
			...shown,
			pages: pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0,
			// A4: 595 x 842 points.
			a4: /\/MediaBox\s*\[\s*0 0 59[45]\.\d+ 841\.\d+\s*\]/.test(pdf)
		};
	} finally {
		await page.emulateMedia({ media: 'screen' });
	}
}
