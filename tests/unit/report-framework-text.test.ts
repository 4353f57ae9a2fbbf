/**
 * A theme's document starts from the framework's texts. When nobody changed such a text in the
 * session, the report must not present it as what the group wrote: it says where it comes
 * from (found when a theme was passed over without a word).
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import { heldWorld } from '../helpers/follow-up';
import { nl } from '../helpers/i18n';
import { sessionThemes, themeResults } from '../../src/lib/server/db/schema';
import { composeReport } from '../../src/lib/server/reports/compose';
import { getReport, saveReport, startReport } from '../../src/lib/server/reports/reports';
import { startingTexts } from '../../src/lib/shared/theme-document';

describe('a framework text nobody changed', () => {
	it('is marked as the framework’s in the report; the group’s own texts are not', async () => {
		const db = testDb();
		const { session, themes } = await heldWorld(db);
		const theme = db.select().from(sessionThemes).where(eq(sessionThemes.id, themes.veiligheid.id)).get()!;
		const start = startingTexts(theme);
		expect(start.meaning).not.toBe('');
		// Passed over: the meaning is still the text the document started with.
		db.update(themeResults).set({ meaning: start.meaning }).where(eq(themeResults.sessionThemeId, theme.id)).run();
		const sections = composeReport(db, session.id, 'nl').sections;
		const note = nl('reports.document.theme.fromFramework');
		const passedOver = sections.find((s) => s.key === `theme-${theme.key}`)!;
		expect(passedOver.body).toContain(`${start.meaning}\n${note}`);
		const discussed = sections.find((s) => s.key === `theme-${themes.regie.key}`)!;
		expect(discussed.body).toContain('De cliënt bepaalt zelf hoe de ondersteuning eruitziet.');
		expect(discussed.body).not.toContain(note);
		// One word changed: the group's text, without the note.
		db.update(themeResults)
			.set({ meaning: `${start.meaning} Samen besproken.` })
			.where(eq(themeResults.sessionThemeId, theme.id))
			.run();
		expect(composeReport(db, session.id, 'nl').sections.find((s) => s.key === `theme-${theme.key}`)!.body).not.toContain(note);
	});

	it('goes when the facilitator rewrites that text in the draft report, and stays while it holds', async () => {
		const db = testDb();
		const { session, themes, facilitator } = await heldWorld(db);
		const actor = { type: 'user' as const, id: facilitator.id };
		const theme = db.select().from(sessionThemes).where(eq(sessionThemes.id, themes.veiligheid.id)).get()!;
		const start = startingTexts(theme);
		db.update(themeResults).set({ meaning: start.meaning }).where(eq(themeResults.sessionThemeId, theme.id)).run();
		startReport(db, actor, session.id, 'nl');
		const note = nl('reports.document.theme.fromFramework');
		const key = `theme-${theme.key}`;
		const save = (edit: (body: string) => string) => {
			const report = getReport(db, session.id)!;
			const sections = report.content.sections.map((s) => (s.key === key ? { ...s, body: edit(s.body) } : s));
			saveReport(db, actor, session.id, { revision: report.revision, content: { ...report.content, sections } });
			return getReport(db, session.id)!.content.sections.find((s) => s.key === key)!.body;
		};
		// Another part of the section edited: the note still holds.
		expect(save((body) => `${body}\n\nAanvulling van de gespreksleider.`)).toContain(`${start.meaning}\n${note}`);
		// The framework's text rewritten: the note goes, the rest stays.
		const rewritten = save((body) => body.replace(start.meaning, 'Iedereen voelt zich veilig bij de zorgverlener.'));
		expect(rewritten).not.toContain(note);
		expect(rewritten).toContain('Iedereen voelt zich veilig bij de zorgverlener.');
		expect(rewritten).toContain('Aanvulling van de gespreksleider.');
	});
});
