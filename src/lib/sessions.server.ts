/**
 * Server helpers for the pages of dialogue sessions: who may open a session's pages, the
 * framework versions to offer, form failures with their field, the participant cookie and
 * telling live viewers that something changed through a page.
 */
import QRCode from 'qrcode';
import { error, fail, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { PublicUser } from './server/auth/accounts';
import type { DialogueSession, Participant } from './server/db/schema';
import { getReport } from './server/reports/reports';
import { DomainError } from './server/errors';
import { listFrameworks } from './server/frameworks/store';
import { getRuntime } from './server/runtime';
import { sessionRights } from './server/access';
import { getDialogueSession, sessionSettingsSchema, type SessionSettings } from './server/sessions/setup';
import { PARTICIPANT_COOKIE } from './server/sessions/participants';
import { ValidationError, problemsFromZod } from './server/validation';
import { cookieSecure, idParam, requireUser } from './server/web';
import { translate, type MessageKey } from './i18n';
import { settingsField, type FieldErrors, type SettingsFormValues } from './sessions/settings-form';

/** Days a participant's browser keeps the personal key to the session. */
export const PARTICIPANT_COOKIE_DAYS = 30;

/** The logged-in facilitator and one of their own sessions; others get 404 (a session's existence is not told). */
export function requireOwnSession(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>): { user: PublicUser; session: DialogueSession } {
	const user = requireUser(event, 'facilitator');
	const id = sessionIdParam(event);
	const { db } = getRuntime();
	const session = getDialogueSession(db, id);
	if (!session || sessionRights(db, event.locals.callers.filter((c) => c.kind === 'staff'), id)?.part !== 'facilitator') {
		error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
	}
	return { user, session };
}

/** The session id in the address, or 404. */
export function sessionIdParam(event: Pick<RequestEvent, 'locals' | 'params'>): number {
	try {
		return idParam(event.params.id);
	} catch {
		error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
	}
}

export interface VersionOption {
	id: number;
	label: string;
	themeCount: number;
}

/** Published framework versions, grouped by framework: only these can offer themes to a session. */
export function publishedVersionGroups(): { framework: string; versions: VersionOption[] }[] {
	return listFrameworks(getRuntime().db)
		.map((f) => ({
			framework: f.name,
			versions: f.versions.filter((v) => v.status === 'published').map((v) => ({ id: v.id, label: v.label, themeCount: v.themeCount }))
		}))
		.filter((g) => g.versions.length > 0);
}

/**
 * A refused settings form: every problem at its field (the first per field), and a summary
 * code when the problem is not about one field.
 */
export function settingsFailure(err: unknown, values: SettingsFormValues, errors: FieldErrors = {}) {
	const fields: FieldErrors = { ...errors };
	let general: MessageKey | null = null;
	if (err instanceof ValidationError) {
		for (const p of err.problems) {
			const field = settingsField(p.path);
			if (field && !fields[field]) fields[field] = { code: p.code, params: p.params };
			else if (!field) general = p.code;
		}
	} else if (err instanceof DomainError) {
		if (err.code === 'error.session.frameworkVersion') fields.frameworkVersionId = { code: err.code };
		else general = err.code;
	} else if (err) {
		throw err;
	}
	return fail(400, { values, errors: fields, general });
}

/**
 * Checks a read settings form with the domain's schema: every problem, those the form found
 * and those the schema finds, at once. Returns the settings, or the failure to answer with.
 */
export function checkSettings(read: { values: SettingsFormValues; input: Record<string, unknown>; errors: FieldErrors }) {
	const parsed = sessionSettingsSchema.safeParse({ ...read.input, scheduledAt: read.input.scheduledAt ?? null });
	if (parsed.success && Object.keys(read.errors).length === 0) return { settings: parsed.data as SessionSettings, failure: null };
	return { settings: null, failure: settingsFailure(parsed.success ? null : new ValidationError(problemsFromZod(parsed.error)), read.values, read.errors) };
}

/** Gives this browser the participant's personal key (HttpOnly, like the staff session cookie). */
export function setParticipantCookie(cookies: Cookies, token: string): void {
	cookies.set(PARTICIPANT_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: cookieSecure(),
		expires: new Date(Date.now() + PARTICIPANT_COOKIE_DAYS * 86_400_000)
	});
}

/** Keeps a personal link's token while /j/confirm asks whether to use it (never in an address: not in history, logs or Referer). */
const PENDING_LINK_COOKIE = 'kd_link';
const PENDING_LINK_MINUTES = 15;

/** Remembers the token of a personal link that was opened in a browser that is someone else already. */
export function setPendingLink(cookies: Cookies, token: string): void {
	cookies.set(PENDING_LINK_COOKIE, token, { path: '/j', httpOnly: true, sameSite: 'lax', secure: cookieSecure(), maxAge: PENDING_LINK_MINUTES * 60 });
}

export function pendingLink(cookies: Cookies): string | undefined {
	return cookies.get(PENDING_LINK_COOKIE);
}

export function clearPendingLink(cookies: Cookies): void {
	cookies.delete(PENDING_LINK_COOKIE, { path: '/j', httpOnly: true, sameSite: 'lax', secure: cookieSecure() });
}

/** Where a personal link takes its person: the report once it was sent after the session, else the session (a closed one can still be read). */
export function participantLanding(participant: Pick<Participant, 'dialogueSessionId'>): string {
	const { db } = getRuntime();
	const id = participant.dialogueSessionId;
	const report = getDialogueSession(db, id)?.status === 'closed' ? getReport(db, id) : undefined;
	return report && report.status !== 'draft' ? `/live/${id}/report` : `/live/${id}`;
}

/**
 * Sends everyone in the live session the new state after a change made through a page. (A
 * change of someone's rights reaches their connections by itself: see server/access/changes.)
 */
export function pushLiveState(sessionId: number): void {
	getRuntime().realtime?.sessions.schedule(sessionId);
}

/** The address participants join at; the QR code on the projector holds it. */
export function joinUrl(code: string): string {
	return `${getRuntime().origin}/join?code=${encodeURIComponent(code)}`;
}

/** A QR code of `text` as an SVG image (black on white, with a quiet zone), made on the server. */
export async function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
}

