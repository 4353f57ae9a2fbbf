/**
 * The report of a session from draft to final version (step 4 of the dialogue plan).
 *
 * - A draft is composed from the stored results once the session is closed; the
 *   facilitator edits it (a stale revision is refused, so two tabs cannot overwrite each
 *   other). It is due two weeks after the session.
 * - Sending it keeps the sent text as version 1 (immutable), mails every participant with an
 *   e-mail address a personal link, and opens a two-week comment window.
 * - Participants comment per section or per criterion, or say they have no comments; the
 *   facilitator answers each comment (adopted; not adopted, with a reason; or answered, with the
 *   answer to a question or remark): that is the reactienota. Before the window closes, those
 *   who have not responded get one reminder; the call list shows whom to phone.
 * - After the window, with every comment answered, the final version is kept as the next
 *   version and mailed to everyone with an address. All versions can be compared.
 */
import { isCurrentParticipant } from '../access';
import { and, asc, eq, inArray, isNull, lte, gt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import {
	dialogueSessions,
	mailMessages,
	participants,
	reportAcknowledgements,
	reportComments,
	reports,
	reportVersions,
	users,
	type DialogueSession,
	type Participant,
	type Report,
	type ReportComment,
	type ReportVersion
} from '../db/schema';
import { DomainError } from '../errors';
import { audit, SYSTEM, type Actor } from '../audit';
import { calendarDate, singleLine, validate, ValidationError } from '../validation';
import { today } from '../../shared/dates';
import { endOfDayAfter } from '../../shared/sessions/time';
import { ADDRESSEES, type Addressee } from '../../shared/vocabulary';
import { DEFAULT_LOCALE, translate, type Locale, type MessageKey, type Params } from '../../i18n';
import { wordDiff, type DiffPart } from '../../shared/diff';
import { enqueueMail } from '../mail/outbox';
import { isEmailAddress, newParticipantLink } from '../sessions/participants';
import { sessionHeadcount } from '../sessions/headcount';
import { composeFigures, composeReport, withoutStaleSourceNotes } from './compose';
import { chosenThemes } from '../sessions/theme-docs';
import { startingTexts } from '../../shared/theme-document';
import { heldAt, heldDate } from '../sessions/held';
import type { ReportContent, ReportSection, ReportView, ResponseLine } from './types';

const DAY = 24 * 3600_000;
/** The method: the draft report within two weeks, responses within two weeks. */
export const REPORT_DUE_DAYS = 14;
export const COMMENT_WINDOW_DAYS = 14;
/** The reminder goes this many days before the comment window closes. */
export const REMINDER_DAYS_BEFORE = 3;

export { heldAt };

/** The draft report is due at the end of the fourteenth day after the session. */
export function reportDueAt(session: Pick<DialogueSession, 'scheduledAt' | 'closedAt'>): Date | null {
	const held = heldAt(session);
	return held ? endOfDayAfter(held, REPORT_DUE_DAYS) : null;
}

/** A report sent at `sentAt` takes responses until the end of the fourteenth day after. */
export function commentWindowCloseAt(sentAt: Date | number): Date {
	return endOfDayAfter(sentAt, COMMENT_WINDOW_DAYS);
}

function loadSession(db: Pick<Db, 'select'>, sessionId: number): DialogueSession {
	const session = db.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get();
	if (!session) throw new DomainError('error.missing', 404);
	return session;
}

export function getReport(db: Pick<Db, 'select'>, sessionId: number): Report | undefined {
	return db.select().from(reports).where(eq(reports.dialogueSessionId, sessionId)).get();
}

function requireReport(db: Pick<Db, 'select'>, sessionId: number): Report {
	const report = getReport(db, sessionId);
	if (!report) throw new DomainError('error.report.missing', 404);
	return report;
}

/** The session with its report: what mailing the report and its view start from. */
function sessionWithReport(db: Pick<Db, 'select'>, sessionId: number): { session: DialogueSession; report: Report } {
	return { session: loadSession(db, sessionId), report: requireReport(db, sessionId) };
}

/** The report while it is sent and not final: the time of comments, reminders and phone responses. */
function requireSentReport(db: Pick<Db, 'select'>, sessionId: number): Report {
	const report = requireReport(db, sessionId);
	if (report.status === 'draft') throw new DomainError('error.report.notSent', 409);
	if (report.status === 'final') throw new DomainError('error.report.final', 409);
	return report;
}

/** Starts the draft report of a closed session from its stored results (once; later calls return it). */
export function startReport(db: Db, actor: Actor, sessionId: number, locale: Locale = DEFAULT_LOCALE): Report {
	return db.transaction((tx) => {
		const session = loadSession(tx, sessionId);
		if (session.status !== 'closed') throw new DomainError('error.report.sessionNotClosed', 409);
		const existing = getReport(tx, sessionId);
		if (existing) return existing;
		const row = tx
			.insert(reports)
			.values({ dialogueSessionId: sessionId, content: composeReport(db, sessionId, locale) })
			.returning()
			.get();
		audit(tx, actor, 'report.start', { type: 'report', id: row.id }, { dialogueSessionId: sessionId });
		return row;
	});
}

const criterionSchema = z.object({
	key: z.string().regex(/^[a-z0-9-]{1,40}$/),
	text: z.string().trim().max(2000),
	status: z.enum(['agreed', 'provisional']),
	addressees: z
		.array(z.enum(ADDRESSEES))
		.max(ADDRESSEES.length)
		.refine((a) => new Set(a).size === a.length)
		.optional()
});
const sectionSchema = z.object({
	key: z.string().regex(/^[a-z0-9-]{1,120}$/),
	heading: singleLine(200),
	body: z.string().max(20_000),
	criteria: z.array(criterionSchema).max(100).optional()
});
export const reportContentSchema = z.object({
	title: singleLine(300),
	sections: z.array(sectionSchema).min(1).max(50)
});
export const saveReportSchema = z.object({ revision: z.number().int().positive(), content: reportContentSchema });

/**
 * Saves the facilitator's edit of the working copy. The sections stay those of the report
 * (participants' comments refer to their keys); an emptied criterion is left out.
 */
export function saveReport(db: Db, actor: Actor, sessionId: number, input: z.input<typeof saveReportSchema>): Report {
	const { revision, content } = validate(saveReportSchema, input);
	return db.transaction((tx) => {
		const report = requireReport(tx, sessionId);
		if (report.status === 'final') throw new DomainError('error.report.final', 409);
		if (report.revision !== revision) throw new DomainError('error.report.conflict', 409);
		const known = new Set(report.content.sections.map((s) => s.key));
		if (content.sections.length !== known.size || content.sections.some((s) => !known.has(s.key)))
			throw new DomainError('error.report.sections', 400);
		const keys = content.sections.flatMap((s) => (s.criteria ?? []).map((c) => c.key));
		if (new Set(keys).size !== keys.length) throw new DomainError('error.report.sections', 400);
		// A note that a theme's text is the framework's, unchanged, goes once the text above it changed.
		const starts = new Map(chosenThemes(tx, sessionId).map((theme) => [`theme-${theme.key}`, Object.values(startingTexts(theme))]));
		const cleaned: ReportContent = {
			title: content.title,
			sections: content.sections.map((s) => ({
				...s,
				body: withoutStaleSourceNotes(s.body.replace(/\r\n/g, '\n'), starts.get(s.key) ?? []).trim(),
				...(s.criteria ? { criteria: s.criteria.filter((c) => c.text.length > 0) } : {})
			}))
		};
		const row = tx
			.update(reports)
			.set({ content: cleaned, revision: report.revision + 1, updatedAt: new Date() })
			.where(eq(reports.id, report.id))
			.returning()
			.get();
		audit(tx, actor, 'report.edit', { type: 'report', id: report.id }, { revision: row.revision });
		return row;
	});
}

/** Sections that can be made again from the data entered after the draft (agreements, evaluation). */
export const RECOMPOSABLE: readonly string[] = ['agreements', 'evaluation'];

/** Makes one of those sections again from the data as it is now; the facilitator's other text stays. */
export function recomposeSection(db: Db, actor: Actor, sessionId: number, key: string, locale: Locale = DEFAULT_LOCALE): Report {
	return db.transaction((tx) => {
		const report = requireReport(tx, sessionId);
		if (report.status === 'final') throw new DomainError('error.report.final', 409);
		const fresh = composeReport(db, sessionId, locale).sections.find((s) => s.key === key);
		if (!RECOMPOSABLE.includes(key) || !fresh || !report.content.sections.some((s) => s.key === key))
			throw new DomainError('error.report.sections', 400);
		const sections = report.content.sections.map((s) => (s.key === key ? fresh : s));
		const row = tx
			.update(reports)
			.set({ content: { ...report.content, sections }, revision: report.revision + 1, updatedAt: new Date() })
			.where(eq(reports.id, report.id))
			.returning()
			.get();
		audit(tx, actor, 'report.recompose', { type: 'report', id: report.id }, { section: key });
		return row;
	});
}

function addVersion(
	tx: Pick<Db, 'select' | 'insert'>,
	db: Db,
	report: Report,
	kind: 'sent' | 'final',
	actor: Actor,
	now: Date
): ReportVersion {
	const number =
		tx
			.select({ n: reportVersions.number })
			.from(reportVersions)
			.where(eq(reportVersions.reportId, report.id))
			.all()
			.reduce((m, r) => Math.max(m, r.n), 0) + 1;
	return tx
		.insert(reportVersions)
		.values({
			reportId: report.id,
			number,
			kind,
			content: report.content,
			figures: composeFigures(db, report.dialogueSessionId),
			// The moment it was sent or made final: what its export shows is what was there then.
			createdAt: now,
			createdById: actor.type === 'user' ? actor.id : null
		})
		.returning()
		.get();
}

export function listVersions(db: Pick<Db, 'select'>, reportId: number): ReportVersion[] {
	return db.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(asc(reportVersions.number)).all();
}

/** The version participants comment on: the one sent last. */
export function sentVersion(db: Pick<Db, 'select'>, reportId: number): ReportVersion | undefined {
	return listVersions(db, reportId)
		.filter((v) => v.kind === 'sent')
		.at(-1);
}

/**
 * People who receive the report: everyone who took part, once (../sessions/headcount.ts),
 * observers who were there included; `asked`: only those asked to respond (the participants),
 * who are reminded and called. Someone added in the live view without a device and without
 * any contact details cannot be reached and is left out, and so is anyone erased.
 */
function recipients(db: Pick<Db, 'select'>, sessionId: number, asked = false) {
	const { tookPart, observers } = sessionHeadcount(db, sessionId);
	// Someone erased at their request is not mailed, called or listed as "give it on paper".
	return (asked ? tookPart : [...tookPart, ...observers].sort((a, b) => a.id - b.id)).filter(
		(p) => p.pseudonymisedAt === null && (p.origin !== 'proxy' || p.email !== null || p.phone !== null)
	);
}

/** Whether this participant is asked to respond to the report: they took part (see recipients). */
export function mayRespond(db: Pick<Db, 'select'>, sessionId: number, participantId: number): boolean {
	return recipients(db, sessionId, true).some((p) => p.id === participantId);
}

function facilitatorName(db: Pick<Db, 'select'>, session: DialogueSession): string {
	return db.select({ name: users.name }).from(users).where(eq(users.id, session.facilitatorId)).get()?.name ?? '';
}

/**
 * Queues one mail to a recipient of the report with a fresh personal link (`kind` is also the
 * link's purpose), once per `round` (the version sent, or the report reminded of): `before`
 * when that mail was queued before, `noAddress` when they have no e-mail address to send it to.
 * In `locale` (see sendReport).
 */
function mailRecipient(
	tx: Pick<Db, 'select' | 'insert'>,
	person: Pick<Participant, 'id' | 'displayName' | 'email'> & Partial<Pick<Participant, 'role'>>,
	mail: { kind: 'report' | 'reminder' | 'final'; round: number; session: DialogueSession; date: Date; origin: string; locale: Locale },
	now: Date
): 'queued' | 'before' | 'noAddress' {
	const { kind, session, locale } = mail;
	const email = person.email;
	if (!email || !isEmailAddress(email)) return 'noAddress';
	const link = `${mail.origin}/j/${newParticipantLink(tx, person.id, kind)}`;
	const params = { name: person.displayName, title: session.title, date: mail.date, link, facilitator: facilitatorName(tx, session) };
	// An observer reads the draft but is not asked to respond (see mayRespond).
	const texts = (
		{
			report:
				person.role === 'observer'
					? (['reports.mail.observerSubject', 'reports.mail.observerBody'] as const)
					: (['reports.mail.subject', 'reports.mail.body'] as const),
			reminder: ['reports.reminder.subject', 'reports.reminder.body'],
			final: ['reports.finalMail.subject', 'reports.finalMail.body']
		} as const
	)[kind];
	const queued = enqueueMail(
		tx,
		{
			dedupeKey: `${kind}:${mail.round}:${person.id}`,
			kind,
			dialogueSessionId: session.id,
			participantId: person.id,
			to: email,
			subject: translate(locale, texts[0], params),
			text: translate(locale, texts[1], params)
		},
		now
	);
	return queued ? 'queued' : 'before';
}

/** Mails a version to everyone who receives the report (see recipients), once per version. */
function mailEveryone(
	tx: Pick<Db, 'select' | 'insert'>,
	mail: Parameters<typeof mailRecipient>[2],
	version: ReportVersion,
	now: Date
): SendResult {
	const result: SendResult = { version, mailed: 0, withoutEmail: [] };
	for (const person of recipients(tx, mail.session.id)) {
		if (mailRecipient(tx, person, mail, now) === 'noAddress') result.withoutEmail.push({ id: person.id, displayName: person.displayName });
		else result.mailed++;
	}
	return result;
}

export interface SendResult {
	version: ReportVersion;
	mailed: number;
	/** Without an e-mail address: give them the report on paper or by phone. */
	withoutEmail: { id: number; displayName: string }[];
}

/**
 * Sends the draft to all participants and opens the comment window. Refused when it was
 * sent already: a second click sends nothing. The mail is in `locale` (participants have no
 * language setting: Dutch).
 */
/** The session and its draft report if it can be sent now; else the refusal. */
function sendable(tx: Pick<Db, 'select'>, sessionId: number, now: Date) {
	const loaded = sessionWithReport(tx, sessionId);
	if (loaded.report.status !== 'draft') throw new DomainError('error.report.alreadySent', 409, { date: loaded.report.sentAt ?? now });
	return loaded;
}

/**
 * Throws what sendReport would refuse, changing nothing; else how many of the people it goes
 * to get it by e-mail, and how many have no address (the page asks "are you sure?" with these).
 */
export function checkSend(db: Pick<Db, 'select'>, sessionId: number, now = new Date()): { mailed: number; withoutEmail: number } {
	sendable(db, sessionId, now);
	const people = recipients(db, sessionId);
	const mailed = people.filter((p) => p.email && isEmailAddress(p.email)).length;
	return { mailed, withoutEmail: people.length - mailed };
}

export function sendReport(
	db: Db,
	actor: Actor,
	sessionId: number,
	origin: string,
	now = new Date(),
	locale: Locale = DEFAULT_LOCALE
): SendResult {
	return db.transaction((tx) => {
		const { session, report } = sendable(tx, sessionId, now);
		const closeAt = commentWindowCloseAt(now);
		return publish(tx, db, { session, report, actor, origin, locale, now }, 'sent', closeAt, {
			status: 'sent',
			sentAt: now,
			commentsCloseAt: closeAt
		});
	});
}

/**
 * One step of the report to everyone who receives it (sending the draft, making it final):
 * stores the version, sets the report's status and dates, mails each recipient once with a
 * fresh personal link (`mailDate`: the date the mail names), and audits how many got a mail.
 */
function publish(
	tx: Tx,
	db: Db,
	step: { session: DialogueSession; report: Report; actor: Actor; origin: string; locale: Locale; now: Date },
	kind: 'sent' | 'final',
	mailDate: Date,
	set: Partial<typeof reports.$inferInsert>
): SendResult {
	const { session, report, actor, origin, locale, now } = step;
	const version = addVersion(tx, db, report, kind, actor, now);
	tx.update(reports)
		.set({ ...set, revision: report.revision + 1, updatedAt: now })
		.where(eq(reports.id, report.id))
		.run();
	const mailKind = kind === 'sent' ? 'report' : 'final';
	const result = mailEveryone(tx, { kind: mailKind, round: version.id, session, date: mailDate, origin, locale }, version, now);
	audit(
		tx,
		actor,
		kind === 'sent' ? 'report.send' : 'report.finalize',
		{ type: 'report', id: report.id },
		{ version: version.number, mailed: result.mailed, withoutEmail: result.withoutEmail.length }
	);
	return result;
}

export function commentWindowOpen(report: Pick<Report, 'status' | 'commentsCloseAt'>, now = new Date()): boolean {
	return report.status === 'sent' && report.commentsCloseAt !== null && now.getTime() < report.commentsCloseAt.getTime();
}

/** Refuses what needs the comment window open, naming the day it closed. */
function requireWindowOpen(report: Pick<Report, 'status' | 'commentsCloseAt'>, now: Date): void {
	if (!commentWindowOpen(report, now)) throw new DomainError('error.comment.windowClosed', 409, { date: report.commentsCloseAt ?? now });
}

/** Every place in a version that can be commented on, as target → label. */
export function commentTargets(content: ReportContent, locale: Locale = DEFAULT_LOCALE): Map<string, string> {
	const targets = new Map<string, string>();
	for (const s of content.sections) {
		targets.set(`section:${s.key}`, s.heading);
		for (const c of s.criteria ?? [])
			targets.set(`criterion:${c.key}`, translate(locale, 'reports.document.criterionTarget', { text: c.text }));
	}
	return targets;
}

/**
 * A Dutch phone number in a text: 06-12345678, 020 123 4567, +31 6 1234 5678. Comments are in
 * the reactienota that everyone who gets the report reads, so no number may end up there.
 */
const PHONE_NUMBER = /(?:\+31|0031|(?<![\d])0)[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){7,8}(?![\d])/;

export const commentSchema = z.object({
	target: z.string().regex(/^(section|criterion):[a-z0-9-]{1,120}$/),
	body: z
		.string()
		.trim()
		.min(1)
		.max(4000)
		.refine((body) => !PHONE_NUMBER.test(body), { message: 'error.comment.phoneNumber' }),
	/** A random key from the form: a retried submit does not store the comment twice. */
	clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)
});

interface Commenter {
	id: number;
	dialogueSessionId: number;
}

function commenterReport(
	db: Pick<Db, 'select'>,
	participant: Commenter,
	sessionId: number,
	now: Date
): { report: Report; version: ReportVersion } {
	if (participant.dialogueSessionId !== sessionId) throw new DomainError('error.forbidden', 403);
	const person = db.select().from(participants).where(eq(participants.id, participant.id)).get();
	if (!person || !isCurrentParticipant(person)) throw new DomainError('error.forbidden', 403);
	const report = getReport(db, sessionId);
	if (!report || report.status === 'draft') throw new DomainError('error.report.notSent', 404);
	// Observers and those who were not there may read the report; responding is for the people
	// asked to, who then also hear the answer (the final mail goes to them).
	if (!mayRespond(db, sessionId, person.id)) throw new DomainError('error.comment.notAsked', 403);
	requireWindowOpen(report, now);
	const version = sentVersion(db, report.id);
	if (!version) throw new DomainError('error.report.notSent', 404);
	return { report, version };
}

/**
 * Stores a comment on the version that was sent, in the participant's name; written, or a phone
 * response with the day of the call. Nothing (undefined) when this participant already stored
 * one with this client key: a retry of the same submit.
 */
function insertComment(
	tx: Tx,
	at: { report: Report; version: ReportVersion; person: Participant; now: Date },
	data: Pick<ReportComment, 'target' | 'body' | 'clientKey'> & Partial<Pick<ReportComment, 'channel' | 'calledOn'>>
): ReportComment | undefined {
	return tx
		.insert(reportComments)
		.values({
			reportId: at.report.id,
			versionId: at.version.id,
			participantId: at.person.id,
			perspective: at.person.perspective,
			target: data.target,
			body: data.body,
			channel: data.channel,
			calledOn: data.calledOn,
			clientKey: data.clientKey,
			createdAt: at.now
		})
		.onConflictDoNothing()
		.returning()
		.get();
}

/** A participant's comment on a section or a criterion, while the window is open. */
export function addComment(
	db: Db,
	participant: Commenter,
	sessionId: number,
	input: z.input<typeof commentSchema>,
	now = new Date()
): ReportComment {
	const data = validate(commentSchema, input);
	return db.transaction((tx) => {
		const { report, version } = commenterReport(tx, participant, sessionId, now);
		if (!commentTargets(version.content).has(data.target)) throw new DomainError('error.comment.target', 400);
		const person = tx.select().from(participants).where(eq(participants.id, participant.id)).get()!;
		const row = insertComment(tx, { report, version, person, now }, data);
		if (row) {
			// Someone who said "no comments" and comments after all has changed their mind: the comment counts.
			const withdrawn = tx
				.delete(reportAcknowledgements)
				.where(and(eq(reportAcknowledgements.reportId, report.id), eq(reportAcknowledgements.participantId, person.id)))
				.run().changes;
			audit(
				tx,
				{ type: 'participant', id: person.id },
				'report.comment',
				{ type: 'report', id: report.id },
				withdrawn > 0 ? { target: data.target, acknowledgementWithdrawn: true } : { target: data.target }
			);
			return row;
		}
		// The same submit again (a retry): the stored comment stands.
		return tx
			.select()
			.from(reportComments)
			.where(
				and(
					eq(reportComments.reportId, report.id),
					eq(reportComments.participantId, person.id),
					eq(reportComments.clientKey, data.clientKey)
				)
			)
			.get()!;
	});
}

/** "I have read it and have no comments." */
export function acknowledgeReport(db: Db, participant: Commenter, sessionId: number, now = new Date()): void {
	db.transaction((tx) => {
		const { report } = commenterReport(tx, participant, sessionId, now);
		// "No comments" after commenting (in writing or on the phone) would contradict them.
		if (commentsOf(tx, report.id, participant.id).length > 0) throw new DomainError('error.comment.alreadyCommented', 409);
		const added = tx
			.insert(reportAcknowledgements)
			.values({ reportId: report.id, participantId: participant.id, at: now })
			.onConflictDoNothing()
			.run().changes;
		// Said again (a second tap, a retried submit): it stands as it was.
		if (added > 0) audit(tx, { type: 'participant', id: participant.id }, 'report.acknowledge', { type: 'report', id: report.id });
	});
}

export function commentsOf(db: Pick<Db, 'select'>, reportId: number, participantId?: number): ReportComment[] {
	const where =
		participantId === undefined
			? eq(reportComments.reportId, reportId)
			: and(eq(reportComments.reportId, reportId), eq(reportComments.participantId, participantId));
	return db.select().from(reportComments).where(where).orderBy(asc(reportComments.id)).all();
}

export const responseSchema = z
	.object({
		decision: z.enum(['adopted', 'not_adopted', 'answered']),
		reason: z
			.string()
			.trim()
			.max(2000)
			.nullish()
			.transform((v) => (v ? v : null))
	})
	.refine((r) => r.decision !== 'not_adopted' || r.reason !== null, { path: ['reason'], message: 'error.comment.reasonRequired' })
	.refine((r) => r.decision !== 'answered' || r.reason !== null, { path: ['reason'], message: 'error.comment.answerRequired' });

/**
 * The facilitator's answer to a comment: adopted, not adopted with a reason, or answered (a
 * question or remark: the answer is the text, the report stays as it is).
 */
export function respondToComment(
	db: Db,
	actor: Actor,
	sessionId: number,
	commentId: number,
	input: z.input<typeof responseSchema>,
	now = new Date()
): ReportComment {
	const data = validate(responseSchema, input);
	return db.transaction((tx) => {
		const report = requireReport(tx, sessionId);
		if (report.status === 'final') throw new DomainError('error.report.final', 409);
		const row = tx
			.update(reportComments)
			.set({ decision: data.decision, reason: data.reason, decidedAt: now, decidedById: actor.type === 'user' ? actor.id : null })
			.where(and(eq(reportComments.id, commentId), eq(reportComments.reportId, report.id)))
			.returning()
			.get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(tx, actor, 'report.respond', { type: 'report_comment', id: commentId }, { decision: data.decision });
		return row;
	});
}

/**
 * The reactienota: every comment with its answer, in the order of the report. With `asOf`
 * (the moment a version was sent or made final) only what was there then: comments written
 * later are left out, and an answer given later shows as still open.
 */
export function responseOverview(db: Pick<Db, 'select'>, report: Report, locale: Locale = DEFAULT_LOCALE, asOf?: Date): ResponseLine[] {
	const version = sentVersion(db, report.id);
	if (!version) return [];
	const targets = commentTargets(version.content, locale);
	const order = [...targets.keys()];
	const until = asOf?.getTime() ?? Infinity;
	return commentsOf(db, report.id)
		.filter((c) => c.createdAt.getTime() <= until)
		.sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target) || a.id - b.id)
		.map((c) => {
			const answered = c.decidedAt === null || c.decidedAt.getTime() <= until;
			const decision = answered ? c.decision : 'open';
			const perspective = translate(locale, `perspective.${c.perspective}` as MessageKey);
			return {
				target: targets.get(c.target) ?? c.target,
				comment: c.body,
				perspective: c.channel === 'phone' ? translate(locale, 'reports.document.byPhone', { perspective }) : perspective,
				phone: c.channel === 'phone',
				decision,
				decisionLabel: translate(locale, `comment.decision.${decision}` as MessageKey),
				reason: answered ? c.reason : null
			};
		});
}

export interface Responder {
	id: number;
	displayName: string;
	perspective: string;
	email: string | null;
	phone: string | null;
	notes: string | null;
	comments: number;
	acknowledged: boolean;
	reminded: boolean;
}

/** Everyone who received the report and whether they responded: the basis of reminders and the call list. */
export function responders(db: Pick<Db, 'select'>, report: Report): Responder[] {
	const comments = commentsOf(db, report.id);
	const acks = new Set(
		db
			.select()
			.from(reportAcknowledgements)
			.where(eq(reportAcknowledgements.reportId, report.id))
			.all()
			.map((a) => a.participantId)
	);
	const reminded = new Set(
		db
			.select({ participantId: mailMessages.participantId })
			.from(mailMessages)
			.where(and(eq(mailMessages.kind, 'reminder'), eq(mailMessages.dialogueSessionId, report.dialogueSessionId)))
			.all()
			.map((m) => m.participantId)
	);
	return recipients(db, report.dialogueSessionId, true).map((p) => ({
		id: p.id,
		displayName: p.displayName,
		perspective: p.perspective,
		email: p.email,
		phone: p.phone,
		notes: p.notes,
		comments: comments.filter((c) => c.participantId === p.id).length,
		acknowledged: acks.has(p.id),
		reminded: reminded.has(p.id)
	}));
}

export const hasResponded = (r: Responder) => r.comments > 0 || r.acknowledged;

/** Whom to phone: those who did not respond, people without e-mail first. */
export function callList(db: Pick<Db, 'select'>, report: Report): Responder[] {
	return responders(db, report)
		.filter((r) => !hasResponded(r))
		.sort((a, b) => Number(!!a.email) - Number(!!b.email) || a.displayName.localeCompare(b.displayName, 'nl'));
}

/**
 * One reminder to everyone with an e-mail address who has not responded, while the window is
 * open. Sending again reaches nobody twice. The mail is in `locale` (Dutch, see sendReport).
 */
export function sendReminders(
	db: Db,
	actor: Actor,
	sessionId: number,
	origin: string,
	now = new Date(),
	locale: Locale = DEFAULT_LOCALE
): number {
	return db.transaction((tx) => {
		const { session, report } = sessionWithReport(tx, sessionId);
		requireWindowOpen(report, now);
		let queued = 0;
		for (const person of responders(tx, report)) {
			if (hasResponded(person)) continue;
			const mail = { kind: 'reminder', round: report.id, session, date: report.commentsCloseAt!, origin, locale } as const;
			if (mailRecipient(tx, person, mail, now) === 'queued') queued++;
		}
		tx.update(reports)
			.set({ remindersSentAt: report.remindersSentAt ?? now })
			.where(eq(reports.id, report.id))
			.run();
		audit(tx, actor, 'report.remind', { type: 'report', id: report.id }, { queued });
		return queued;
	});
}

/** Sends the reminders that are due (a few days before windows close); run by the scheduler. */
export function sendDueReminders(db: Db, origin: string, now = new Date()): number {
	const due = db
		.select()
		.from(reports)
		.where(
			and(
				eq(reports.status, 'sent'),
				isNull(reports.remindersSentAt),
				lte(reports.commentsCloseAt, new Date(now.getTime() + REMINDER_DAYS_BEFORE * DAY)),
				gt(reports.commentsCloseAt, now)
			)
		)
		.all();
	let queued = 0;
	for (const report of due) queued += sendReminders(db, SYSTEM, report.dialogueSessionId, origin, now);
	return queued;
}

export const closeEarlySchema = z.object({ reason: z.string().trim().min(1).max(1000) });

/**
 * Closes the comment window before its date, for example when everyone responded or was
 * called, so the report can be made final. The reason is kept with the report (it is shown
 * in the reactienota of the final version); the date the report was sent with is kept too.
 */
export function closeCommentsEarly(
	db: Db,
	actor: Actor,
	sessionId: number,
	input: z.input<typeof closeEarlySchema>,
	now = new Date()
): Report {
	const { reason } = validate(closeEarlySchema, input);
	return db.transaction((tx) => {
		const report = requireSentReport(tx, sessionId);
		requireWindowOpen(report, now);
		const row = tx
			.update(reports)
			.set({
				commentsCloseAt: now,
				commentsPlannedCloseAt: report.commentsCloseAt,
				commentsClosedReason: reason,
				revision: report.revision + 1,
				updatedAt: now
			})
			.where(eq(reports.id, report.id))
			.returning()
			.get();
		audit(
			tx,
			actor,
			'report.closeComments',
			{ type: 'report', id: report.id },
			{ plannedCloseAt: report.commentsCloseAt?.toISOString() ?? null }
		);
		return row;
	});
}

export const phoneResponseSchema = z.object({
	participantId: z.coerce.number().int().positive(),
	target: commentSchema.shape.target,
	body: commentSchema.shape.body,
	calledOn: calendarDate,
	clientKey: commentSchema.shape.clientKey
});

/**
 * What someone who did not respond in writing said on the phone, typed in by the facilitator:
 * stored as that participant's comment, marked as a phone response, and answered like any
 * other. Only for those asked to respond who did not comment or acknowledge themselves (a
 * second point from the same call is another phone response); while the report is sent and
 * not final, also after the window closed (calls are often written up afterwards). The call
 * was on or after the day the report was sent and not in the future. No phone number is kept.
 */
export function recordPhoneResponse(
	db: Db,
	actor: Actor,
	sessionId: number,
	input: z.input<typeof phoneResponseSchema>,
	now = new Date()
): ReportComment {
	const data = validate(phoneResponseSchema, input);
	return db.transaction((tx) => {
		const report = requireSentReport(tx, sessionId);
		const version = sentVersion(tx, report.id);
		if (!version) throw new DomainError('error.report.notSent', 409);
		const person = responders(tx, report).find((r) => r.id === data.participantId);
		if (!person) throw new ValidationError([{ path: ['participantId'], code: 'error.field.invalidChoice', params: {} }]);
		const own = commentsOf(tx, report.id, person.id);
		if (person.acknowledged || own.some((c) => c.channel === 'written'))
			throw new ValidationError([{ path: ['participantId'], code: 'error.phone.responded', params: {} }]);
		if (!commentTargets(version.content).has(data.target))
			throw new ValidationError([{ path: ['target'], code: 'error.field.invalidChoice', params: {} }]);
		if (data.calledOn < today(report.sentAt ?? now) || data.calledOn > today(now))
			throw new ValidationError([{ path: ['calledOn'], code: 'error.phone.calledOn', params: {} }]);
		const existing = own.find((c) => c.clientKey === data.clientKey);
		if (existing) return existing;
		const participant = tx.select().from(participants).where(eq(participants.id, person.id)).get()!;
		const row = insertComment(tx, { report, version, person: participant, now }, { ...data, channel: 'phone' })!;
		audit(tx, actor, 'report.phoneResponse', { type: 'report_comment', id: row.id }, { participantId: person.id });
		return row;
	});
}

/** The sent report of a session if it can be made final now; else the refusal. */
function finalizable(tx: Pick<Db, 'select'>, sessionId: number, now: Date): Report {
	const report = requireSentReport(tx, sessionId);
	if (commentWindowOpen(report, now)) throw new DomainError('error.report.windowOpen', 409, { date: report.commentsCloseAt! });
	const open = commentsOf(tx, report.id).filter((c) => c.decision === 'open').length;
	if (open > 0) throw new DomainError('error.report.openComments', 409, { count: open });
	return report;
}

/**
 * Throws what finalizeReport would refuse, changing nothing: the page asks "are you sure?"
 * only when the answer can be carried out.
 */
export function checkFinalize(db: Pick<Db, 'select'>, sessionId: number, now = new Date()): void {
	finalizable(db, sessionId, now);
}

/**
 * After the comment window, with every comment answered: the final version. Everyone who got
 * the draft hears of it by e-mail with a fresh personal link (the final text and the
 * reactienota with the answer to their comments); the result says who has no address.
 */
export function finalizeReport(
	db: Db,
	actor: Actor,
	sessionId: number,
	origin: string,
	now = new Date(),
	locale: Locale = DEFAULT_LOCALE
): SendResult {
	return db.transaction((tx) => {
		const report = finalizable(tx, sessionId, now);
		const session = loadSession(tx, sessionId);
		return publish(tx, db, { session, report, actor, origin, locale, now }, 'final', now, { status: 'final', finalAt: now });
	});
}

export interface SectionDiff {
	key: string;
	heading: DiffPart[];
	body: DiffPart[];
	criteria: { key: string; change: 'added' | 'removed' | 'changed' | 'same'; text: DiffPart[] }[];
	changed: boolean;
}

/** What changed between two versions (or a version and the working copy), per section. */
export function compareContents(before: ReportContent, after: ReportContent): SectionDiff[] {
	const keys = [...new Set([...before.sections.map((s) => s.key), ...after.sections.map((s) => s.key)])];
	return keys.map((key) => {
		const a: Partial<ReportSection> = before.sections.find((s) => s.key === key) ?? {};
		const b: Partial<ReportSection> = after.sections.find((s) => s.key === key) ?? {};
		const criteriaKeys = [...new Set([...(a.criteria ?? []).map((c) => c.key), ...(b.criteria ?? []).map((c) => c.key)])];
		const criteria = criteriaKeys.map((ck) => {
			const ca = a.criteria?.find((c) => c.key === ck);
			const cb = b.criteria?.find((c) => c.key === ck);
			// Whom it addresses is part of it (it decides where it goes in the framework); none recorded is an empty list.
			const sameAddressees = (ca?.addressees ?? []).join() === (cb?.addressees ?? []).join();
			const change = !ca
				? 'added'
				: !cb
					? 'removed'
					: ca.text === cb.text && ca.status === cb.status && sameAddressees
						? 'same'
						: 'changed';
			return { key: ck, change, text: wordDiff(ca?.text ?? null, cb?.text ?? null) } as const;
		});
		const changed = a.heading !== b.heading || a.body !== b.body || criteria.some((c) => c.change !== 'same');
		return {
			key,
			heading: wordDiff(a.heading ?? null, b.heading ?? null),
			body: wordDiff(a.body ?? null, b.body ?? null),
			criteria,
			changed
		};
	});
}

/** Everything an export or print view needs, translated. `version` null: the working copy. */
export function reportView(db: Db, sessionId: number, version: ReportVersion | null, locale: Locale = DEFAULT_LOCALE): ReportView {
	const { session, report } = sessionWithReport(db, sessionId);
	const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
	const versionLabel = version
		? version.kind === 'final'
			? t('reports.document.version.final', { number: version.number })
			: t('reports.document.version.sent', { number: version.number })
		: t('reports.document.version.working');
	// A sent version asked for responses before the date it was sent with (also when the
	// window was closed early later); the working copy tells the date as it is now.
	const closeAt = version ? (report.commentsPlannedCloseAt ?? report.commentsCloseAt) : report.commentsCloseAt;
	const commentNote =
		closeAt && (!version || version.kind === 'sent') && report.status !== 'final'
			? t('reports.document.commentNote', { date: closeAt })
			: null;
	const asOf = version?.createdAt;
	const facilitator = facilitatorName(db, session);
	const closedEarly =
		report.commentsClosedReason && report.commentsCloseAt && (!asOf || asOf.getTime() >= report.commentsCloseAt.getTime())
			? t('reports.document.closedEarly', { date: report.commentsCloseAt, reason: report.commentsClosedReason })
			: null;
	return {
		content: version ? version.content : report.content,
		figures: version ? version.figures : composeFigures(db, sessionId, locale),
		meta: {
			sessionTitle: session.title,
			// One rule for "when it was held" in the report's text and its header.
			sessionDate: heldDate(db, locale, session),
			versionLabel,
			commentNote,
			closedEarly,
			facilitator: facilitator ? t('reports.document.label.facilitator', { name: facilitator }) : '',
			facilitatorName: facilitator
		},
		responses: responseOverview(db, report, locale, asOf),
		labels: {
			reportFor: t('reports.document.label.reportFor', { title: session.title }),
			figuresHeading: t('reports.document.label.figures'),
			voteFigureTitle: t('reports.document.label.voteFigure'),
			voteFigureAlt: t('reports.document.label.voteFigureAlt'),
			keywordsFigureTitle: t('reports.document.label.keywordsFigure'),
			criteriaHeading: t('reports.document.label.criteria'),
			agreedLabel: t('reports.document.label.agreed'),
			provisionalLabel: t('reports.document.label.provisional'),
			addresseesLabel: t('framework.field.addressees'),
			addresseeNames: Object.fromEntries(ADDRESSEES.map((a) => [a, t(`framework.addressee.${a}`)])) as Record<Addressee, string>,
			addresseesUnknown: t('reports.document.label.addresseesUnknown'),
			responsesHeading: t('reports.document.label.responses'),
			responsesEmpty: t('reports.document.label.responsesEmpty'),
			columnTarget: t('reports.document.label.columnTarget'),
			columnComment: t('reports.document.label.columnComment'),
			columnPerspective: t('reports.document.label.columnPerspective'),
			columnDecision: t('reports.document.label.columnDecision'),
			columnReason: t('reports.document.label.columnReason'),
			themeColumn: t('reports.document.label.themeColumn'),
			totalColumn: t('reports.document.label.totalColumn'),
			chosenLabel: t('reports.document.label.chosen')
		}
	};
}

/** Reports of these sessions, by session id. */
export function reportsOf(db: Pick<Db, 'select'>, sessionIds: number[]): Map<number, Report> {
	if (sessionIds.length === 0) return new Map();
	return new Map(
		db
			.select()
			.from(reports)
			.where(inArray(reports.dialogueSessionId, sessionIds))
			.all()
			.map((r) => [r.dialogueSessionId, r])
	);
}
