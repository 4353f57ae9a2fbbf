/**
 * The whole path of issue 6 through the real pages, as a browser posts them, with mail to a
 * real SMTP server on loopback: a trajectory and its session, the participant list and the
 * invitations, the personal link from the mail, the anonymous evaluation, an agreement, the
 * draft report sent by mail, a comment through the report link, the facilitator's answer,
 * the final version after the comment window, and the PDF and DOCX exports.
 *
 * One server per file: adapter-node reads ORIGIN once per process, and form posts are checked
 * against it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { startTestServer } from '../helpers/server';
import { parseMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { heldWorld, holdSession, PEOPLE } from '../helpers/follow-up';
import { movisieVersionId } from '../helpers/live';
import { nl } from '../helpers/i18n';
import { extractPdfTextFlat } from '../helpers/pdf-text';
import {
	agreements,
	auditLog,
	dialogueSessions,
	evaluationResponses,
	reportComments,
	reports,
	trajectories
} from '../../src/lib/server/db/schema';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { listParticipants } from '../../src/lib/server/sessions/participants';
import { SYSTEM } from '../../src/lib/server/audit';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const linkIn = (text: string) => /(http:\/\/[^\s]+\/j\/[a-z2-7]+\.[a-z2-7]+)/.exec(text)![1]!;

/** A form action as the browser posts it (SvelteKit answers JSON to this header). */
async function act(url: string, path: string, action: string, fields: Record<string, string | string[]>, cookie: string) {
	const body = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
	const response = await fetch(action === 'default' ? `${url}${path}` : `${url}${path}?/${action}`, {
		method: 'POST',
		headers: { cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
		body
	});
	const result = (await response.json()) as { type: string; status: number; location?: string };
	return result;
}

describe('from trajectory to final report, through the pages and SMTP', () => {
	let smtp: TestSmtp;
	let server: Server;
	beforeAll(async () => {
		smtp = await startTestSmtp();
		server = await startTestServer({ env: { SMTP_URL: smtp.url } });
	});
	afterAll(async () => {
		await server?.close();
		await smtp?.close();
	});

	const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address)).map((m) => parseMail(m.raw));

	it('plans, invites, collects the evaluation and comments, answers them and makes the report final', async () => {
		const db = server.runtime.db;
		const url = server.url;
		const gl = await createAccount(
			db,
			SYSTEM,
			{ email: 'gl-e2e@gemeente.test', name: 'Gerda Leider', roles: ['facilitator'] },
			'een goed wachtwoord'
		);
		const cookie = `kd_session=${createSession(db, gl.id, 7).token}`;

		// Step 1: the trajectory and its first session.
		const created = await act(
			url,
			'/trajectories',
			'create',
			{
				title: 'Wmo-kwaliteit 2027',
				goal: 'Criteria met cliënten.',
				frameworkVersionId: String(movisieVersionId(db)),
				themeSelection: 'vote',
				plannedSessions: '2',
				facilitatorId: String(gl.id)
			},
			cookie
		);
		expect(created.type).toBe('redirect');
		const trajectoryId = Number(/\/trajectories\/(\d+)/.exec(created.location!)![1]);
		expect(db.select().from(trajectories).where(eq(trajectories.id, trajectoryId)).get()!.goal).toBe('Criteria met cliënten.');
		const planned = await act(
			url,
			`/trajectories/${trajectoryId}`,
			'plan',
			{ title: 'Eerste gesprek', scheduledAt: '2027-03-02T14:00', durationMinutes: '120' },
			cookie
		);
		expect(planned.type).toBe('redirect');
		const sessionId = Number(/\/sessions\/(\d+)/.exec(planned.location!)![1]);
		expect(db.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get()!.trajectoryId).toBe(trajectoryId);

		// Step 2: the participant list (a bad address is refused and stores nothing) and invitations.
		const bad = await act(
			url,
			`/sessions/${sessionId}/participants`,
			'add',
			{ displayName: 'Ans', perspective: 'client', email: 'ans-at-example' },
			cookie
		);
		expect(bad.type).toBe('failure');
		expect(listParticipants(db, sessionId)).toHaveLength(0);
		for (const p of PEOPLE) {
			const added = await act(
				url,
				`/sessions/${sessionId}/participants`,
				'add',
				{ displayName: p.displayName, perspective: p.perspective, email: p.email ?? '', phone: p.phone ?? '', notes: '' },
				cookie
			);
			expect(added.type).toBe('success');
		}
		expect((await act(url, `/sessions/${sessionId}/participants`, 'send', {}, cookie)).type).toBe('success');
		expect((await act(url, `/sessions/${sessionId}/participants`, 'send', {}, cookie)).type).toBe('failure');
		await server.runtime.mail!.deliverDue();
		const invitation = mailsTo('carla@example.org');
		expect(invitation).toHaveLength(1);
		expect(invitation[0]!.attachments[0]!.content).toContain('DTSTART:20270302T130000Z');

		// Carla follows her link; the session is held and closed.
		const joined = await fetch(linkIn(invitation[0]!.text), { redirect: 'manual' });
		const carla = joined.headers
			.getSetCookie()
			.find((c) => c.startsWith('kd_participant='))!
			.split(';')[0]!;
		holdSession(db, sessionId, listParticipants(db, sessionId));

		// Step 4: Carla's evaluation, anonymous; an agreement; the draft; sending it.
		const evaluated = await act(
			url,
			`/live/${sessionId}/evaluation`,
			'default',
			{ sharedAll: 'partly', heard: 'yes', clear: 'yes', worthwhile: 'yes', grade: '8', better: 'Meer tijd', anonymous: 'on' },
			carla
		);
		expect(evaluated.type).toBe('success');
		expect(db.select().from(evaluationResponses).all().at(-1)!.participantId).toBeNull();
		expect(
			(
				await act(
					url,
					`/sessions/${sessionId}/follow-up`,
					'addAgreement',
					{ topic: 'council', what: 'Voorleggen aan de raad', owner: 'Wethouder Zorg', dueDate: '2027-06-01' },
					cookie
				)
			).type
		).toBe('success');
		// Deleting an agreement asks first: without the confirmation it stays.
		expect(
			(
				await act(
					url,
					`/sessions/${sessionId}/follow-up`,
					'addAgreement',
					{ topic: 'council', what: 'Per ongeluk', owner: 'Niemand', dueDate: '2027-06-01' },
					cookie
				)
			).type
		).toBe('success');
		const mistake = db.select().from(agreements).where(eq(agreements.what, 'Per ongeluk')).get()!;
		const askedDelete = (await act(url, `/sessions/${sessionId}/follow-up`, 'deleteAgreement', { id: String(mistake.id) }, cookie)) as {
			type: string;
			data?: string;
		};
		expect(askedDelete.type).toBe('success');
		expect(askedDelete.data).toContain('confirmDelete');
		expect(db.select().from(agreements).where(eq(agreements.id, mistake.id)).get()).toBeDefined();
		expect(
			(await act(url, `/sessions/${sessionId}/follow-up`, 'deleteAgreement', { id: String(mistake.id), confirm: 'yes' }, cookie)).type
		).toBe('success');
		expect(db.select().from(agreements).where(eq(agreements.id, mistake.id)).get()).toBeUndefined();
		expect((await act(url, `/sessions/${sessionId}/follow-up`, 'startReport', {}, cookie)).type).toBe('redirect');
		// Without the confirmation the page only asks (nothing is sent); then it sends, once.
		const asked = (await act(url, `/sessions/${sessionId}/report`, 'send', {}, cookie)) as { type: string; data?: string };
		expect(asked.type).toBe('success');
		expect(asked.data).toContain('confirmSend');
		expect(db.select().from(reports).where(eq(reports.dialogueSessionId, sessionId)).get()!.status).toBe('draft');
		expect((await act(url, `/sessions/${sessionId}/report`, 'send', { confirm: 'yes' }, cookie)).type).toBe('success');
		expect((await act(url, `/sessions/${sessionId}/report`, 'send', { confirm: 'yes' }, cookie)).type).toBe('failure');
		await server.runtime.mail!.deliverDue();
		const reportMail = mailsTo('carla@example.org').find((m) => m.subject.startsWith('Conceptverslag'))!;
		const viaReport = await fetch(linkIn(reportMail.text), { redirect: 'manual' });
		expect(viaReport.headers.get('location')).toBe(`/live/${sessionId}/report`);
		const page = await fetch(`${url}/live/${sessionId}/report`, { headers: { cookie: carla } });
		const html = await page.text();
		expect(html).toContain('De cliënt kiest zelf een cliëntondersteuner.');
		const clientKey = /name="clientKey" value="([A-Za-z0-9_-]+)"/.exec(html)![1]!;
		const report = db.select().from(reports).where(eq(reports.dialogueSessionId, sessionId)).get()!;
		const criterion = report.content.sections.find((sec) => sec.key === 'theme-regie-van-de-client')!.criteria![1]!;
		const commented = await act(
			url,
			`/live/${sessionId}/report`,
			'comment',
			{ target: `criterion:${criterion.key}`, body: 'Ook hulp bij het kiezen, graag.', clientKey },
			carla
		);
		expect(commented.type).toBe('success');
		// The same submit again (a double click) is stored once; another session's report refuses the link.
		await act(
			url,
			`/live/${sessionId}/report`,
			'comment',
			{ target: `criterion:${criterion.key}`, body: 'Ook hulp bij het kiezen, graag.', clientKey },
			carla
		);
		const comments = db.select().from(reportComments).where(eq(reportComments.reportId, report.id)).all();
		expect(comments).toHaveLength(1);
		const other = await heldWorld(db);
		const foreign = await fetch(`${url}/live/${other.session.id}/report`, { headers: { cookie: carla } });
		expect(foreign.status).toBe(404);

		// The facilitator answers; after the window (two weeks, simulated) the report becomes final.
		expect(
			(
				await act(
					url,
					`/sessions/${sessionId}/report`,
					'respond',
					{ commentId: String(comments[0]!.id), decision: 'not_adopted', reason: '' },
					cookie
				)
			).type
		).toBe('failure');
		expect(
			(
				await act(
					url,
					`/sessions/${sessionId}/report`,
					'respond',
					{ commentId: String(comments[0]!.id), decision: 'not_adopted', reason: 'Dit regelt de cliëntondersteuner al.' },
					cookie
				)
			).type
		).toBe('success');
		expect((await act(url, `/sessions/${sessionId}/report`, 'finalize', { confirm: 'yes' }, cookie)).type).toBe('failure');
		db.update(reports)
			.set({ commentsCloseAt: new Date(Date.now() - 1000) })
			.where(eq(reports.id, report.id))
			.run();
		const late = await act(
			url,
			`/live/${sessionId}/report`,
			'comment',
			{ target: 'section:intro', body: 'Te laat', clientKey: 'latekey123' },
			carla
		);
		expect(late.type).toBe('failure');
		expect((await act(url, `/sessions/${sessionId}/report`, 'finalize', { confirm: 'yes' }, cookie)).type).toBe('success');
		expect(db.select().from(reports).where(eq(reports.id, report.id)).get()!.status).toBe('final');

		// The exports hold the content and the reactienota.
		const pdf = await fetch(`${url}/sessions/${sessionId}/report/export/2.pdf`, { headers: { cookie } });
		expect(pdf.headers.get('content-type')).toContain('application/pdf');
		const text = extractPdfTextFlat(Buffer.from(await pdf.arrayBuffer()));
		expect(text).toContain('Eerste gesprek');
		expect(text).toContain('De cliënt kiest zelf een cliëntondersteuner.');
		expect(text).toContain('Dit regelt de cliëntondersteuner al.');
		const docx = await fetch(`${url}/sessions/${sessionId}/report/export/2.docx`, { headers: { cookie } });
		const xml = await (await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()))).file('word/document.xml')!.async('string');
		expect(xml).toContain('Ook hulp bij het kiezen, graag.');
		expect(xml).toContain('Voorleggen aan de raad');
		// Who exported or printed the report is kept.
		expect((await fetch(`${url}/sessions/${sessionId}/report/print/2`, { headers: { cookie } })).status).toBe(200);
		const access = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.subjectId, report.id))
			.all()
			.filter((a) => a.action === 'report.export' || a.action === 'report.view');
		const carlaId = listParticipants(db, sessionId).find((p) => p.displayName === 'Carla')!.id;
		expect(access.map((a) => [a.action, a.actorId, a.details])).toEqual([
			// Carla's own report page (a participant's view, by id).
			['report.view', carlaId, { version: 1 }],
			['report.export', gl.id, { format: 'pdf', version: 2 }],
			['report.export', gl.id, { format: 'docx', version: 2 }],
			['report.view', gl.id, { print: true, version: 2 }]
		]);
		// Another facilitator gets nothing.
		const stranger = `kd_session=${createSession(db, other.facilitator.id, 7).token}`;
		expect((await fetch(`${url}/sessions/${sessionId}/report/export/2.pdf`, { headers: { cookie: stranger } })).status).toBe(404);
	});

	it('adds or removes nobody in a session that is over, on the overview and the list page', async () => {
		const db = server.runtime.db;
		const url = server.url;
		const held = await heldWorld(db);
		const cookie = `kd_session=${createSession(db, held.facilitator.id, 7).token}`;
		const id = held.session.id;
		const before = listParticipants(db, id).map((p) => p.id);
		// The overview shows who took part, without forms to add or remove, and says why.
		const page = await (await fetch(`${url}/sessions/${id}`, { headers: { cookie } })).text();
		expect(page).toContain(nl('session.people.closed'));
		expect(page).not.toContain('?/add#add-title');
		expect(page).not.toContain('?/remove#people-title');
		// Posted anyway: refused with the reason in Dutch, nothing changed (a new link would have opened the report).
		const added = (await act(
			url,
			`/sessions/${id}`,
			'add',
			{ displayName: 'Joost', perspective: 'client', role: 'participant' },
			cookie
		)) as {
			type: string;
			status: number;
			data?: string;
		};
		expect([added.type, added.status]).toEqual(['failure', 409]);
		expect(added.data).toContain('error.session.closed');
		for (const path of [`/sessions/${id}`, `/sessions/${id}/participants`]) {
			const removed = await act(url, path, 'remove', { participantId: String(before[0]) }, cookie);
			expect([removed.type, removed.status], path).toEqual(['failure', 409]);
		}
		expect(listParticipants(db, id).map((p) => p.id)).toEqual(before);
	});
});
