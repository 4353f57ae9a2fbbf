/**
 * From a session's final report to a published framework version and an assessment against
 * it: criteria promoted (with provenance), merged or not promoted (with a reason), on a real
 * database.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import { provenanceText } from '../../src/lib/shared/frameworks';
import { suggestedTheme, type DraftOption } from '../../src/lib/shared/promotion';
import { translator } from '../../src/lib/i18n';
import { domainErrorCode as code, errorCode as problemCodes } from '../helpers/errors';
import { heldWorld } from '../helpers/follow-up';
import { qualityManager } from '../helpers/scoring';
import { frameworkRequirements, frameworkVersions, participants, reports } from '../../src/lib/server/db/schema';
import { createDraft, deleteDraft, getVersion, latestPublishedBySlug, publishVersion } from '../../src/lib/server/frameworks/store';
import {
	declineCriterion,
	mergeCriterion,
	perspectivesPresent,
	promotableCriteria,
	promoteCriterion
} from '../../src/lib/server/frameworks/promotion';
import { finalizeReport, sendReport, startReport } from '../../src/lib/server/reports/reports';
import { createProvider } from '../../src/lib/server/scoring/providers';
import { assessmentDetail, startAssessment } from '../../src/lib/server/scoring/assessments';

async function finalReport() {
	const db = testDb();
	const world = await heldWorld(db, new Date('2026-03-03T16:00:00Z'));
	const { actor: km } = await qualityManager(db, { email: 'km-p@gemeente.test' });
	startReport(db, world.actor, world.session.id);
	expect(code(() => promotableCriteria(db, world.session.id))).toBe('error.promotion.reportNotFinal');
	sendReport(db, world.actor, world.session.id, 'https://x.example', new Date('2026-03-05T10:00:00Z'));
	finalizeReport(db, world.actor, world.session.id, 'https://x.example', new Date('2026-03-20T10:00:00Z'));
	const drents = latestPublishedBySlug(db, 'drents-kwaliteitskader')!;
	const draft = createDraft(db, km, drents.id);
	const themes = getVersion(db, draft.id)!.themes;
	return {
		db,
		...world,
		km,
		drents,
		draft,
		themes,
		report: db.select().from(reports).where(eq(reports.dialogueSessionId, world.session.id)).get()!
	};
}

describe('promotion of agreed criteria', () => {
	it('gives a new requirement the addressees of its criterion as default; the quality manager may choose others', async () => {
		const { db, km, themes, session } = await finalReport();
		const criteria = promotableCriteria(db, session.id);
		// As the session agreed them (the first), or not recorded (the others).
		expect(criteria.map((c) => c.addressees)).toEqual([['municipality', 'provider'], [], []]);
		const theme = themes.find((t) => t.key === 'clientgerichtheid')!;
		const promote = (i: number, fields: { text: string; addressees?: ('municipality' | 'provider' | 'other')[] }) => {
			const promoted = promoteCriterion(db, km, session.id, { criterionKey: criteria[i]!.key, themeId: theme.id }, fields);
			return db.select().from(frameworkRequirements).where(eq(frameworkRequirements.id, promoted.id)).get()!.addressees;
		};
		// No theme chosen and no text: both told at once, and "choose one" for the theme.
		expect(problemCodes(() => promoteCriterion(db, km, session.id, { criterionKey: criteria[0]!.key, themeId: 0 }, { text: '' }))).toBe(
			'error.field.invalidChoice,error.field.required'
		);
		expect(promote(0, { text: 'Het ondersteuningsplan is op papier.' })).toEqual(['municipality', 'provider']);
		expect(promote(1, { text: 'De cliënt kiest een cliëntondersteuner.' })).toEqual(['provider']);
		expect(promote(2, { text: 'Zo min mogelijk wisselend personeel.', addressees: ['other'] })).toEqual(['other']);
	});

	it('takes a criterion into another framework’s theme with its provenance, and the published version is assessed with it', async () => {
		const { db, km, draft, themes, session, drents } = await finalReport();
		const criteria = promotableCriteria(db, session.id);
		expect(criteria.map((c) => [c.text, c.state])).toEqual([
			['De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.', 'open'],
			['De cliënt kiest zelf een cliëntondersteuner.', 'open'],
			['Er komt zo min mogelijk wisselend personeel.', 'open']
		]);
		const clientgerichtheid = themes.find((t) => t.key === 'clientgerichtheid')!;
		// "Regie van de cliënt" maps onto Cliëntgerichtheid; the wording becomes a requirement.
		const promoted = promoteCriterion(
			db,
			km,
			session.id,
			{ criterionKey: criteria[0]!.key, themeId: clientgerichtheid.id },
			{
				number: '14',
				text: 'De cliënt ontvangt het ondersteuningsplan op papier, in begrijpelijke taal.',
				addressees: ['provider'],
				testMethod: 'Dossieronderzoek en gesprek met cliënten',
				applicability: { professional: 'yes', informal: 'no', exceptions: null, conditions: null }
			}
		);
		const row = db.select().from(frameworkRequirements).where(eq(frameworkRequirements.id, promoted.id)).get()!;
		expect(row.provenance).toEqual({
			kind: 'dialogue_session',
			sessionId: session.id,
			sessionTitle: 'Eerste gesprek',
			date: '2026-03-03',
			perspectives: ['client', 'official', 'council_member', 'wmo_council', 'provider'],
			originalText: 'De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.'
		});
		// Told to people with the date as they write it, in either language.
		expect(provenanceText(translator('nl'), row.provenance, 'nl')).toBe('Uit het gesprek “Eerste gesprek” van 3 maart 2026');
		expect(provenanceText(translator('en'), row.provenance, 'en')).toBe('From the session “Eerste gesprek” of 3 March 2026');
		expect(
			code(() => promoteCriterion(db, km, session.id, { criterionKey: criteria[0]!.key, themeId: clientgerichtheid.id }, { text: 'x' }))
		).toBe('error.promotion.decided');

		// Merged into an existing requirement: new wording, a note, its provenance kept.
		const veiligheid = getVersion(db, draft.id)!.themes.find((t) => t.key === 'veiligheid')!;
		const target = veiligheid.requirements[2]!;
		mergeCriterion(
			db,
			km,
			session.id,
			{ criterionKey: criteria[2]!.key, requirementId: target.id, revision: target.revision },
			{
				number: target.number,
				text: `${target.text} Er komt zo min mogelijk wisselend personeel.`,
				addressees: target.addressees
			}
		);
		const merged = db.select().from(frameworkRequirements).where(eq(frameworkRequirements.id, target.id)).get()!;
		expect(merged.note).toContain('Aangevuld met een criterium uit het gesprek “Eerste gesprek” (3 maart 2026)');
		expect(merged.provenance.kind).toBe('source_document');

		// Not promoted, with the reason listed.
		expect(code(() => declineCriterion(db, km, session.id, { criterionKey: criteria[1]!.key, reason: '' }))).not.toBe('no error');
		declineCriterion(db, km, session.id, { criterionKey: criteria[1]!.key, reason: 'Dit regelt de gemeente zelf, niet de aanbieder.' });
		expect(promotableCriteria(db, session.id).map((c) => [c.state, c.reason])).toEqual([
			['promoted', null],
			['not_promoted', 'Dit regelt de gemeente zelf, niet de aanbieder.'],
			['merged', null]
		]);

		// A published version cannot take more; the new version is assessed with the promoted requirement.
		const published = publishVersion(db, km, draft.id, getVersion(db, draft.id)!.version.revision, {
			changeSummary: 'Criteria uit het gesprek van 3 maart toegevoegd.'
		});
		const other = promotableCriteria(db, session.id);
		expect(other.every((c) => c.state !== 'open')).toBe(true);
		const provider = createProvider(db, km, { name: 'Thuiszorg Noord', careType: 'Begeleiding', fundings: ['zin'] });
		const assessment = startAssessment(db, km, { providerId: provider.id, frameworkVersionId: published.id, assessedOn: '2026-06-01' });
		const items = assessmentDetail(db, assessment.id).items;
		expect(items.find((i) => i.requirement.key === row.key)).toMatchObject({
			item: { applicable: true },
			theme: { key: 'clientgerichtheid' }
		});
		expect(items).toHaveLength(45);
		expect(drents.id).not.toBe(published.id);
	});

	it('names only the perspectives of people who came, as the report counts them', async () => {
		const { db, session } = await finalReport();
		expect(perspectivesPresent(db, session.id)).toEqual(['client', 'official', 'council_member', 'wmo_council', 'provider']);
		// Attendance recorded: the provider and the council member were invited but did not come.
		const rows = db.select().from(participants).where(eq(participants.dialogueSessionId, session.id)).all();
		for (const row of rows) {
			const came = row.perspective !== 'provider' && row.perspective !== 'council_member';
			db.update(participants)
				.set({ attendedAt: came ? new Date('2026-03-03T15:00:00Z') : null })
				.where(eq(participants.id, row.id))
				.run();
		}
		expect(perspectivesPresent(db, session.id)).toEqual(['client', 'official', 'wmo_council']);
	});

	it('opens a criterion again when the requirement it went into is gone with its draft', async () => {
		const { db, km, session, draft, themes, drents } = await finalReport();
		const key = promotableCriteria(db, session.id)[0]!.key;
		const theme = themes.find((t) => t.key === 'clientgerichtheid')!;
		promoteCriterion(db, km, session.id, { criterionKey: key, themeId: theme.id }, { text: 'Het plan is op papier.' });
		expect(promotableCriteria(db, session.id)[0]!.state).toBe('promoted');
		// The draft is thrown away: the criterion is not stuck as "taken over" into nothing.
		deleteDraft(db, km, draft.id, db.select().from(frameworkVersions).where(eq(frameworkVersions.id, draft.id)).get()!.revision);
		expect(promotableCriteria(db, session.id)[0]).toMatchObject({ state: 'open', requirementId: null });
		const next = createDraft(db, km, drents.id);
		const again = getVersion(db, next.id)!.themes.find((t) => t.key === 'clientgerichtheid')!;
		const promoted = promoteCriterion(db, km, session.id, { criterionKey: key, themeId: again.id }, { text: 'Het plan is op papier.' });
		expect(promotableCriteria(db, session.id)[0]).toMatchObject({ state: 'promoted', requirementId: promoted.id });
	});

	it('refuses a theme of a published version', async () => {
		const { db, km, session, drents } = await finalReport();
		const publishedTheme = getVersion(db, drents.id)!.themes[0]!;
		const key = promotableCriteria(db, session.id)[0]!.key;
		expect(code(() => promoteCriterion(db, km, session.id, { criterionKey: key, themeId: publishedTheme.id }, { text: 'x' }))).toBe(
			'error.promotion.notDraft'
		);
		expect(promotableCriteria(db, session.id)[0]!.state).toBe('open');
	});
});

describe('the theme a criterion is suggested to go to', () => {
	const draft = (frameworkId: number, themes: [number, string][]): DraftOption => ({
		frameworkId,
		frameworkName: `Kader ${frameworkId}`,
		published: null,
		draft: { id: frameworkId * 10, label: '2.0', themes: themes.map(([id, name]) => ({ id, name, requirements: [] })) }
	});
	it('is the draft theme named as the session’s theme, only when one draft has it', () => {
		const one = draft(1, [
			[11, 'Veiligheid'],
			[12, 'Regie van de cliënt']
		]);
		expect(suggestedTheme([one], 'Regie van de cliënt')).toBe('12');
		expect(suggestedTheme([one], '  regie VAN de cliënt ')).toBe('12');
		expect(suggestedTheme([one], 'Bejegening')).toBe('');
		// Two drafts with that theme: the person chooses.
		expect(suggestedTheme([one, draft(2, [[21, 'Regie van de cliënt']])], 'Regie van de cliënt')).toBe('');
		// A framework without a draft offers no themes.
		expect(suggestedTheme([{ ...draft(3, []), draft: null }, one], 'Veiligheid')).toBe('11');
	});
});
