/**
 * Where a chosen theme's co-edited document starts (issue 19): from the framework's meaning
 * and toetsvraag (the default, issue 16) or blank, because a pre-filled text anchors a group.
 * The facilitator chooses per theme, in the session's plan, until the document exists: a
 * document with stored content (its framework start is stored when it is first opened, and
 * every edit), or one that may be open right now (its theme is on the agenda now, or the
 * closing step shows them all), keeps its start, so what the group sees never changes
 * underneath it. A blank document nobody wrote in is not stored: leaving the theme unchanged
 * and coming back to it with another start is harmless.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import { sessionThemes, yjsUpdates, type DialogueSession, type SessionTheme } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { validate } from '../validation';
import { changeSession, loadLiveSession, themesOfSession } from './agenda';
import { docNameOf, prefilledOf } from '../../shared/theme-document';
import { THEME_STARTS, type ThemeStart, type ThemeStartRow } from '../../shared/theme-start';

/** Whether a theme has a framework text its document could start from. */
function hasFrameworkText(theme: SessionTheme): boolean {
	const p = prefilledOf({
		key: theme.key,
		origin: theme.origin,
		description: theme.description,
		hasDefinition: !!theme.definition?.trim(),
		hasTestQuestion: !!theme.testQuestion?.trim()
	});
	return p.meaning || p.testQuestion;
}

/**
 * The themes (by key) whose document exists: stored (opened with a framework start, or
 * edited), or possibly open now (the theme's turn on the agenda, or the closing step).
 */
function startedKeys(
	db: Pick<Db, 'selectDistinct'>,
	session: Pick<DialogueSession, 'id' | 'phase' | 'phaseTheme'>,
	themes: readonly SessionTheme[]
): Set<string> {
	if (themes.length === 0) return new Set();
	const names = new Map(themes.map((t) => [docNameOf(session.id, t.key), t.key]));
	const rows = db
		.selectDistinct({ docName: yjsUpdates.docName })
		.from(yjsUpdates)
		.where(inArray(yjsUpdates.docName, [...names.keys()]))
		.all();
	const started = new Set(rows.map((r) => names.get(r.docName)!));
	for (const t of themes) {
		if (t.chosenRank === null) continue;
		if (session.phase === 'closing' || (session.phase === 'theme' && session.phaseTheme === t.chosenRank - 1)) started.add(t.key);
	}
	return started;
}

function themesOf(db: Pick<Db, 'select'>, sessionId: number): SessionTheme[] {
	return db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, sessionId)).orderBy(asc(sessionThemes.position)).all();
}

/** Every theme of the session with a framework text: its start, and whether that can still change. */
export function themeStarts(db: Db, session: Pick<DialogueSession, 'id' | 'phase' | 'phaseTheme'>): ThemeStartRow[] {
	const themes = themesOf(db, session.id).filter(hasFrameworkText);
	const started = startedKeys(db, session, themes);
	return themes.map((t) => ({
		id: t.id,
		name: t.name,
		chosenRank: t.chosenRank,
		start: t.startBlank ? 'blank' : 'framework',
		locked: started.has(t.key)
	}));
}

export const themeStartsSchema = z.object({
	choices: z
		.array(z.object({ themeId: z.number().int().positive(), start: z.enum(THEME_STARTS) }))
		.min(1)
		.max(200)
});

/**
 * Sets where the themes' documents start. All or nothing: a theme that is not the session's,
 * has no framework text, or whose document already exists (when its start would change)
 * refuses the whole change, naming the theme. Returns the themes that changed.
 */
export function setThemeStarts(db: Db, actor: Actor, sessionId: number, input: z.input<typeof themeStartsSchema>): SessionTheme[] {
	const { choices } = validate(themeStartsSchema, input);
	return db.transaction((tx: Tx) => {
		const session = loadLiveSession(db, sessionId);
		const ids = choices.map((c) => c.themeId);
		const themes = themesOfSession(tx, sessionId, ids, 'error.themeStart.unknownTheme');
		const byId = new Map(themes.map((t) => [t.id, t]));
		const changes = choices
			.map((c) => ({ theme: byId.get(c.themeId)!, blank: c.start === 'blank' }))
			.filter(({ theme, blank }) => theme.startBlank !== blank);
		for (const { theme } of changes) {
			if (!hasFrameworkText(theme)) throw new DomainError('error.themeStart.noFrameworkText', 400, { name: theme.name });
		}
		const started = startedKeys(
			tx,
			session,
			changes.map((c) => c.theme)
		);
		for (const { theme } of changes) {
			if (started.has(theme.key)) throw new DomainError('error.themeStart.started', 409, { name: theme.name });
		}
		if (changes.length === 0) return [];
		const changed = changes.map(({ theme, blank }) =>
			tx.update(sessionThemes).set({ startBlank: blank }).where(eq(sessionThemes.id, theme.id)).returning().get()
		);
		changeSession(tx, session, {});
		audit(
			tx,
			actor,
			'session.theme_start',
			{ type: 'dialogue_session', id: sessionId },
			{ themes: changes.map(({ theme, blank }) => ({ themeId: theme.id, start: (blank ? 'blank' : 'framework') satisfies ThemeStart })) }
		);
		return changed;
	});
}
