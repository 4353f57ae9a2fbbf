/**
 * Issue 8, XSS in a real browser: the key pages, with hostile text in every field
 * (tests/helpers/hostile.ts) and a live session whose participants have hostile names, with
 * their scripts running and the live state arriving over socket.io. No payload may run
 * (window.__xss stays undefined), no dialog may open, and the Content-Security-Policy must
 * report no violation at all: the app itself needs no inline script or handler.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/lib/server/audit';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { useBrowserWorld } from '../helpers/browser';
import { hostileWorld, NAME_PAYLOADS, type HostileWorld } from '../helpers/hostile';
import { liveWorld } from '../helpers/live';

const world = useBrowserWorld();
let w: HostileWorld;
let live: Awaited<ReturnType<typeof liveWorld>>;
let liveGuest: string;

beforeAll(async () => {
	const db = world.server.runtime.db;
	w = await hostileWorld(db, world.server.url);
	live = await liveWorld(db);
	const guests = NAME_PAYLOADS.map((displayName, i) =>
		addParticipant(db, SYSTEM, live.session.id, { displayName, perspective: i % 2 ? 'client' : 'official' })
	);
	liveGuest = guests[1]!.token;
}, 60_000);

interface Visit {
	xss: unknown;
	violations: string[];
	dialogs: string[];
	consoleCsp: string[];
	text: string;
}

/**
 * Opens a page with the given cookie, waits for it to settle (and for `ready`, for what comes
 * over a websocket, which network idle does not wait for) and reports what happened.
 */
async function visit(
	page: Page,
	pathname: string,
	cookie: { name: string; value: string } | null,
	ready?: (page: Page) => Promise<void>
): Promise<Visit> {
	const dialogs: string[] = [];
	const consoleCsp: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	page.on('console', (message) => {
		if (/content security policy/i.test(message.text())) consoleCsp.push(message.text());
	});
	await page.addInitScript(() => {
		const store: string[] = [];
		(window as unknown as { __csp: string[] }).__csp = store;
		document.addEventListener('securitypolicyviolation', (e) => store.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
	});
	await page.context().clearCookies();
	if (cookie) await page.context().addCookies([{ ...cookie, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
	const response = await page.goto(`${world.server.url}${pathname}`);
	expect(response?.status(), pathname).toBe(200);
	expect(new URL(response!.url()).pathname, 'not redirected').toBe(pathname.split('?')[0]);
	await page.waitForLoadState('networkidle');
	await ready?.(page);
	// Time for an <img onerror> or <svg onload> to fire, had one been created.
	await page.waitForTimeout(300);
	const result = await page.evaluate(() => ({
		xss: (window as unknown as { __xss?: unknown }).__xss,
		violations: (window as unknown as { __csp: string[] }).__csp,
		text: document.body.innerText
	}));
	return { ...result, dialogs, consoleCsp };
}

function expectQuiet(result: Visit, pathname: string) {
	expect(result.xss, `${pathname}: a payload ran`).toBeUndefined();
	expect(result.dialogs, `${pathname}: a dialog opened`).toEqual([]);
	expect(result.violations, `${pathname}: CSP violations`).toEqual([]);
	expect(result.consoleCsp, `${pathname}: CSP messages`).toEqual([]);
}

const staff = (cookie: string) => ({ name: SESSION_COOKIE, value: cookie.slice(cookie.indexOf('=') + 1) });
const participant = (token: string) => ({ name: 'kd_participant', value: token });

describe('hostile text in the browser', () => {
	it('runs nothing on the staff pages of the session, its report and its exports as HTML', async () => {
		const s = w.sessionId;
		for (const pathname of [
			`/sessions/${s}`,
			`/sessions/${s}/participants`,
			`/sessions/${s}/follow-up`,
			`/sessions/${s}/report`,
			`/sessions/${s}/report/compare`,
			`/sessions/${s}/report/versions/2`,
			`/sessions/${s}/report/print/2`,
			`/trajectories/${w.trajectoryId}`,
			'/outbox',
			'/jargon'
		]) {
			const result = await visit(world.page, pathname, staff(w.facilitatorCookie));
			expectQuiet(result, pathname);
		}
		const report = await visit(world.page, `/sessions/${s}/report/print/2`, staff(w.facilitatorCookie));
		expect(report.text).toContain('<script>window.__xss=1</script>');
		expect(report.text).toContain('"><img src=x onerror="window.__xss=1">');
	});

	it('runs nothing on the participant pages (report with comment window, evaluation)', async () => {
		const s = w.sessionId;
		for (const pathname of [`/live/${s}/report`, `/live/${s}`]) {
			expectQuiet(await visit(world.page, pathname, participant(w.participantTokens[1]!)), pathname);
		}
		const result = await visit(world.page, `/live/${s}/evaluation`, participant(w.participantTokens[6]!));
		expectQuiet(result, 'evaluation');
	});

	it('runs nothing on the quality manager pages (promotion, providers, assessments, frameworks)', async () => {
		for (const pathname of [
			`/promotion/${w.sessionId}`,
			`/providers/${w.providerId}`,
			`/assessments/${w.assessmentId}`,
			`/assessments/${w.assessmentId}/report`,
			`/frameworks/${w.draftFrameworkId}/versions/${w.draftVersionId}`,
			`/frameworks/${w.draftFrameworkId}/versions/${w.draftVersionId}/edit`,
			`/frameworks/search?q=${encodeURIComponent('"><img src=x onerror="window.__xss=1">')}`
		]) {
			expectQuiet(await visit(world.page, pathname, staff(w.managerCookie)), pathname);
		}
		const admin = await visit(world.page, '/admin/accounts', staff(w.adminCookie));
		expectQuiet(admin, '/admin/accounts');
		expect(admin.text).toContain(`Beheer ${NAME_PAYLOADS[0]}`);
	});

	it('runs nothing in a live session whose participants have hostile names (state over socket.io)', async () => {
		const id = live.session.id;
		const lead = await visit(world.page, `/sessions/${id}/lead`, staff(live.cookies.facilitator), (page) =>
			page.getByText(NAME_PAYLOADS[1]!).first().waitFor()
		);
		expectQuiet(lead, 'lead');
		expect(lead.text).toContain(NAME_PAYLOADS[1]!);
		const screen = await visit(world.page, `/sessions/${id}/screen`, staff(live.cookies.facilitator));
		expectQuiet(screen, 'screen');
		const me = await visit(world.page, `/live/${id}`, participant(liveGuest));
		expectQuiet(me, 'live');
		expect(me.text).toContain(NAME_PAYLOADS[1]!);
	});

	it('runs nothing from a hostile next= or join code in the address', async () => {
		for (const pathname of [
			`/login?next=${encodeURIComponent('javascript:window.__xss=1')}`,
			`/join?code=${encodeURIComponent('"><svg onload=window.__xss=1>')}`
		]) {
			expectQuiet(await visit(world.page, pathname, null), pathname);
		}
	});
});
