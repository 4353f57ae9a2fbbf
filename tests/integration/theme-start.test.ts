/**
 * Issue 19: per theme, the facilitator chooses whether its co-edited document starts from the
 * framework's meaning and toetsvraag or blank; the choice holds only until the document is
 * opened, and only the session's facilitator makes it. And the example criteria the criteria
 * step shows on request: the framework's own, word for word, for whoever is in the session.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, sessionThemes } from '../../src/lib/server/db/schema';
import { DomainError } from '../../src/lib/server/errors';
import { SYSTEM } from '../../src/lib/server/audit';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { criteriaExamples } from '../../src/lib/server/frameworks/examples';
import { setThemeStarts, themeStarts } from '../../src/lib/server/sessions/theme-start';
import { sessionState } from '../../src/lib/server/sessions/state';
import { startTestServer } from '../helpers/server';
import { eventually, yjsClient } from '../helpers/realtime';
import { gotoAgenda, loadSession } from '../../src/lib/server/sessions/agenda';
import { liveWorld, member } from '../helpers/live';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

// One server for the file: SvelteKit's check of a form's origin holds the first server's address.
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server?.close());

async function setup() {
	const db = server.runtime.db;
	const world = await liveWorld(db, { themeSelection: 'fixed', themesToTreat: 2 });
	const facilitator = await member(server.url, world.cookies.facilitator, world.session.id);
	cleanup.push(() => facilitator.socket.disconnect());
	const regie = facilitator.latest.themes.find((t) => t.name === 'Regie van de cliënt')!;
	const integraal = facilitator.latest.themes.find((t) => t.name === 'Integraal werken')!;
	const locatie = facilitator.latest.themes.find((t) => t.name === 'Locatie')!;
	expect(await facilitator.send('vote:choose', { themeIds: [regie.id, integraal.id] })).toMatchObject({ ok: true });
	const open = async (key: string, cookie = world.cookies.ans) => {
		const c = yjsClient(server.url, `session/${world.session.id}/theme/${key}`, { cookie });
		cleanup.push(() => c.destroy());
		await c.synced;
		return c;
	};
	const startOf = (id: number) => db.select().from(sessionThemes).where(eq(sessionThemes.id, id)).get()!.startBlank;
	const post = (fields: Record<string, string>, cookie = world.cookies.facilitator) =>
		fetch(`${server.url}/sessions/${world.session.id}?/themeStart`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, accept: 'text/html', cookie },
			body: new URLSearchParams(fields),
			redirect: 'manual'
		});
	return { server, db, world, regie, integraal, locatie, open, startOf, post };
}

const refusal = (fn: () => unknown): DomainError => {
	try {
		fn();
	} catch (err) {
		if (err instanceof DomainError) return err;
		throw err;
	}
	throw new Error('not refused');
};

describe('starting a theme blank', () => {
	it('starts a blank theme’s document without the framework’s texts, and the others as before', async () => {
		const { db, world, regie, integraal, open } = await setup();
		setThemeStarts(db, SYSTEM, world.session.id, { choices: [{ themeId: regie.id, start: 'blank' }] });

		const blank = await open(regie.key);
		expect(blank.doc.getText('meaning').toString()).toBe('');
		expect(blank.doc.getText('testQuestion').toString()).toBe('');
		const framework = await open(integraal.key);
		expect(framework.doc.getText('meaning').toString()).toMatch(/^Bij integraal werken wordt de burger als één integraal individu gezien/);
		expect(framework.doc.getText('testQuestion').toString()).toMatch(/^Worden de vragen van de burger in samenhang/);

		// The hints do not claim a framework text for the blank theme.
		const state = sessionState(db, world.session.id, { kind: 'participant', participantId: world.ans.participant.id });
		expect(state.themes.find((t) => t.id === regie.id)!.prefilled).toEqual({ meaning: false, testQuestion: false });
		expect(state.themes.find((t) => t.id === integraal.id)!.prefilled).toEqual({ meaning: true, testQuestion: true });
		// A second reader gets the same blank start, not the framework's text after all.
		const again = await open(regie.key, world.cookies.bas);
		expect(again.doc.getText('meaning').toString()).toBe('');
	});

	it('refuses a change once the document was opened, saying why, and saves nothing of the change', async () => {
		const { db, world, regie, integraal, locatie, open, startOf } = await setup();
		expect(themeStarts(db, loadSession(db, world.session.id)).find((t) => t.id === regie.id)).toMatchObject({
			start: 'framework',
			locked: false
		});
		await open(regie.key);
		expect(themeStarts(db, loadSession(db, world.session.id)).find((t) => t.id === regie.id)).toMatchObject({
			start: 'framework',
			locked: true
		});

		// Together with a change that alone would be fine: all or nothing.
		const err = refusal(() =>
			setThemeStarts(db, SYSTEM, world.session.id, {
				choices: [
					{ themeId: integraal.id, start: 'blank' },
					{ themeId: regie.id, start: 'blank' }
				]
			})
		);
		expect(err).toMatchObject({ code: 'error.themeStart.started', status: 409, params: { name: 'Regie van de cliënt' } });
		expect(startOf(integraal.id)).toBe(false);
		expect(startOf(regie.id)).toBe(false);
		// Sending the unchanged start of an opened theme along is not a change.
		setThemeStarts(db, SYSTEM, world.session.id, {
			choices: [
				{ themeId: regie.id, start: 'framework' },
				{ themeId: locatie.id, start: 'blank' }
			]
		});
		expect(startOf(locatie.id)).toBe(true);

		// A blank document nobody wrote in is not stored, but while its theme is on the agenda it
		// may be open: the start cannot change then either.
		setThemeStarts(db, SYSTEM, world.session.id, { choices: [{ themeId: integraal.id, start: 'blank' }] });
		gotoAgenda(db, SYSTEM, world.session.id, 6); // the second theme's meaning step
		const reader = await open(integraal.key);
		expect(reader.doc.getText('meaning').toString()).toBe('');
		expect(themeStarts(db, loadSession(db, world.session.id)).find((t) => t.id === integraal.id)).toMatchObject({ locked: true });
		expect(
			refusal(() => setThemeStarts(db, SYSTEM, world.session.id, { choices: [{ themeId: integraal.id, start: 'framework' }] })).code
		).toBe('error.themeStart.started');
		// Written in: stored, so fixed also after the group moved on.
		reader.doc.getText('meaning').insert(0, 'Alles hangt samen.');
		gotoAgenda(db, SYSTEM, world.session.id, 0);
		const lockedNow = () => themeStarts(db, loadSession(db, world.session.id)).find((t) => t.id === integraal.id)!.locked;
		await eventually(lockedNow, 5000, 'the edit stored');
		expect(startOf(integraal.id)).toBe(true);
	});

	it('validates the input and refuses themes of another session', async () => {
		const { db, world, regie } = await setup();
		const other = db
			.select()
			.from(sessionThemes)
			.where(and(eq(sessionThemes.dialogueSessionId, world.other.id), eq(sessionThemes.key, regie.key)))
			.get()!;
		expect(refusal(() => setThemeStarts(db, SYSTEM, world.session.id, { choices: [{ themeId: other.id, start: 'blank' }] })).code).toBe(
			'error.themeStart.unknownTheme'
		);
		expect(
			refusal(() => setThemeStarts(db, SYSTEM, world.session.id, { choices: [{ themeId: regie.id, start: 'leeg' as 'blank' }] })).code
		).toBe('error.validation');
		expect(refusal(() => setThemeStarts(db, SYSTEM, world.session.id, { choices: [] })).code).toBe('error.validation');
	});

	it('takes the choice from the session’s facilitator only, through the page, and audits it', async () => {
		const { db, world, regie, startOf, post } = await setup();
		const fields = { [`start-${regie.id}`]: 'blank' };
		// Participants, observers, a participant of another session: refused (a login is asked for).
		for (const cookie of [world.cookies.ans, world.cookies.obs, world.cookies.stranger]) {
			const response = await post(fields, cookie);
			expect([303, 403]).toContain(response.status);
			if (response.status === 303) expect(response.headers.get('location')).toMatch(/^\/login/);
		}
		// Another facilitator: the session does not exist for them.
		const other = await createAccount(
			db,
			SYSTEM,
			{ email: 'ander@gemeente.test', name: 'Ander', roles: ['facilitator'] },
			'een goed wachtwoord'
		);
		expect((await post(fields, `kd_session=${createSession(db, other.id, 7).token}`)).status).toBe(404);
		expect(startOf(regie.id)).toBe(false);

		const ok = await post(fields);
		expect(ok.status).toBe(200);
		expect(startOf(regie.id)).toBe(true);
		const audited = db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'session.theme_start'), eq(auditLog.subjectId, world.session.id)))
			.all();
		expect(audited).toHaveLength(1);
		expect(audited[0]).toMatchObject({ subjectType: 'dialogue_session', actorType: 'user' });
		expect(audited[0]!.details).toEqual({ themes: [{ themeId: regie.id, start: 'blank' }] });

		const bad = await post({ [`start-${regie.id}`]: 'half' });
		expect(bad.status).toBe(400);
		expect(startOf(regie.id)).toBe(true);
	});
});

describe('example criteria', () => {
	it('are the framework’s own texts for the theme, with where they come from', async () => {
		const { db, world } = await setup();
		const examples = criteriaExamples(db, world.session, 'nl');
		expect(Object.keys(examples).sort()).toEqual(['integraal-werken', 'medezeggenschap', 'regie-van-de-client'].sort());
		expect(examples['regie-van-de-client']).toEqual([
			{
				source:
					'MOVISIE (2013), Zo werkt u aan kwaliteit in de Wmo. Het perspectief van de klant als uitgangspunt voor kwaliteitscriteria, Bijlage 1, Thema: Regie van de cliënt',
				texts: [
					'De cliënt stelt zoveel mogelijk zelf zijn participatie- of hulpverleningsplan op.',
					'Er is de mogelijkheid van een integraal participatiebudget.',
					'De cliënt heeft recht op een Eigen Kracht-conferentie.',
					'De cliënt beschikt over of heeft toegang tot voldoende informatie om keuzes te maken.'
				]
			}
		]);
		expect(examples['integraal-werken']![0]!.texts).toHaveLength(7);
		expect(examples['integraal-werken']![0]!.texts[3]).toBe('De hulpverleners werken vanuit het principe 1gezin1plan.');
		expect(examples['medezeggenschap']![0]!.texts).toHaveLength(4);
	});
});
