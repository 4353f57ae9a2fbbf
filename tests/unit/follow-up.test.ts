/**
 * Steps 1, 2 and 4 of the dialogue plan in the domain modules, on a real migrated SQLite
 * database: trajectories and candidate themes, the participant list and its advice,
 * invitations into the outbox, agreements, the anonymous evaluation, and the report from
 * draft through comments and reminders to its final version.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import { errorCode as code } from '../helpers/errors';
import { nl } from '../helpers/i18n';
import { formDate } from '../../src/lib/shared/forms';
import type { ValidationError } from '../../src/lib/server/validation';
import { plainLanguageFindings, unfinishedParts } from '../../src/lib/server/reports/view';
import { seedJargon } from '../../src/lib/server/reports/jargon';
import { heldWorld, plannedWorld } from '../helpers/follow-up';
import { movisieVersionId } from '../helpers/live';
import {
	auditLog,
	dialogueSessions,
	evaluationResponses,
	mailMessages,
	participants,
	reportAcknowledgements,
	reportVersions,
	sessionCriteria,
	sessionThemes,
	stickers,
	themeProposals,
	themeResults
} from '../../src/lib/server/db/schema';
import { composeFigures, composeReport } from '../../src/lib/server/reports/compose';
import { saveThemeContent } from '../../src/lib/server/sessions/theme-docs';
import { addListedParticipant, groupAdvice, listParticipants, validateParticipantToken } from '../../src/lib/server/sessions/participants';
import { candidateThemes, createTrajectory, planTrajectorySession } from '../../src/lib/server/sessions/trajectories';
import { printableInvitation, saveInvitationTemplate, sendInvitations } from '../../src/lib/server/sessions/invitations';
import { addAgreement, deleteAgreement, updateAgreement } from '../../src/lib/server/reports/agreements';
import { evaluationSummary, submitEvaluation } from '../../src/lib/server/reports/evaluation';
import {
	acknowledgeReport,
	addComment,
	commentWindowCloseAt,
	callList,
	commentsOf,
	compareContents,
	finalizeReport,
	getReport,
	listVersions,
	mayRespond,
	recomposeSection,
	recordPhoneResponse,
	respondToComment,
	responders,
	responseOverview,
	saveReport,
	sendDueReminders,
	sendReminders,
	sendReport,
	startReport
} from '../../src/lib/server/reports/reports';
import { followUpOf } from '../../src/lib/server/reports/deadlines';
import { SYSTEM } from '../../src/lib/server/audit';
import { pseudonymiseParticipants } from '../../src/lib/server/privacy/pseudonymise';

const ORIGIN = 'https://dialoog.example';
const DAY = 86400_000;

function tokenFrom(text: string): string {
	return /\/j\/([a-z2-7]+\.[a-z2-7]+)/.exec(text)![1]!;
}

describe('trajectories', () => {
	it('offer the themes not yet treated to the next session, with participants’ own themes carried along', async () => {
		const db = testDb();
		const { trajectory, actor, session, facilitator } = await heldWorld(db);
		db.insert(sessionThemes)
			.values({ dialogueSessionId: session.id, key: 'proposal-vervoer', name: 'Vervoer', origin: 'proposal', position: 20 })
			.run();
		const { treated, candidates } = candidateThemes(db, trajectory);
		expect(treated.map((t) => t.key)).toEqual(['regie-van-de-client', 'veiligheid']);
		expect(candidates.map((c) => c.key)).not.toContain('veiligheid');
		expect(candidates.map((c) => c.key)).toContain('bejegening');
		expect(candidates.at(-1)).toMatchObject({ key: 'proposal-vervoer', origin: 'proposal' });

		const second = planTrajectorySession(db, actor, trajectory.id, { title: 'Tweede gesprek' });
		expect(second.trajectoryId).toBe(trajectory.id);
		expect(second.facilitatorId).toBe(facilitator.id);
		const offered = db
			.select()
			.from(sessionThemes)
			.where(eq(sessionThemes.dialogueSessionId, second.id))
			.all()
			.map((t) => t.key);
		expect(offered).not.toContain('regie-van-de-client');
		expect(offered).toContain('bejegening');
		expect(offered).toContain('proposal-vervoer');
		expect(offered).toHaveLength(candidates.length);
	});

	it('with fixed themes choose the next fixed ones beforehand, in the trajectory’s order', async () => {
		const db = testDb();
		const { facilitator, actor } = await plannedWorld(db);
		const trajectory = createTrajectory(db, actor, {
			title: 'Vaste thema’s',
			goal: 'Drie thema’s, twee gesprekken.',
			frameworkVersionId: movisieVersionId(db),
			themeSelection: 'fixed',
			fixedThemeKeys: ['informatie', 'veiligheid', 'locatie'],
			plannedSessions: 2,
			facilitatorId: facilitator.id
		});
		const first = planTrajectorySession(db, actor, trajectory.id, { title: 'Een', themesToTreat: 2 });
		const chosen = db
			.select()
			.from(sessionThemes)
			.where(eq(sessionThemes.dialogueSessionId, first.id))
			.all()
			.filter((t) => t.chosenRank !== null)
			.sort((a, b) => a.chosenRank! - b.chosenRank!);
		expect(chosen.map((t) => t.key)).toEqual(['informatie', 'veiligheid']);
		const second = planTrajectorySession(db, actor, trajectory.id, { title: 'Twee' });
		const next = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, second.id)).all();
		expect(next.filter((t) => t.chosenRank !== null).map((t) => t.key)).toEqual(['locatie']);
		expect(code(() => planTrajectorySession(db, actor, trajectory.id, { title: 'Drie' }))).toBe('error.trajectory.nothingLeft');
	});

	it('refuse a draft version, an unknown fixed theme and a facilitator without the role', async () => {
		const db = testDb();
		const { facilitator, actor } = await plannedWorld(db);
		const base = { title: 'T', goal: 'G', frameworkVersionId: movisieVersionId(db), facilitatorId: facilitator.id };
		expect(code(() => createTrajectory(db, actor, { ...base, themeSelection: 'fixed', fixedThemeKeys: ['bestaat-niet'] }))).toBe(
			'error.trajectory.fixedThemes'
		);
		expect(code(() => createTrajectory(db, actor, { ...base, facilitatorId: 99999 }))).toBe('error.trajectory.facilitator');
		expect(code(() => createTrajectory(db, actor, { ...base, frameworkVersionId: 99999 }))).toBe('error.session.frameworkVersion');
		expect(code(() => createTrajectory(db, actor, { ...base, goal: '' }))).toBe('error.field.required');
	});
});

describe('participant list and invitations', () => {
	it('advise on the size of the group and missing perspectives without blocking', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		expect(groupAdvice(listParticipants(db, session.id))).toEqual({ count: 8, size: 'ok', missing: [] });
		const small = listParticipants(db, session.id).filter((p) => p.perspective !== 'client');
		expect(groupAdvice(small)).toEqual({ count: 5, size: 'too_small', missing: ['client'] });
		expect(code(() => addListedParticipant(db, actor, session.id, { displayName: 'X', perspective: 'client', email: 'geen-adres' }))).toBe(
			'error.participant.email'
		);
		expect(code(() => addListedParticipant(db, actor, session.id, { displayName: 'X', perspective: 'client', phone: 'bel me' }))).toBe(
			'error.participant.phone'
		);
		expect(listParticipants(db, session.id)).toHaveLength(8);
	});

	it('keep a name on one line: line breaks, control characters and direction overrides become spaces', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		const participant = addListedParticipant(db, actor, session.id, {
			displayName: ' Ans\r\nBcc: x@evil.test\u202Egnp.exe\u0007 ',
			perspective: 'client'
		});
		expect(participant.displayName).toBe('Ans Bcc: x@evil.test gnp.exe');
		// Invisible characters go, so no second "Ans" looks like the first.
		expect(addListedParticipant(db, actor, session.id, { displayName: 'A\u200bns\ufeff\u2060', perspective: 'client' }).displayName).toBe(
			'Ans'
		);
		expect(code(() => addListedParticipant(db, actor, session.id, { displayName: '\u202E\r\n', perspective: 'client' }))).toBe(
			'error.field.required'
		);
	});

	it('queue one invitation per person with e-mail, with a working personal link and the date as iCalendar; never twice', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		const result = sendInvitations(db, actor, session.id, ORIGIN);
		expect(result.queued).toBe(6);
		expect(result.withoutEmail.map((p) => p.displayName)).toEqual(['Bas', 'Gert']);
		const mails = db.select().from(mailMessages).all();
		expect(mails).toHaveLength(6);
		const ans = mails.find((m) => m.toAddress === 'ans@example.org')!;
		expect(ans.subject).toContain('Uitnodiging');
		expect(ans.textBody).toContain('Beste Ans');
		expect(ans.textBody).toContain('Neem ideeën mee');
		expect(ans.textBody).toContain(`${ORIGIN}/public/versions/${movisieVersionId(db)}`);
		expect(validateParticipantToken(db, tokenFrom(ans.textBody))?.displayName).toBe('Ans');
		expect(ans.attachments[0]).toMatchObject({ filename: 'gesprek.ics' });
		expect(ans.attachments[0]!.content).toContain('BEGIN:VEVENT');
		expect(ans.attachments[0]!.content).toContain(`DTSTART:${session.scheduledAt!.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);

		expect(code(() => sendInvitations(db, actor, session.id, ORIGIN))).toBe('error.invite.alreadySent');
		expect(db.select().from(mailMessages).all()).toHaveLength(6);

		// Someone added later gets only their own invitation.
		addListedParticipant(db, actor, session.id, { displayName: 'Ingrid', perspective: 'client', email: 'ingrid@example.org' });
		expect(sendInvitations(db, actor, session.id, ORIGIN)).toMatchObject({ queued: 1, alreadyInvited: 6 });
	});

	it('print a letter with its own link, leaving the e-mailed link working', async () => {
		const db = testDb();
		const { session, actor, people } = await plannedWorld(db);
		sendInvitations(db, actor, session.id, ORIGIN);
		const mailed = tokenFrom(db.select().from(mailMessages).all()[0]!.textBody);
		const letter = printableInvitation(db, actor, session.id, people[0]!.id, ORIGIN);
		expect(letter.body).toContain('Beste Ans');
		expect(validateParticipantToken(db, tokenFrom(letter.link))?.id).toBe(people[0]!.id);
		expect(validateParticipantToken(db, mailed)?.id).toBe(people[0]!.id);
		expect(code(() => printableInvitation(db, actor, session.id + 1000, people[0]!.id, ORIGIN))).toBe('error.missing');
		// Someone whose data was erased gets no letter and no new way in.
		pseudonymiseParticipants(db, [people[1]!]);
		expect(code(() => printableInvitation(db, actor, session.id, people[1]!.id, ORIGIN))).toBe('error.missing');
	});

	it('use the facilitator’s own text, which must keep the link', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		expect(code(() => saveInvitationTemplate(db, actor, session.id, { subject: 'Kom je?', body: 'Hallo {naam}' }))).toBe(
			'error.invite.linkMissing'
		);
		expect(code(() => saveInvitationTemplate(db, actor, session.id, { subject: 'Kom je?', body: '{link} {adres}' }))).toBe(
			'error.invite.unknownPlaceholder'
		);
		saveInvitationTemplate(db, actor, session.id, { subject: 'Kom je op {datum}?', body: 'Hoi {naam}, klik: {link}' });
		sendInvitations(db, actor, session.id, ORIGIN);
		const mail = db.select().from(mailMessages).all()[0]!;
		expect(mail.textBody).toMatch(/^Hoi Ans, klik: https:\/\/dialoog\.example\/j\//);
	});
});

describe('evaluation', () => {
	it('can be answered anonymously, once per participant', async () => {
		const db = testDb();
		const { session, people } = await heldWorld(db);
		submitEvaluation(db, people[0]!, {
			sharedAll: 'partly',
			heard: 'yes',
			clear: 'yes',
			worthwhile: 'yes',
			grade: 8,
			better: 'Meer pauze',
			anonymous: true
		});
		submitEvaluation(db, people[3]!, { sharedAll: 'yes', heard: 'yes', clear: 'no', worthwhile: 'yes', grade: 7, anonymous: false });
		expect(code(() => submitEvaluation(db, people[0]!, { sharedAll: 'yes', heard: 'yes', clear: 'yes', worthwhile: 'yes' }))).toBe(
			'error.evaluation.already'
		);
		const rows = db.select().from(evaluationResponses).all();
		// Stored in the order of their random ids, not of answering: compared without order.
		expect(rows).toHaveLength(2);
		expect(new Set(rows.map((r) => r.participantId))).toEqual(new Set([null, people[3]!.id]));
		const log = db.select().from(auditLog).where(eq(auditLog.action, 'evaluation.submit')).all();
		expect(log.map((l) => l.actorId)).toEqual([null, people[3]!.id]);
		// Two answers are counted but not shown: whoever saw who answered could tell who wrote what.
		expect(evaluationSummary(db, session.id)).toEqual({
			responses: 2,
			shown: false,
			answered: 2,
			invited: 8,
			questions: [],
			averageGrade: null,
			suggestions: []
		});
		submitEvaluation(db, people[4]!, { sharedAll: 'no', heard: 'yes', clear: 'yes', worthwhile: 'no', anonymous: true });
		const summary = evaluationSummary(db, session.id);
		expect(summary).toMatchObject({ responses: 3, shown: true, invited: 8, averageGrade: 7.5, suggestions: ['Meer pauze'] });
		expect(summary.questions[0]).toEqual({ question: 'sharedAll', counts: { yes: 1, partly: 1, no: 1 } });
	});
});

describe('the report', () => {
	async function drafted() {
		const db = testDb();
		const closedAt = new Date('2026-03-03T16:00:00Z');
		const world = await heldWorld(db, closedAt);
		addAgreement(db, world.actor, world.session.id, {
			topic: 'council',
			what: 'Criteria voorleggen aan de raad',
			owner: 'Wethouder',
			dueDate: '2026-05-12'
		});
		submitEvaluation(db, world.people[0]!, { sharedAll: 'yes', heard: 'yes', clear: 'yes', worthwhile: 'yes', grade: 9, anonymous: true });
		// A date that is not on the calendar says so, with the date (not what a date looks like).
		let notReal: unknown;
		try {
			addAgreement(db, world.actor, world.session.id, { topic: 'council', what: 'x', owner: 'y', dueDate: '2026-02-30' });
		} catch (error) {
			notReal = error;
		}
		expect((notReal as ValidationError).problems).toEqual([
			{ path: ['dueDate'], code: 'error.field.dateNotReal', params: { day: '30', month: '02', year: '2026' } }
		]);
		expect(
			code(() => addAgreement(db, world.actor, world.session.id, { topic: 'council', what: 'x', owner: 'y', dueDate: '12-05-2026' }))
		).toBe('error.field.date');
		// A form turns a day typed first, as people write it here, into the stored form; the domain (and the API) take that only.
		const form = (value: string) => {
			const data = new FormData();
			data.set('dueDate', value);
			return formDate(data, 'dueDate');
		};
		expect(
			['12-5-2026', '12/05/2026', '12.05.2026', ' 2026-05-12 ', '12 05 2026', '12 - 5 - 2026', '2026/05/12', '2026.5.12'].map(form)
		).toEqual(Array(8).fill('2026-05-12'));
		expect(['31-4-2026', '12-05-26', '12 mei 2026'].map(form)).toEqual(['2026-04-31', '12-05-26', '12 mei 2026']);
		expect(
			code(() => addAgreement(db, world.actor, world.session.id, { topic: 'council', what: 'x', owner: 'y', dueDate: form('31-4-2026') }))
		).toBe('error.field.dateNotReal');
		// Not due before the day of the session (held on 3 March).
		expect(
			code(() => addAgreement(db, world.actor, world.session.id, { topic: 'council', what: 'x', owner: 'y', dueDate: '2026-03-02' }))
		).toBe('error.agreement.beforeSession');
		const sameDay = addAgreement(db, world.actor, world.session.id, { topic: 'council', what: 'x', owner: 'y', dueDate: '2026-03-03' });
		expect(
			code(() =>
				updateAgreement(db, world.actor, world.session.id, sameDay.id, { topic: 'council', what: 'x', owner: 'y', dueDate: '2025-12-31' })
			)
		).toBe('error.agreement.beforeSession');
		deleteAgreement(db, world.actor, world.session.id, sameDay.id);
		const report = startReport(db, world.actor, world.session.id);
		return { db, ...world, report, closedAt };
	}

	it('tells what still looks unfinished before the report goes out: empty fields, no addressees, hard language', async () => {
		const { db, report } = await drafted();
		const content = structuredClone(report.content);
		const theme = content.sections.find((s) => s.criteria?.length)!;
		theme.body = `${nl('reports.document.theme.meaning')}\n${nl('reports.document.theme.empty')}\n${nl('reports.document.theme.testQuestion')}\n${nl('reports.document.theme.empty')}`;
		for (const s of content.sections) for (const c of s.criteria ?? []) c.addressees = ['provider'];
		theme.criteria![0]!.addressees = [];
		const criterionCount = content.sections.flatMap((s) => s.criteria ?? []).length;
		expect(criterionCount).toBeGreaterThan(1);
		const before = unfinishedParts(db, content);
		expect([before.empty, before.noAddressees]).toEqual([2, 1]);
		// Written out, addressed and plain: nothing to tell.
		theme.body = 'De cliënt weet wat er met hem wordt afgesproken.';
		theme.criteria![0]!.addressees = ['municipality'];
		for (const s of content.sections) {
			if (s !== theme) s.body = 'Dit is een korte zin.';
			for (const c of s.criteria ?? []) c.text = 'De cliënt krijgt het plan op papier.';
		}
		expect(unfinishedParts(db, content)).toEqual({ empty: 0, noAddressees: 0, plainLanguage: 0 });
		// One long sentence is one finding.
		theme.body = Array.from({ length: 40 }, (_, i) => `woord${i}`).join(' ') + '.';
		expect(unfinishedParts(db, content).plainLanguage).toBe(1);
	});

	it('lists the facilitator’s keyword groups in the report, each group once with its keywords', async () => {
		const { db, session } = await drafted();
		const regie = db
			.select()
			.from(sessionThemes)
			.where(eq(sessionThemes.dialogueSessionId, session.id))
			.all()
			.find((th) => th.chosenRank === 1)!;
		db.update(themeResults)
			.set({
				keywords: [
					{ text: 'zelf kiezen', perspective: 'client', group: 'Eigen regie' },
					{ text: 'keukentafelgesprek', perspective: 'official', group: null },
					{ text: 'eigen regie', perspective: 'wmo_council', group: 'Eigen regie' }
				]
			})
			.where(eq(themeResults.sessionThemeId, regie.id))
			.run();
		const body = composeReport(db, session.id, 'nl').sections.find((s) => s.key === `theme-${regie.key}`)!.body;
		expect(body).toContain(`${nl('reports.document.theme.keywords')}\n- Eigen regie: zelf kiezen, eigen regie\n- keukentafelgesprek`);
	});

	it('tells a tie in a group’s stickers as a tie, not as its favourite', async () => {
		const { db, session, people } = await drafted();
		const themes = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, session.id)).all();
		// Hanna (aanbieder): one sticker on each of two themes.
		for (const key of ['regie-van-de-client', 'bejegening'])
			db.insert(stickers)
				.values({ dialogueSessionId: session.id, participantId: people[7]!.id, sessionThemeId: themes.find((t) => t.key === key)!.id })
				.run();
		const vote = composeReport(db, session.id, 'nl').sections.find((s) => s.key === 'vote')!.body;
		expect(vote).toContain('- aanbieders: Regie van de cliënt en Bejegening (evenveel stickers)');
		expect(vote).toContain('- ambtenaren: Veiligheid\n');
	});

	it('is composed from the stored results: vote with contrast, themes, criteria, agreements, evaluation', async () => {
		const { db, report } = await drafted();
		const keys = report.content.sections.map((s) => s.key);
		expect(keys).toEqual(['intro', 'vote', 'theme-regie-van-de-client', 'theme-veiligheid', 'agreements', 'evaluation']);
		const text = (key: string) => report.content.sections.find((s) => s.key === key)!.body;
		expect(text('intro')).toContain('Er deden 8 mensen mee');
		// Counts in words, not "cliënt 3, ambtenaar 1" (which reads like names).
		expect(text('vote')).toContain('Regie van de cliënt: 4 stickers (3 van cliënten en 1 van ambtenaren)');
		expect(text('vote')).toMatch(/cliënten: Regie van de cliënt\n- ambtenaren: Veiligheid/);
		expect(text('vote')).toContain('Hier plakte elke groep de meeste stickers op:');
		expect(text('theme-regie-van-de-client')).toContain('- keukentafelgesprek');
		// A keyword is the participants' own word, quoted: not pointed out as jargon. The same word in
		// a sentence of the report still is.
		seedJargon(db);
		const field = `s${report.content.sections.findIndex((s) => s.key === 'theme-regie-van-de-client')}.body`;
		const jargonIn = (content: typeof report.content) =>
			(plainLanguageFindings(db, content).findings[field] ?? []).filter((f) => f.kind === 'jargon').map((f) => f.excerpt);
		expect(jargonIn(report.content)).not.toContain('keukentafelgesprek');
		const edited = structuredClone(report.content);
		edited.sections.find((s) => s.key === 'theme-regie-van-de-client')!.body += '\n\nHet keukentafelgesprek was kort.';
		expect(jargonIn(edited)).toEqual(['keukentafelgesprek']);
		expect(text('theme-regie-van-de-client')).toContain(
			'Heeft de cliënt de regie over zijn eigen ondersteuning?\nHierover waren we het eens.'
		);
		expect(text('theme-regie-van-de-client')).toContain('- Een eigen budget voor iedereen.');
		const criteria = report.content.sections.find((s) => s.key === 'theme-regie-van-de-client')!.criteria!;
		expect(criteria.map((c) => [c.text, c.status])).toEqual([
			['De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.', 'agreed'],
			['De cliënt kiest zelf een cliëntondersteuner.', 'provisional']
		]);
		// Whom each addresses, as closing stored it; none recorded for the second (an empty list).
		expect(criteria.map((c) => c.addressees)).toEqual([['municipality', 'provider'], []]);
		expect(text('agreements')).toContain(
			'Voorleggen aan de raad of het college: Criteria voorleggen aan de raad (Wethouder, uiterlijk 12 mei 2026)'
		);
		expect(text('evaluation')).toContain('1 van de 8 deelnemers');
		// One answer: counted, not shown (its answers would be one person's).
		expect(text('evaluation')).toContain(nl('reports.document.evaluation.tooFew', { minimum: 3 }));
		expect(text('evaluation')).not.toContain(nl('reports.document.evaluation.answers', { yes: 1, partly: 0, no: 0 }));
		expect(text('evaluation')).not.toContain(nl('reports.document.evaluation.grade', { grade: '9' }));
	});

	it('has no keyword figure for a chosen theme without keywords (an empty chart in the PDF said "Veiligheid: .")', async () => {
		const db = testDb();
		const world = await heldWorld(db);
		expect(composeFigures(db, world.session.id).keywords.map((k) => k.theme)).toEqual(['Regie van de cliënt', 'Veiligheid']);
		const veiligheid = db.select().from(sessionThemes).where(eq(sessionThemes.id, world.themes.veiligheid.id)).get()!;
		db.transaction((tx) =>
			saveThemeContent(tx, veiligheid, {
				meaning: 'Veilig thuis.',
				testQuestion: 'Voelt de cliënt zich veilig?',
				keywords: [],
				criteria: []
			})
		);
		expect(composeFigures(db, world.session.id).keywords.map((k) => k.theme)).toEqual(['Regie van de cliënt']);
	});

	it('keeps the comment of an idea kept for later: often it says why it waits', async () => {
		const db = testDb();
		const world = await heldWorld(db);
		db.update(sessionCriteria)
			.set({ comment: 'Eerst navragen\nbij de klachtenregeling.' })
			.where(eq(sessionCriteria.text, 'Een eigen budget voor iedereen.'))
			.run();
		const body = composeReport(db, world.session.id, 'nl').sections.find((s) => s.key === 'theme-regie-van-de-client')!.body;
		expect(body).toContain(
			`${nl('reports.document.theme.parked')}\n- Een eigen budget voor iedereen. ${nl('reports.document.theme.parkedComment', { comment: 'Eerst navragen bij de klachtenregeling.' })}`
		);
	});

	it('groups the keywords the facilitator typed under "Gespreksleider", as the live session does', async () => {
		const db = testDb();
		const world = await heldWorld(db);
		const veiligheid = db.select().from(sessionThemes).where(eq(sessionThemes.id, world.themes.veiligheid.id)).get()!;
		db.transaction((tx) =>
			saveThemeContent(tx, veiligheid, {
				meaning: 'Veilig thuis.',
				testQuestion: 'Voelt de cliënt zich veilig?',
				keywords: [
					{ text: 'alarmknop', perspective: null, group: null },
					{ text: 'buren', perspective: null, group: null },
					{ text: 'sleutelkastje', perspective: 'client', group: null }
				],
				criteria: []
			})
		);
		const figure = composeFigures(db, world.session.id).keywords.find((k) => k.theme === 'Veiligheid')!;
		expect(figure.perspectives).toEqual([nl('reports.document.facilitatorKeywords'), nl('perspective.client')]);
		expect(figure.counts).toEqual([2, 1]);
		expect(figure.perspectives).not.toContain(nl('reports.document.unknownPerspective'));
	});

	it('is due at the end of the fourteenth day after the session and shows on the way to final', async () => {
		const { db, session, report, closedAt, actor } = await drafted();
		expect(closedAt.toISOString()).toBe('2026-03-03T16:00:00.000Z');
		const held = db.select().from(dialogueSessions).where(eq(dialogueSessions.id, session.id)).get()!;
		// Held on Tuesday 3 March (17:00 in Amsterdam): due Tuesday 17 March, 23:59:59 Amsterdam (winter time).
		const due = new Date('2026-03-17T22:59:59.000Z');
		expect(followUpOf(held, report, new Date(closedAt.getTime() + DAY))).toEqual({ state: 'report_due', due });
		expect(followUpOf(held, report, new Date(due.getTime() - 1000)).state).toBe('report_due');
		expect(followUpOf(held, report, new Date(due.getTime() + 1000)).state).toBe('report_late');
		// Sent on Sunday 8 March, 17:00 (and a second later: the same deadline): responses until Sunday 22 March, 23:59:59.
		const sentAt = new Date(closedAt.getTime() + 5 * DAY);
		expect(commentWindowCloseAt(new Date(sentAt.getTime() + 1000))).toEqual(commentWindowCloseAt(sentAt));
		sendReport(db, actor, session.id, ORIGIN, sentAt);
		const sent = getReport(db, session.id)!;
		const close = new Date('2026-03-22T22:59:59.000Z');
		expect(sent.commentsCloseAt).toEqual(close);
		expect(followUpOf(held, sent, new Date(sentAt.getTime() + DAY))).toEqual({ state: 'waiting_comments', due: close });
		expect(followUpOf(held, sent, new Date(close.getTime() - 1000)).state).toBe('waiting_comments');
		expect(followUpOf(held, sent, close).state).toBe('finalize');
	});

	it('refuses a stale edit and keeps the sections', async () => {
		const { db, session, report, actor } = await drafted();
		const content = structuredClone(report.content);
		content.sections[0]!.body = 'Nieuwe inleiding.';
		const saved = saveReport(db, actor, session.id, { revision: report.revision, content });
		expect(saved.content.sections[0]!.body).toBe('Nieuwe inleiding.');
		expect(code(() => saveReport(db, actor, session.id, { revision: report.revision, content }))).toBe('error.report.conflict');
		const fewer = { ...content, sections: content.sections.slice(1) };
		expect(code(() => saveReport(db, actor, session.id, { revision: saved.revision, content: fewer }))).toBe('error.report.sections');
	});

	it('is answered by those who took part; an observer and someone who was not there read it', async () => {
		const { db, session, report, actor, people, closedAt } = await drafted();
		// Hanna listened as an observer; Fatima did not come (attendance recorded for the others).
		const [ans, , carla, dirk, , fatima, , hanna] = people;
		db.update(participants).set({ role: 'observer' }).where(eq(participants.id, hanna!.id)).run();
		for (const p of people.filter((p) => p !== fatima))
			db.update(participants).set({ attendedAt: closedAt }).where(eq(participants.id, p!.id)).run();
		// Only the sections made from later data can be made again; the rest is the facilitator's text.
		expect(report.content.sections.some((s) => s.key === 'agreements')).toBe(true);
		recomposeSection(db, actor, session.id, 'agreements');
		const own = report.content.sections.find((s) => s.key !== 'agreements' && s.key !== 'evaluation')!;
		expect(code(() => recomposeSection(db, actor, session.id, own.key))).toBe('error.report.sections');
		// An agreement is due at most five years after the session (3 March 2026): 9999 is a typing error.
		expect(addAgreement(db, actor, session.id, { topic: 'council', what: 'x', owner: 'y', dueDate: '2031-03-03' }).dueDate).toBe(
			'2031-03-03'
		);
		expect(code(() => addAgreement(db, actor, session.id, { topic: 'council', what: 'x', owner: 'y', dueDate: '2031-03-04' }))).toBe(
			'error.agreement.tooFar'
		);
		expect(code(() => addAgreement(db, actor, session.id, { topic: 'council', what: 'x', owner: 'y', dueDate: '9999-12-31' }))).toBe(
			'error.agreement.tooFar'
		);

		const sentAt = new Date(closedAt.getTime() + 3 * DAY);
		sendReport(db, actor, session.id, ORIGIN, sentAt);
		const mailTo = (email: string) => db.select().from(mailMessages).where(eq(mailMessages.toAddress, email)).all();
		// The observer gets the report to read, not a request to respond; who was not there gets nothing.
		const [observerMail] = mailTo('hanna@zorg.test');
		expect(observerMail!.subject).toBe(nl('reports.mail.observerSubject', { title: session.title }));
		expect(observerMail!.textBody).not.toContain('Reageer');
		expect(mailTo('fatima@raad.test')).toHaveLength(0);
		expect(mailTo('ans@example.org')[0]!.subject).toContain('Reageer');
		expect([ans, hanna, fatima].map((p) => mayRespond(db, session.id, p!.id))).toEqual([true, false, false]);

		const during = new Date(sentAt.getTime() + DAY);
		const comment = (p: typeof ans, key: string) =>
			addComment(db, p!, session.id, { target: 'section:vote', body: 'De uitslag klopt niet.', clientKey: key }, during);
		for (const p of [hanna, fatima]) {
			expect(code(() => comment(p, `notasked${p!.id}`))).toBe('error.comment.notAsked');
			expect(code(() => acknowledgeReport(db, p!, session.id, during))).toBe('error.comment.notAsked');
		}
		expect(commentsOf(db, report.id)).toHaveLength(0);
		// No phone number in a comment: the reactienota is read by everyone who gets the report.
		for (const body of ['Bel me op 06-12345678.', 'Mijn nummer is +31 6 1234 5678', 'Of 020 123 4567'])
			expect(code(() => addComment(db, ans!, session.id, { target: 'section:vote', body, clientKey: 'withnumber' }, during))).toBe(
				'error.comment.phoneNumber'
			);
		expect(
			code(() =>
				recordPhoneResponse(
					db,
					actor,
					session.id,
					{ participantId: dirk!.id, target: 'section:vote', body: 'Bel me 06 22222222', calledOn: '2026-03-07', clientKey: 'phone0000' },
					during
				)
			)
		).toBe('error.comment.phoneNumber');
		expect(commentsOf(db, report.id)).toHaveLength(0);
		// "No comments" cannot follow a comment, written or told on the phone.
		comment(ans, 'written01');
		expect(code(() => acknowledgeReport(db, ans!, session.id, during))).toBe('error.comment.alreadyCommented');
		recordPhoneResponse(
			db,
			actor,
			session.id,
			{ participantId: dirk!.id, target: 'section:vote', body: 'Goed gesprek.', calledOn: '2026-03-07', clientKey: 'phone0001' },
			during
		);
		expect(code(() => acknowledgeReport(db, dirk!, session.id, during))).toBe('error.comment.alreadyCommented');
		acknowledgeReport(db, carla!, session.id, during);
		// Said twice (a second tap): one acknowledgement, one audit line.
		acknowledgeReport(db, carla!, session.id, during);
		expect(
			db
				.select()
				.from(reportAcknowledgements)
				.all()
				.map((a) => a.participantId)
		).toEqual([carla!.id]);
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'report.acknowledge')).all()).toHaveLength(1);
		// "No comments", then a comment after all: the comment counts, the acknowledgement goes.
		comment(carla, 'written02');
		expect(db.select().from(reportAcknowledgements).all()).toEqual([]);
		expect(commentsOf(db, report.id, carla!.id)).toHaveLength(1);
		const line = db.select().from(auditLog).where(eq(auditLog.action, 'report.comment')).all().at(-1)!;
		expect(line.details).toMatchObject({ acknowledgementWithdrawn: true });
	});

	it('goes out once, takes comments in the window only, and becomes final with every comment answered', async () => {
		const { db, session, report, actor, people, closedAt } = await drafted();
		const sentAt = new Date(closedAt.getTime() + 3 * DAY);
		const result = sendReport(db, actor, session.id, ORIGIN, sentAt);
		expect(result.version.number).toBe(1);
		expect(result.mailed).toBe(6);
		expect(result.withoutEmail.map((p) => p.displayName)).toEqual(['Bas', 'Gert']);
		expect(code(() => sendReport(db, actor, session.id, ORIGIN, sentAt))).toBe('error.report.alreadySent');
		expect(db.select().from(mailMessages).where(eq(mailMessages.kind, 'report')).all()).toHaveLength(6);
		const reportMail = db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'carla@example.org')).get()!;
		expect(validateParticipantToken(db, tokenFrom(reportMail.textBody))?.displayName).toBe('Carla');

		const during = new Date(sentAt.getTime() + DAY);
		const criterionKey = report.content.sections[2]!.criteria![0]!.key;
		const first = addComment(
			db,
			people[0]!,
			session.id,
			{ target: `criterion:${criterionKey}`, body: 'Ook in eenvoudige taal graag.', clientKey: 'abcdefgh1' },
			during
		);
		// The same submit again: stored once.
		const again = addComment(
			db,
			people[0]!,
			session.id,
			{ target: `criterion:${criterionKey}`, body: 'Ook in eenvoudige taal graag.', clientKey: 'abcdefgh1' },
			during
		);
		expect(again.id).toBe(first.id);
		addComment(
			db,
			people[3]!,
			session.id,
			{ target: 'section:vote', body: 'De uitslag klopt niet helemaal.', clientKey: 'abcdefgh2' },
			during
		);
		// A question, not a change: answered.
		const question = addComment(
			db,
			people[0]!,
			session.id,
			{ target: 'section:vote', body: 'Wanneer komt het volgende gesprek?', clientKey: 'abcdefgh6' },
			during
		);
		acknowledgeReport(db, people[4]!, session.id, during);
		expect(
			code(() => addComment(db, people[0]!, session.id, { target: 'section:bestaat-niet', body: 'x', clientKey: 'abcdefgh3' }, during))
		).toBe('error.comment.target');
		expect(
			code(() => addComment(db, people[0]!, session.id + 1, { target: 'section:vote', body: 'x', clientKey: 'abcdefgh4' }, during))
		).toBe('error.forbidden');

		// Reminders reach those with e-mail who did not respond, once.
		expect(sendDueReminders(db, ORIGIN, during)).toBe(0);
		const nearClose = new Date(sentAt.getTime() + 12 * DAY);
		expect(sendDueReminders(db, ORIGIN, nearClose)).toBe(3);
		expect(sendReminders(db, actor, session.id, ORIGIN, nearClose)).toBe(0);
		const reminded = db
			.select()
			.from(mailMessages)
			.where(eq(mailMessages.kind, 'reminder'))
			.all()
			.map((m) => m.toAddress)
			.sort();
		expect(reminded).toEqual(['carla@example.org', 'fatima@raad.test', 'hanna@zorg.test']);
		const sent = getReport(db, session.id)!;
		expect(callList(db, sent).map((r) => r.displayName)).toEqual(['Bas', 'Gert', 'Carla', 'Fatima', 'Hanna']);
		expect(
			responders(db, sent)
				.filter((r) => r.reminded)
				.map((r) => r.displayName)
		).toEqual(['Carla', 'Fatima', 'Hanna']);

		const after = new Date(sent.commentsCloseAt!.getTime() + 1);
		expect(
			code(() => addComment(db, people[1]!, session.id, { target: 'section:vote', body: 'Te laat', clientKey: 'abcdefgh5' }, after))
		).toBe('error.comment.windowClosed');
		expect(code(() => finalizeReport(db, actor, session.id, ORIGIN, during))).toBe('error.report.windowOpen');
		expect(code(() => finalizeReport(db, actor, session.id, ORIGIN, after))).toBe('error.report.openComments');
		expect(code(() => respondToComment(db, actor, session.id, first.id, { decision: 'not_adopted' }))).toBe('error.comment.reasonRequired');
		respondToComment(db, actor, session.id, first.id, { decision: 'adopted' });
		const second = responseOverview(db, sent).find((l) => l.comment.startsWith('De uitslag'))!;
		expect(second.decision).toBe('open');
		const secondId = commentsOf(db, sent.id)[1]!.id;
		respondToComment(db, actor, session.id, secondId, { decision: 'not_adopted', reason: 'De telling is nagekeken en klopt.' });
		expect(code(() => finalizeReport(db, actor, session.id, ORIGIN, after))).toBe('error.report.openComments');
		expect(code(() => respondToComment(db, actor, session.id, question.id, { decision: 'answered', reason: '  ' }))).toBe(
			'error.comment.answerRequired'
		);
		respondToComment(db, actor, session.id, question.id, { decision: 'answered', reason: 'In het voorjaar; u krijgt een uitnodiging.' });

		// The working copy takes the adopted comment before the final version.
		const working = getReport(db, session.id)!;
		const content = structuredClone(working.content);
		content.sections[2]!.criteria![0]!.text = 'De cliënt krijgt het ondersteuningsplan op papier, in eenvoudige taal.';
		saveReport(db, actor, session.id, { revision: working.revision, content });
		// Bas (no e-mail) asked to be erased: he is not called, and not named as "give it on paper".
		pseudonymiseParticipants(db, [people.find((p) => p.displayName === 'Bas')!]);
		expect(callList(db, getReport(db, session.id)!).map((r) => r.displayName)).not.toContain('Bas');
		const final = finalizeReport(db, actor, session.id, ORIGIN, after);
		expect(final.version).toMatchObject({ number: 2, kind: 'final' });
		// Everyone who got the draft hears that it is final, with a fresh link to read it.
		expect(final.mailed).toBe(6);
		expect(final.withoutEmail.map((p) => p.displayName)).toEqual(['Gert']);
		const finalMails = db.select().from(mailMessages).where(eq(mailMessages.kind, 'final')).all();
		expect(finalMails.map((m) => m.toAddress).sort()).toEqual(
			db
				.select()
				.from(mailMessages)
				.where(eq(mailMessages.kind, 'report'))
				.all()
				.map((m) => m.toAddress)
				.sort()
		);
		const carlaFinal = finalMails.find((m) => m.toAddress === 'carla@example.org')!;
		expect(carlaFinal.subject).toBe(nl('reports.finalMail.subject', { title: session.title }));
		expect(validateParticipantToken(db, tokenFrom(carlaFinal.textBody))?.displayName).toBe('Carla');
		const overview = responseOverview(db, getReport(db, session.id)!);
		expect(overview.map((l) => [l.target, l.perspective, l.decisionLabel, l.reason])).toEqual([
			['Welke thema’s kozen we?', 'ambtenaar', 'Niet overgenomen', 'De telling is nagekeken en klopt.'],
			['Welke thema’s kozen we?', 'cliënt', 'Beantwoord', 'In het voorjaar; u krijgt een uitnodiging.'],
			['Criterium: De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.', 'cliënt', 'Overgenomen', null]
		]);

		const versions = listVersions(db, sent.id);
		expect(versions.map((v) => v.kind)).toEqual(['sent', 'final']);
		const diff = compareContents(versions[0]!.content, versions[1]!.content);
		const theme = diff.find((d) => d.key === 'theme-regie-van-de-client')!;
		expect(theme.changed).toBe(true);
		expect(theme.criteria[0]!.change).toBe('changed');
		expect(
			theme.criteria[0]!.text.filter((p) => p.kind === 'added')
				.map((p) => p.text)
				.join('')
		).toContain('eenvoudige');
		expect(diff.find((d) => d.key === 'intro')!.changed).toBe(false);
		// Only whom a criterion addresses changed: that is a change too (it decides where it goes in the framework).
		const readdressed = structuredClone(versions[1]!.content);
		const criterion = readdressed.sections.find((x) => x.key === 'theme-veiligheid')!.criteria![0]!;
		criterion.addressees = ['municipality'];
		const only = compareContents(versions[1]!.content, readdressed).find((d) => d.key === 'theme-veiligheid')!;
		expect([only.changed, only.criteria[0]!.change]).toEqual([true, 'changed']);
		expect(() => db.update(reportVersions).set({ number: 9 }).where(eq(reportVersions.id, versions[0]!.id)).run()).toThrow(/immutable/);
		expect(code(() => saveReport(db, actor, session.id, { revision: getReport(db, session.id)!.revision, content }))).toBe(
			'error.report.final'
		);
	});

	it('cannot start before the session is closed', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		expect(code(() => startReport(db, actor, session.id))).toBe('error.report.sessionNotClosed');
		expect(code(() => startReport(db, SYSTEM, session.id + 99))).toBe('error.missing');
		expect(db.select().from(themeProposals).all()).toHaveLength(0);
	});
});
