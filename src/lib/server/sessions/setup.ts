/**
 * Setting up a dialogue session (step 1 and 3 of the dialogue plan): title, date, duration,
 * the framework version whose themes are offered, how many themes to treat, the sticker
 * budget, voting or fixed themes, hidden tallies; and the short join code for the projector.
 */
import { randomInt } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import {
	dialogueSessions,
	frameworkThemes,
	frameworkVersions,
	mailMessages,
	participants,
	sessionThemes,
	type DialogueSession
} from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { singleLine, validate } from '../validation';
import { accessChanged } from '../access/changes';
import { cancellationKey, cancelWaitingMail, queueCancellations } from './calendar';
import {
	isOnlineLink,
	LOCATION_ADDRESS_MAX,
	LOCATION_NOTES_MAX,
	LOCATION_URL_MAX,
	type SessionLocation
} from '../../shared/sessions/location';

export const MAX_DURATION_MINUTES = 120;
export const MAX_THEMES_TO_TREAT = 3;

/** A text of a few lines (an address, notes): control characters other than line breaks go; empty becomes null. */
function optionalLines(max: number) {
	return z
		.string()
		.transform((v) =>
			v
				.replace(/\r\n?/g, '\n')
				.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ')
				.split('\n')
				.map((line) => line.replace(/ +/g, ' ').trim())
				.filter(Boolean)
				.join('\n')
		)
		.pipe(z.string().max(max))
		.nullish()
		.transform((v) => (v ? v : null));
}

/** Where the session is held; every part optional, the online link an https address. */
export const locationSchema = z.object({
	locationAddress: optionalLines(LOCATION_ADDRESS_MAX),
	locationNotes: optionalLines(LOCATION_NOTES_MAX),
	locationUrl: z
		.string()
		.trim()
		.max(LOCATION_URL_MAX)
		.nullish()
		.transform((v) => (v ? v : null))
		.refine((v) => v === null || isOnlineLink(v), { message: 'error.session.locationUrl' })
});

export const sessionSettingsSchema = z
	.object({
		...locationSchema.shape,
		title: singleLine(200),
		scheduledAt: z.coerce.date().nullable().default(null),
		/** At most two hours is the method's rule; longer is allowed with a warning. */
		durationMinutes: z.number().int().min(15).max(480).default(MAX_DURATION_MINUTES),
		frameworkVersionId: z.number().int().positive().nullable().default(null),
		themesToTreat: z.number().int().min(1).max(MAX_THEMES_TO_TREAT).default(MAX_THEMES_TO_TREAT),
		stickersPerParticipant: z.union([z.literal(2), z.literal(3)]).default(3),
		maxStickersPerTheme: z.number().int().min(1).max(3).default(1),
		themeSelection: z.enum(['vote', 'fixed']).default('vote'),
		hideTallies: z.boolean().default(true)
	})
	.refine((s) => s.maxStickersPerTheme <= s.stickersPerParticipant, {
		path: ['maxStickersPerTheme'],
		message: 'error.session.maxPerTheme'
	});
export type SessionSettingsInput = z.input<typeof sessionSettingsSchema>;
export type SessionSettings = z.output<typeof sessionSettingsSchema>;

/** Advice that does not block: the method says at most two hours. */
export function settingsWarnings(settings: Pick<SessionSettings, 'durationMinutes'>): 'session.warning.duration'[] {
	return settings.durationMinutes > MAX_DURATION_MINUTES ? ['session.warning.duration'] : [];
}

/** Letters and digits that cannot be mistaken for each other when read off a projector. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

export function normalizeJoinCode(input: string): string {
	return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function newJoinCode(tx: Pick<Db, 'select'>): string {
	for (;;) {
		let code = '';
		for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
		if (!tx.select({ id: dialogueSessions.id }).from(dialogueSessions).where(eq(dialogueSessions.joinCode, code)).get()) return code;
	}
}

/** Copies the themes of a published framework version into the session, in order. */
function offerFrameworkThemes(tx: Tx, sessionId: number, versionId: number): void {
	const version = tx.select().from(frameworkVersions).where(eq(frameworkVersions.id, versionId)).get();
	if (!version || version.status !== 'published') {
		throw new DomainError('error.session.frameworkVersion', 400);
	}
	const themes = tx
		.select()
		.from(frameworkThemes)
		.where(eq(frameworkThemes.versionId, versionId))
		.orderBy(asc(frameworkThemes.position))
		.all();
	themes.forEach((t, position) => addTheme(tx, sessionId, t, 'framework', position));
}

type ThemeText = Pick<typeof sessionThemes.$inferSelect, 'key' | 'name' | 'description' | 'definition' | 'testQuestion'>;

function addTheme(tx: Tx, sessionId: number, t: ThemeText, origin: 'framework' | 'carried', position: number): void {
	const { key, name, description, definition, testQuestion } = t;
	tx.insert(sessionThemes)
		.values({ dialogueSessionId: sessionId, key, name, description, definition, testQuestion, origin, position })
		.run();
}

/** Themes that were offered but not chosen in an earlier session, offered again. */
function carryThemes(tx: Tx, sessionId: number, fromSessionId: number): void {
	const left = tx
		.select()
		.from(sessionThemes)
		.where(and(eq(sessionThemes.dialogueSessionId, fromSessionId), isNull(sessionThemes.chosenRank)))
		.orderBy(asc(sessionThemes.position))
		.all();
	let position = tx
		.select({ n: sql<number>`count(*)` })
		.from(sessionThemes)
		.where(eq(sessionThemes.dialogueSessionId, sessionId))
		.get()!.n;
	for (const t of left) {
		const exists = tx
			.select({ id: sessionThemes.id })
			.from(sessionThemes)
			.where(and(eq(sessionThemes.dialogueSessionId, sessionId), eq(sessionThemes.key, t.key)))
			.get();
		if (exists) continue;
		addTheme(tx, sessionId, t, 'carried', position++);
	}
}

export interface CreateSessionInput extends Partial<SessionSettingsInput> {
	title: string;
	facilitatorId: number;
	/** Offer the themes not chosen in this earlier session (a follow-up session). */
	carryFromSessionId?: number;
}

export function createDialogueSession(db: Db, actor: Actor, input: CreateSessionInput): DialogueSession {
	const { facilitatorId, carryFromSessionId, ...rest } = input;
	const settings = validate(sessionSettingsSchema, rest);
	return db.transaction((tx) => {
		const session = tx
			.insert(dialogueSessions)
			.values({ ...settings, facilitatorId, joinCode: newJoinCode(tx) })
			.returning()
			.get();
		if (settings.frameworkVersionId !== null) offerFrameworkThemes(tx, session.id, settings.frameworkVersionId);
		if (carryFromSessionId !== undefined) {
			const from = tx.select().from(dialogueSessions).where(eq(dialogueSessions.id, carryFromSessionId)).get();
			if (!from || from.facilitatorId !== facilitatorId) throw new DomainError('error.missing', 404);
			carryThemes(tx, session.id, from.id);
		}
		audit(
			tx,
			actor,
			'session.create',
			{ type: 'dialogue_session', id: session.id },
			{ frameworkVersionId: settings.frameworkVersionId, carryFromSessionId }
		);
		return session;
	});
}

/** Whether the time or the place differ: then the calendar item people have is out of date. */
export function timeOrPlaceChanged(
	before: Pick<DialogueSession, 'scheduledAt' | 'durationMinutes'> & SessionLocation,
	after: Pick<DialogueSession, 'scheduledAt' | 'durationMinutes'> & SessionLocation
): boolean {
	return (
		(before.scheduledAt?.getTime() ?? null) !== (after.scheduledAt?.getTime() ?? null) ||
		before.durationMinutes !== after.durationMinutes ||
		before.locationAddress !== after.locationAddress ||
		before.locationNotes !== after.locationNotes ||
		before.locationUrl !== after.locationUrl
	);
}

/**
 * Changes the settings while the session has not started; the offered themes follow the
 * version. A change of time or place raises the calendar item's sequence, so the update
 * that ./invitations.ts sendCalendarUpdates sends replaces the appointment in the agenda.
 */
export function updateSessionSettings(db: Db, actor: Actor, sessionId: number, input: SessionSettingsInput): DialogueSession {
	const settings = validate(sessionSettingsSchema, input);
	return db.transaction((tx) => {
		const session = plannedSession(tx, sessionId);
		const updated = tx
			.update(dialogueSessions)
			.set({
				...settings,
				stateRevision: session.stateRevision + 1,
				calendarSequence: session.calendarSequence + (timeOrPlaceChanged(session, settings) ? 1 : 0)
			})
			.where(eq(dialogueSessions.id, sessionId))
			.returning()
			.get();
		// Fewer themes to treat than were fixed: the choice is made again.
		if (settings.themesToTreat < session.themesToTreat) {
			tx.update(sessionThemes).set({ chosenRank: null }).where(eq(sessionThemes.dialogueSessionId, sessionId)).run();
		}
		if (settings.frameworkVersionId !== session.frameworkVersionId) {
			tx.delete(sessionThemes)
				.where(and(eq(sessionThemes.dialogueSessionId, sessionId), eq(sessionThemes.origin, 'framework')))
				.run();
			if (settings.frameworkVersionId !== null) offerFrameworkThemes(tx, sessionId, settings.frameworkVersionId);
		}
		audit(tx, actor, 'session.settings', { type: 'dialogue_session', id: sessionId });
		return updated;
	});
}

/**
 * Refuses what may only happen in a session that still goes on: not after it was closed, not
 * once it was called off. One place, so each action says the same.
 */
export function ensureGoingOn(session: Pick<DialogueSession, 'status'>): void {
	if (session.status === 'closed') throw new DomainError('error.session.closed', 409);
	if (session.status === 'cancelled') throw new DomainError('error.session.cancelled', 409);
}

/** A session that has not started (nor been cancelled): its settings can change, it can be cancelled. */
function plannedSession(tx: Pick<Db, 'select'>, sessionId: number): DialogueSession {
	const session = tx.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get();
	if (!session) throw new DomainError('error.missing', 404);
	ensureGoingOn(session);
	if (session.status !== 'planned') throw new DomainError('error.session.started', 409);
	return session;
}

export interface CancellationResult {
	/** Got a cancellation of the calendar item by e-mail. */
	mailed: number;
}

/**
 * Calls a planned session off: it will not take place. Its status becomes `cancelled` (links
 * and the join code open nothing any more: ../access), mails still waiting are not sent, and
 * everyone who has the calendar item gets METHOD:CANCEL with the same UID and a higher
 * SEQUENCE, so the appointment leaves their agenda. Who was invited by letter or has no e-mail
 * must be told another way: cancellationSummary lists them. Final: plan a new session instead.
 */
export function cancelDialogueSession(db: Db, actor: Actor, sessionId: number, now = new Date()): CancellationResult {
	const result = db.transaction((tx) => {
		const session = plannedSession(tx, sessionId);
		const cancelled = tx
			.update(dialogueSessions)
			.set({
				status: 'cancelled',
				cancelledAt: now,
				calendarSequence: session.calendarSequence + 1,
				stateRevision: session.stateRevision + 1
			})
			.where(eq(dialogueSessions.id, sessionId))
			.returning()
			.get();
		cancelWaitingMail(tx, sessionId);
		const listed = tx
			.select({ id: participants.id })
			.from(participants)
			.where(and(eq(participants.dialogueSessionId, sessionId), isNull(participants.removedAt)))
			.all()
			.map((p) => p.id);
		const mailed = queueCancellations(tx, cancelled, listed, 'session', now).length;
		audit(tx, actor, 'session.cancel', { type: 'dialogue_session', id: sessionId }, { mailed });
		return { mailed };
	});
	accessChanged(db, { sessionIds: [sessionId] });
	return result;
}

export interface CancellationSummary {
	cancelledAt: Date;
	mailed: number;
	/** On the list but not told by e-mail (no address, a letter, invitation not sent): call them. */
	toTell: string[];
}

/** For the facilitator's page of a cancelled session: who knows, and who still has to be told. */
export function cancellationSummary(db: Pick<Db, 'select'>, session: DialogueSession): CancellationSummary | null {
	if (session.status !== 'cancelled' || !session.cancelledAt) return null;
	const list = db
		.select({ id: participants.id, name: participants.displayName })
		.from(participants)
		.where(and(eq(participants.dialogueSessionId, session.id), isNull(participants.removedAt), isNull(participants.pseudonymisedAt)))
		.orderBy(asc(participants.displayName))
		.all();
	let mailed = 0;
	const toTell: string[] = [];
	for (const person of list) {
		const told = db
			.select({ id: mailMessages.id })
			.from(mailMessages)
			.where(eq(mailMessages.dedupeKey, cancellationKey(session.id, person.id)))
			.get();
		if (told) mailed++;
		else toTell.push(person.name);
	}
	return { cancelledAt: session.cancelledAt, mailed, toTell };
}

export function getDialogueSession(db: Pick<Db, 'select'>, id: number): DialogueSession | undefined {
	return db.select().from(dialogueSessions).where(eq(dialogueSessions.id, id)).get();
}

export function findSessionByCode(db: Db, code: string): DialogueSession | undefined {
	const normalized = normalizeJoinCode(code);
	if (normalized.length !== JOIN_CODE_LENGTH) return undefined;
	return db.select().from(dialogueSessions).where(eq(dialogueSessions.joinCode, normalized)).get();
}

export function listSessionsOf(db: Db, facilitatorId: number): DialogueSession[] {
	return db
		.select()
		.from(dialogueSessions)
		.where(eq(dialogueSessions.facilitatorId, facilitatorId))
		.orderBy(asc(dialogueSessions.scheduledAt), asc(dialogueSessions.id))
		.all();
}
