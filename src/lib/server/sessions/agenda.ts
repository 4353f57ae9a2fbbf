/**
 * The agenda of a live session and the facilitator's controls: moving through the phases
 * (forwards and back), the phase timer (driven by a stored deadline), locking joining.
 * Every change bumps the session's state revision and is audited.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { THEME_STEPS, dialogueSessions, sessionThemes, type DialogueSession, type SessionTheme } from '../db/schema';
import { DomainError } from '../errors';
import type { MessageKey } from '../../i18n';
import { queries } from './queries';
import type { AgendaItem } from '../../shared/live-state';

export type { AgendaItem };
import { audit, type Actor } from '../audit';
import { ensureGoingOn } from './setup';

/**
 * The agenda: intro, overview, proposals, voting and result (only when themes are chosen by
 * voting), then per theme to treat betekenis, toetsvraag and criteria, and closing.
 */
export function agendaOf(session: Pick<DialogueSession, 'themeSelection' | 'themesToTreat'>, chosenCount: number): AgendaItem[] {
	const items: AgendaItem[] = [{ phase: 'intro' }, { phase: 'overview' }, { phase: 'proposals' }];
	if (session.themeSelection === 'vote') items.push({ phase: 'voting' }, { phase: 'result' });
	const themes = chosenCount > 0 ? chosenCount : session.themesToTreat;
	for (let theme = 0; theme < themes; theme++) for (const step of THEME_STEPS) items.push({ phase: 'theme', theme, step });
	items.push({ phase: 'closing' });
	return items;
}

export function agendaIndex(items: AgendaItem[], session: Pick<DialogueSession, 'phase' | 'phaseTheme' | 'phaseStep'>): number {
	return items.findIndex(
		(i) => i.phase === session.phase && (i.phase !== 'theme' || (i.theme === session.phaseTheme && i.step === session.phaseStep))
	);
}

export function chosenCount(tx: Pick<Db, 'select'>, sessionId: number): number {
	return tx
		.select({ n: sql<number>`count(*)` })
		.from(sessionThemes)
		.where(and(eq(sessionThemes.dialogueSessionId, sessionId), isNotNull(sessionThemes.chosenRank)))
		.get()!.n;
}

export function loadSession(db: Db, sessionId: number): DialogueSession {
	const session = queries(db).session.get({ id: sessionId });
	if (!session) throw new DomainError('error.missing', 404);
	return session;
}

/** The session must be running (not closed); a planned session opens with its first change. */
export function loadLiveSession(db: Db, sessionId: number): DialogueSession {
	const session = loadSession(db, sessionId);
	ensureGoingOn(session);
	return session;
}

/**
 * The themes of the session with these ids, each named once (else 400) and all the session's
 * (else 404); `unknown` is the refusal's code.
 */
export function themesOfSession(tx: Pick<Db, 'select'>, sessionId: number, ids: readonly number[], unknown: MessageKey): SessionTheme[] {
	if (new Set(ids).size !== ids.length) throw new DomainError(unknown, 400);
	const themes = tx
		.select()
		.from(sessionThemes)
		.where(and(eq(sessionThemes.dialogueSessionId, sessionId), inArray(sessionThemes.id, [...ids])))
		.all();
	if (themes.length !== ids.length) throw new DomainError(unknown, 404);
	return themes;
}

/**
 * Applies a change to the session row, bumping the state revision. Preparations (fixing the
 * themes, locking joining, a vote beforehand) leave a planned session planned; it opens when
 * the facilitator starts moving through the agenda (`open: true`).
 */
export function changeSession(tx: Tx, session: DialogueSession, values: Partial<DialogueSession>, open = false): DialogueSession {
	return tx
		.update(dialogueSessions)
		.set({
			...values,
			...(open && session.status === 'planned' ? { status: 'open' as const } : {}),
			stateRevision: sql`${dialogueSessions.stateRevision} + 1`
		})
		.where(eq(dialogueSessions.id, session.id))
		.returning()
		.get();
}

/**
 * Bumps the state revision after a change in a related table (stickers, proposals, themes)
 * and returns the new revision.
 * Takes the connection (also inside a transaction): a prepared statement, as it runs on every
 * sticker.
 */
export function touchSession(db: Db, session: Pick<DialogueSession, 'id'>): number {
	return queries(db).touch.get(session.id) as number;
}

const TIMER_RESET = { timerDeadline: null, timerRemainingMs: null };

/** Moves to another agenda item: `next`, `previous`, or an index. Leaving the vote closes it. */
export function gotoAgenda(db: Db, actor: Actor, sessionId: number, target: 'next' | 'previous' | number): DialogueSession {
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		const chosen = chosenCount(tx, sessionId);
		const items = agendaOf(session, chosen);
		const current = Math.max(0, agendaIndex(items, session));
		const index = target === 'next' ? current + 1 : target === 'previous' ? current - 1 : target;
		const item = items[index];
		if (!item) throw new DomainError('error.agenda.noSuchStep', 400);
		if (item.phase === 'theme' && chosen === 0) throw new DomainError('error.agenda.chooseThemesFirst', 409);
		const values: Partial<DialogueSession> = {
			phase: item.phase,
			phaseTheme: item.phase === 'theme' ? item.theme : null,
			phaseStep: item.phase === 'theme' ? item.step : null,
			...TIMER_RESET
		};
		// Leaving the voting phase forwards closes an open vote; the result phase shows the tallies.
		const votingIndex = items.findIndex((i) => i.phase === 'voting');
		if (session.voteStatus === 'open' && votingIndex >= 0 && index > votingIndex) values.voteStatus = 'closed';
		if (item.phase === 'result') values.talliesRevealed = true;
		const updated = changeSession(tx, session, values, true);
		audit(tx, actor, 'session.agenda', { type: 'dialogue_session', id: sessionId }, { from: current, to: index, phase: item.phase });
		return updated;
	});
}

export type TimerAction =
	| { action: 'start'; minutes: number }
	| { action: 'pause' }
	| { action: 'resume' }
	| { action: 'add'; minutes: number }
	| { action: 'clear' };

/** The phase timer. Running: a deadline; paused: the time left. Clients count down from the deadline. */
export function controlTimer(db: Db, actor: Actor, sessionId: number, timer: TimerAction, now = Date.now()): DialogueSession {
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		let values: Partial<DialogueSession>;
		const running = session.timerDeadline !== null;
		switch (timer.action) {
			case 'start':
				values = { timerDeadline: new Date(now + timer.minutes * 60_000), timerRemainingMs: null };
				break;
			case 'pause':
				if (!running) throw new DomainError('error.timer.notRunning', 409);
				values = { timerDeadline: null, timerRemainingMs: Math.max(0, session.timerDeadline!.getTime() - now) };
				break;
			case 'resume':
				if (running || session.timerRemainingMs === null) throw new DomainError('error.timer.notPaused', 409);
				values = { timerDeadline: new Date(now + session.timerRemainingMs), timerRemainingMs: null };
				break;
			case 'add':
				if (running) values = { timerDeadline: new Date(Math.max(session.timerDeadline!.getTime(), now) + timer.minutes * 60_000) };
				else if (session.timerRemainingMs !== null) values = { timerRemainingMs: session.timerRemainingMs + timer.minutes * 60_000 };
				else throw new DomainError('error.timer.notRunning', 409);
				break;
			case 'clear':
				values = TIMER_RESET;
				break;
		}
		const updated = changeSession(tx, session, values);
		// The command itself, not what else came with it (a socket event's session id).
		const details = 'minutes' in timer ? { action: timer.action, minutes: timer.minutes } : { action: timer.action };
		audit(tx, actor, 'session.timer', { type: 'dialogue_session', id: sessionId }, details);
		return updated;
	});
}

export function setJoinLocked(db: Db, actor: Actor, sessionId: number, locked: boolean): DialogueSession {
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		const updated = changeSession(tx, session, { joinLocked: locked });
		audit(tx, actor, locked ? 'session.join-lock' : 'session.join-unlock', { type: 'dialogue_session', id: sessionId });
		return updated;
	});
}
