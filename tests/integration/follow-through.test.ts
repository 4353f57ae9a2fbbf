/**
 * Finishing the follow-up (issue 18) over the real server, as a browser posts the forms:
 * closing the comment window early with a reason (only the session's facilitator), then
 * finalising; a non-responder's phone answer stored as their response and marked in the
 * reactienota and the exports; the quality manager's promotion to-do in the menu and on the
 * dashboard (and nobody else's); and each version's export as it was when it was made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { startTestServer } from '../helpers/server';
import { heldWorld } from '../helpers/follow-up';
import { extractPdfTextFlat } from '../helpers/pdf-text';
import { auditLog, reportComments, reports } from '../../src/lib/server/db/schema';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import type { Db } from '../../src/lib/server/db';
import { addComment, getReport, respondToComment } from '../../src/lib/server/reports/reports';
import { declineCriterion, promotableCriteria } from '../../src/lib/server/frameworks/promotion';
import { today } from '../../src/lib/shared/dates';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type ActResult = { type: string; status: number; data?: string; error?: { code?: string } };

/** A form action as the browser posts it (SvelteKit answers JSON to this header). */
async function act(url: string, path: string, action: string, fields: Record<string, string>, cookie: string): Promise<ActResult> {
	const response = await fetch(`${url}${path}?/${action}`, {
		method: 'POST',
		headers: { cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
		body: new URLSearchParams(fields)
	});
	const result = (await response.json()) as ActResult;
	// An error (404 and the like) carries its status on the response only.
	return { ...result, status: result.status ?? response.status };
}

let accounts = 0;
async function staff(db: Db, roles: ('facilitator' | 'quality_manager' | 'admin')[]) {
	const user = await createAccount(
		db,
		SYSTEM,
		{ email: `ft-${++accounts}@gemeente.test`, name: `Medewerker ${accounts}`, roles },
		'een goed wachtwoord'
	);
	return { user, cookie: `kd_session=${createSession(db, user.id, 7).token}` };
}

async function pdfText(url: string, path: string, cookie: string): Promise<string> {
	const response = await fetch(`${url}${path}`, { headers: { cookie } });
	expect(response.status).toBe(200);
	return extractPdfTextFlat(Buffer.from(await response.arrayBuffer()));
}

async function docxText(url: string, path: string, cookie: string): Promise<string> {
	const response = await fetch(`${url}${path}`, { headers: { cookie } });
	expect(response.status).toBe(200);
	return (await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()))).file('word/document.xml')!.async('string');
}

describe('finishing the follow-up', () => {
	let server: Server;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(async () => {
		await server?.close();
	});

	/** A held session with its report sent: the facilitator's cookie, the people and the report. */
	async function sentWorld() {
		const db = server.runtime.db;
		const world = await heldWorld(db);
		const cookie = `kd_session=${createSession(db, world.facilitator.id, 7).token}`;
		const base = `/sessions/${world.session.id}`;
		expect((await act(server.url, `${base}/follow-up`, 'startReport', {}, cookie)).type).toBe('redirect');
		expect((await act(server.url, `${base}/report`, 'send', { confirm: 'yes' }, cookie)).type).toBe('success');
		const person = (name: string) => world.people.find((p) => p.displayName === name)!;
		const report = () => getReport(db, world.session.id)!;
		return { ...world, db, cookie, base, person, report };
	}

	it('closes the comment window early only with a reason and only by the facilitator; then the report can be made final', async () => {
		const w = await sentWorld();
		const url = server.url;
		const carla = w.person('Carla');
		const comment = addComment(w.db, carla, w.session.id, { target: 'section:intro', body: 'Mooi verslag.', clientKey: 'carla-key-1' });
		respondToComment(w.db, { type: 'user', id: w.facilitator.id }, w.session.id, comment.id, { decision: 'adopted' });

		// Before: finalising is refused while the window is open.
		const early = await act(url, `${w.base}/report`, 'finalize', { confirm: 'yes' }, w.cookie);
		expect([early.type, early.status]).toEqual(['failure', 409]);
		expect(early.data).toContain('error.report.windowOpen');

		// A reason is required.
		const empty = await act(url, `${w.base}/follow-up`, 'closeEarly', { reason: '   ' }, w.cookie);
		expect([empty.type, empty.status]).toEqual(['failure', 400]);
		expect(empty.data).toContain('error.field.required');
		expect(w.report().commentsClosedReason).toBeNull();

		// Nobody else may close it: a quality manager, an administrator, another facilitator.
		const qm = await staff(w.db, ['quality_manager']);
		const admin = await staff(w.db, ['admin']);
		const otherFacilitator = await staff(w.db, ['facilitator']);
		for (const who of [qm, admin, otherFacilitator]) {
			const refused = await act(url, `${w.base}/follow-up`, 'closeEarly', { reason: 'Iedereen is gebeld.' }, who.cookie);
			expect(refused.status).toBe(404);
		}
		expect(w.report().commentsClosedReason).toBeNull();
		const planned = w.report().commentsCloseAt!;
		expect(planned.getTime()).toBeGreaterThan(Date.now());

		// The facilitator closes it with a reason: kept, audited, and the planned date is kept too.
		const closed = await act(url, `${w.base}/follow-up`, 'closeEarly', { reason: 'Iedereen heeft gereageerd of is gebeld.' }, w.cookie);
		expect(closed.type).toBe('success');
		const after = w.report();
		expect(after.commentsClosedReason).toBe('Iedereen heeft gereageerd of is gebeld.');
		expect(after.commentsPlannedCloseAt?.getTime()).toBe(planned.getTime());
		expect(after.commentsCloseAt!.getTime()).toBeLessThanOrEqual(Date.now());
		const audited = w.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'report.closeComments'), eq(auditLog.subjectId, after.id)))
			.all();
		expect(audited.map((a) => a.actorId)).toEqual([w.facilitator.id]);
		// Closing twice is refused; participants can no longer comment.
		expect((await act(url, `${w.base}/follow-up`, 'closeEarly', { reason: 'Nog eens.' }, w.cookie)).status).toBe(409);
		expect(() => addComment(w.db, carla, w.session.id, { target: 'section:intro', body: 'Te laat.', clientKey: 'carla-key-2' })).toThrow(
			expect.objectContaining({ code: 'error.comment.windowClosed' })
		);

		// The follow-up page and the report page tell it, with the reason.
		const page = await (await fetch(`${url}${w.base}/follow-up`, { headers: { cookie: w.cookie } })).text();
		expect(page).toContain('U heeft de tijd om te reageren eerder gestopt');
		expect(page).toContain('Iedereen heeft gereageerd of is gebeld.');
		expect(page).not.toContain('name="reason"');

		// Now it can be made final; the final version's reactienota names the early close and its reason.
		const final = await act(url, `${w.base}/report`, 'finalize', { confirm: 'yes' }, w.cookie);
		expect(final.type).toBe('success');
		expect(w.report().status).toBe('final');
		const pdf = await pdfText(url, `${w.base}/report/export/2.pdf`, w.cookie);
		expect(pdf).toContain('De tijd om te reageren is eerder gestopt');
		expect(pdf).toContain('Iedereen heeft gereageerd of is gebeld.');
		const docx = await docxText(url, `${w.base}/report/export/2.docx`, w.cookie);
		expect(docx).toContain('Reden: Iedereen heeft gereageerd of is gebeld.');
	});

	it('records what a non-responder said on the phone as their response, marked as such in the reactienota and the exports', async () => {
		const w = await sentWorld();
		const url = server.url;
		const bas = w.person('Bas'); // no e-mail, a phone number
		const carla = w.person('Carla');
		addComment(w.db, carla, w.session.id, { target: 'section:intro', body: 'Schriftelijk.', clientKey: 'carla-key-3' });
		const form = await (await fetch(`${url}${w.base}/follow-up`, { headers: { cookie: w.cookie } })).text();
		// Bas is offered (he has not responded), Carla is not.
		expect(form).toContain(`<option value="${bas.id}">Bas</option>`);
		expect(form).not.toContain(`<option value="${carla.id}">`);
		const key = /name="clientKey" value="([A-Za-z0-9_-]+)"/.exec(form)![1]!;
		const fields = {
			participantId: String(bas.id),
			target: 'section:intro',
			body: 'Ik mis dat de bus niet op tijd komt.',
			calledOn: today(),
			clientKey: key
		};

		// Refused: no text; a call in the future; someone who responded in writing; another facilitator.
		const noBody = await act(url, `${w.base}/follow-up`, 'phoneResponse', { ...fields, body: '' }, w.cookie);
		expect([noBody.type, noBody.status]).toEqual(['failure', 400]);
		const future = await act(url, `${w.base}/follow-up`, 'phoneResponse', { ...fields, calledOn: '2999-01-01' }, w.cookie);
		expect(future.data).toContain('error.phone.calledOn');
		const written = await act(url, `${w.base}/follow-up`, 'phoneResponse', { ...fields, participantId: String(carla.id) }, w.cookie);
		expect(written.data).toContain('error.phone.responded');
		const stranger = await staff(w.db, ['facilitator']);
		expect((await act(url, `${w.base}/follow-up`, 'phoneResponse', fields, stranger.cookie)).status).toBe(404);
		expect(w.db.select().from(reportComments).where(eq(reportComments.channel, 'phone')).all()).toHaveLength(0);

		// Stored once (a second submit of the same form is the same response), as Bas's response, by phone.
		expect((await act(url, `${w.base}/follow-up`, 'phoneResponse', fields, w.cookie)).type).toBe('success');
		expect((await act(url, `${w.base}/follow-up`, 'phoneResponse', fields, w.cookie)).type).toBe('success');
		const stored = w.db.select().from(reportComments).where(eq(reportComments.channel, 'phone')).all();
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ participantId: bas.id, perspective: 'client', calledOn: today(), body: fields.body });
		// Least data: no phone number with it.
		expect(JSON.stringify(stored[0])).not.toContain('12345678');
		expect(
			w.db
				.select()
				.from(auditLog)
				.where(eq(auditLog.action, 'report.phoneResponse'))
				.all()
				.map((a) => a.actorId)
		).toEqual([w.facilitator.id]);

		// Bas is no longer someone to call; the report page marks the response and the reactienota says "telefonisch".
		const again = await (await fetch(`${url}${w.base}/follow-up`, { headers: { cookie: w.cookie } })).text();
		expect(again).not.toContain(`<option value="${bas.id}">`);
		const reportPage = await (await fetch(`${url}${w.base}/report`, { headers: { cookie: w.cookie } })).text();
		expect(reportPage).toContain('Telefonisch, gebeld op');
		expect(reportPage).toContain('cliënt, telefonisch');

		// Answered like any other; in the exports it is marked.
		respondToComment(w.db, { type: 'user', id: w.facilitator.id }, w.session.id, stored[0]!.id, {
			decision: 'not_adopted',
			reason: 'Dat gaat over het vervoer.'
		});
		const working = await pdfText(url, `${w.base}/report/export/working.pdf`, w.cookie);
		expect(working).toContain('Ik mis dat de bus niet op tijd komt.');
		expect(working).toContain('cliënt, telefonisch');
		const docx = await docxText(url, `${w.base}/report/export/working.docx`, w.cookie);
		expect(docx).toContain('cliënt, telefonisch');
		expect(docx).not.toContain('Bas');

		// Also after the window closed early (calls are written up afterwards); not once final.
		const ans = w.person('Ans');
		expect((await act(url, `${w.base}/follow-up`, 'closeEarly', { reason: 'Iedereen is gebeld.' }, w.cookie)).type).toBe('success');
		const late = { ...fields, participantId: String(ans.id), body: 'Goed zo.', clientKey: 'phone-key-ans-1' };
		expect((await act(url, `${w.base}/follow-up`, 'phoneResponse', late, w.cookie)).type).toBe('success');
		w.db.update(reportComments).set({ decision: 'adopted' }).where(eq(reportComments.reportId, w.report().id)).run();
		expect((await act(url, `${w.base}/report`, 'finalize', { confirm: 'yes' }, w.cookie)).type).toBe('success');
		const afterFinal = await act(url, `${w.base}/follow-up`, 'phoneResponse', { ...late, clientKey: 'phone-key-ans-2' }, w.cookie);
		expect(afterFinal.data).toContain('error.report.final');
	});

	it('shows sessions ready for promotion to quality managers only, in the menu and on the dashboard', async () => {
		const w = await sentWorld();
		const url = server.url;
		const qm = await staff(w.db, ['quality_manager']);
		const admin = await staff(w.db, ['admin']);
		const both = await staff(w.db, ['facilitator', 'quality_manager']);
		const dashboard = async (cookie: string) => (await fetch(`${url}/dashboard`, { headers: { cookie } })).text();
		const link = `href="/promotion/${w.session.id}"`;

		// Not final yet: not on the list.
		expect(await dashboard(qm.cookie)).not.toContain(link);
		expect((await act(url, `${w.base}/follow-up`, 'closeEarly', { reason: 'Iedereen is gebeld.' }, w.cookie)).type).toBe('success');
		expect((await act(url, `${w.base}/report`, 'finalize', { confirm: 'yes' }, w.cookie)).type).toBe('success');

		const forQm = await dashboard(qm.cookie);
		expect(forQm).toContain('href="/promotion"');
		expect(forQm).toMatch(/Criteria overnemen \(\d+\)/);
		expect(forQm).toContain(link);
		expect(forQm).toContain(w.session.title);
		expect(await dashboard(both.cookie)).toContain(link);
		// Other roles see neither the menu item nor the list.
		for (const cookie of [admin.cookie, w.cookie]) {
			const html = await dashboard(cookie);
			expect(html).not.toContain('href="/promotion"');
			expect(html).not.toContain(link);
		}
		// The menu item is on other pages too.
		expect(await (await fetch(`${url}/frameworks`, { headers: { cookie: qm.cookie } })).text()).toContain('href="/promotion"');

		// Once every criterion is decided, the session leaves the list.
		for (const c of promotableCriteria(w.db, w.session.id))
			declineCriterion(w.db, { type: 'user', id: qm.user.id }, w.session.id, { criterionKey: c.key, reason: 'Staat er al in.' });
		expect(await dashboard(qm.cookie)).not.toContain(link);
	});

	it('exports each version as it was when it was made: comments written later are not in it', async () => {
		const w = await sentWorld();
		const url = server.url;
		const carla = w.person('Carla');
		const comment = addComment(w.db, carla, w.session.id, {
			target: 'section:intro',
			body: 'Dit schreef ik na het versturen.',
			clientKey: 'carla-key-4'
		});
		const v1pdf = await pdfText(url, `${w.base}/report/export/1.pdf`, w.cookie);
		expect(v1pdf).toContain('Eerste gesprek');
		expect(v1pdf).not.toContain('Dit schreef ik na het versturen.');
		const v1docx = await docxText(url, `${w.base}/report/export/1.docx`, w.cookie);
		expect(v1docx).not.toContain('Dit schreef ik na het versturen.');
		// The working copy has it.
		expect(await pdfText(url, `${w.base}/report/export/working.pdf`, w.cookie)).toContain('Dit schreef ik na het versturen.');

		respondToComment(w.db, { type: 'user', id: w.facilitator.id }, w.session.id, comment.id, {
			decision: 'not_adopted',
			reason: 'Dat hoort bij een volgend gesprek.'
		});
		expect((await act(url, `${w.base}/follow-up`, 'closeEarly', { reason: 'Iedereen is gebeld.' }, w.cookie)).type).toBe('success');
		expect((await act(url, `${w.base}/report`, 'finalize', { confirm: 'yes' }, w.cookie)).type).toBe('success');
		// The final version has the comment and its answer; version 1 still has neither, nor the early close.
		const v2pdf = await pdfText(url, `${w.base}/report/export/2.pdf`, w.cookie);
		expect(v2pdf).toContain('Dit schreef ik na het versturen.');
		expect(v2pdf).toContain('Dat hoort bij een volgend gesprek.');
		const v2docx = await docxText(url, `${w.base}/report/export/2.docx`, w.cookie);
		expect(v2docx).toContain('Dit schreef ik na het versturen.');
		for (const text of [
			await pdfText(url, `${w.base}/report/export/1.pdf`, w.cookie),
			await docxText(url, `${w.base}/report/export/1.docx`, w.cookie)
		]) {
			expect(text).not.toContain('Dit schreef ik na het versturen.');
			expect(text).not.toContain('Dat hoort bij een volgend gesprek.');
			expect(text).not.toContain('eerder gestopt');
		}
		expect(w.db.select().from(reports).where(eq(reports.id, w.report().id)).get()!.status).toBe('final');
	});
});
