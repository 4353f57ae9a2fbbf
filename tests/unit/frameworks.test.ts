import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, frameworkRequirements, frameworkVersions, frameworks } from '../../src/lib/server/db/schema';
import { DomainError } from '../../src/lib/server/errors';
import { ValidationError } from '../../src/lib/server/validation';
import {
	addRequirement,
	addTheme,
	createDraft,
	createFramework,
	deleteDraft,
	deleteRequirement,
	deleteTheme,
	getVersion,
	listFrameworks,
	moveRequirement,
	moveTheme,
	publishVersion,
	suggestLabel,
	updateRequirement,
	updateTheme
} from '../../src/lib/server/frameworks/store';
import { compareVersions } from '../../src/lib/server/frameworks/compare';
import {
	csvCell,
	describeLocation,
	exportCsv,
	exportVersion,
	importVersion,
	parseExchange,
	seedFrameworks
} from '../../src/lib/server/frameworks/exchange';
import { searchRequirements } from '../../src/lib/server/frameworks/search';
import { requirementForm } from '../../src/lib/server/http/framework-forms';
import { diffValue, fieldLabel, requirementValues } from '../../src/lib/shared/frameworks';
import { translate, type MessageKey, type Params } from '../../src/lib/i18n/core';
import { scoringWorld } from '../helpers/scoring';

async function world() {
	const { db, actor } = await scoringWorld({ email: 'km@g.test', name: 'Karin Manager' });
	const drents = listFrameworks(db).find((f) => f.slug === 'drents-kwaliteitskader')!;
	const published = drents.versions[0]!;
	return { db, actor, drents, published };
}

function domainCode(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof DomainError) return error.code;
		throw error;
	}
	throw new Error('expected a DomainError');
}

function problems(run: () => unknown) {
	try {
		run();
	} catch (error) {
		if (error instanceof ValidationError) return error.problems;
		throw error;
	}
	throw new Error('expected a ValidationError');
}

describe('seed', () => {
	it('loads both frameworks as published versions, and a second run changes nothing', async () => {
		const { db } = await world();
		const all = listFrameworks(db);
		expect(all.map((f) => [f.slug, f.versions.map((v) => [v.label, v.status, v.themeCount, v.requirementCount])])).toEqual([
			['drents-kwaliteitskader', [['2019', 'published', 5, 44]]],
			['movisie-kwaliteitsthemas', [['2013', 'published', 10, 15]]]
		]);
		const again = seedFrameworks(db);
		expect(again.loaded).toEqual([]);
		expect(again.present).toHaveLength(2);
		expect(db.select().from(frameworkVersions).all()).toHaveLength(2);
	});

	it('flags exactly the two Leefklimaat requirements of Drents 2019 as residential only (bij verblijf), none of MOVISIE', async () => {
		const { db, published } = await world();
		const flagged = (versionId: number) =>
			getVersion(db, versionId)!.themes.flatMap((t) => t.requirements.filter((r) => r.applicability.residentialOnly).map((r) => r.key));
		expect(flagged(published.id)).toEqual(['leefklimaat-1', 'leefklimaat-2']);
		const movisie = listFrameworks(db).find((f) => f.slug === 'movisie-kwaliteitsthemas')!.versions[0]!;
		expect(flagged(movisie.id)).toEqual([]);
	});
});

describe('drafts', () => {
	it('copies a published version with the same keys, and allows only one draft per framework', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const a = getVersion(db, published.id)!;
		const b = getVersion(db, draft.id)!;
		expect(b.version).toMatchObject({ status: 'draft', label: '2026', basedOnVersionId: published.id });
		expect(b.themes.map((t) => [t.key, t.name, t.requirements.map((r) => [r.key, r.number, r.text])])).toEqual(
			a.themes.map((t) => [t.key, t.name, t.requirements.map((r) => [r.key, r.number, r.text])])
		);
		expect(domainCode(() => createDraft(db, actor, published.id, '2027'))).toBe('error.framework.draftExists');
		expect(domainCode(() => createDraft(db, actor, draft.id, '2027'))).toBe('error.framework.draftFromDraft');
		expect(suggestLabel(db, published.frameworkId, new Date('2026-03-01'))).toBe('2026-2');
	});

	it('refuses a label that is taken', async () => {
		const { db, actor, published } = await world();
		expect(problems(() => createDraft(db, actor, published.id, '2019'))[0]).toMatchObject({
			path: ['label'],
			code: 'error.framework.labelTaken'
		});
	});
});

describe('editing a draft', () => {
	it('adds, edits, moves and deletes requirements, keeping positions contiguous and auditing each change', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		let v = getVersion(db, draft.id)!;
		const [veiligheid, doelmatigheid] = v.themes;
		const added = addRequirement(db, actor, veiligheid!.id, {
			number: '19',
			text: '  Cliënten kunnen\r\nveilig melden.  ',
			addressees: ['provider', 'municipality']
		});
		expect(added).toMatchObject({ text: 'Cliënten kunnen\nveilig melden.', position: 18, provenance: { kind: 'manual' } });

		const first = veiligheid!.requirements[0]!;
		const edited = updateRequirement(db, actor, first.id, first.revision, { ...first, text: 'Nieuwe tekst over de meldcode.' });
		expect(edited.revision).toBe(first.revision + 1);

		moveRequirement(db, actor, added.id, added.revision, { position: 0 });
		v = getVersion(db, draft.id)!;
		expect(v.themes[0]!.requirements.map((r) => r.number).slice(0, 3)).toEqual(['19', '1', '2']);
		expect(v.themes[0]!.requirements.map((r) => r.position)).toEqual([...Array(19).keys()]);

		const moved = v.themes[0]!.requirements[0]!;
		moveRequirement(db, actor, moved.id, moved.revision, { themeId: doelmatigheid!.id, position: 6 });
		v = getVersion(db, draft.id)!;
		expect(v.themes[0]!.requirements).toHaveLength(18);
		expect(v.themes[1]!.requirements.map((r) => r.number)).toEqual(['1', '2', '3', '4', '5', '6', '19']);

		const second = v.themes[0]!.requirements[1]!;
		deleteRequirement(db, actor, second.id, second.revision);
		v = getVersion(db, draft.id)!;
		expect(v.themes[0]!.requirements.map((r) => r.position)).toEqual([...Array(17).keys()]);
		expect(v.themes[0]!.requirements.map((r) => r.number)).not.toContain('2');

		const actions = db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.actorId, actor.id!))
			.all()
			.map((a) => a.action);
		expect(actions).toEqual([
			'framework.draft.create',
			'framework.requirement.create',
			'framework.requirement.update',
			'framework.requirement.move',
			'framework.requirement.move',
			'framework.requirement.delete'
		]);
	});

	it('stores residentialOnly: false unless given, true when given, and copies it into a new draft', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const v = getVersion(db, draft.id)!;
		expect(v.themes[4]!.requirements.map((r) => r.applicability.residentialOnly)).toEqual([true, true]);
		const theme = v.themes[0]!;
		const plain = addRequirement(db, actor, theme.id, { number: '19', text: 'Zonder vlag.' });
		expect(plain.applicability).toEqual({
			professional: 'unspecified',
			informal: 'unspecified',
			exceptions: null,
			conditions: null,
			residentialOnly: false,
			rules: []
		});
		const flagged = addRequirement(db, actor, theme.id, { number: '20', text: 'Met vlag.', applicability: { residentialOnly: true } });
		expect(flagged.applicability.residentialOnly).toBe(true);
		const cleared = updateRequirement(db, actor, flagged.id, flagged.revision, {
			...flagged,
			applicability: { ...flagged.applicability, residentialOnly: false }
		});
		expect(cleared.applicability.residentialOnly).toBe(false);
		expect(getVersion(db, draft.id)!.themes[0]!.requirements.find((r) => r.id === flagged.id)!.applicability.residentialOnly).toBe(false);
		expect(
			problems(() => addRequirement(db, actor, theme.id, { text: 'x', applicability: { residentialOnly: 'ja' as never } })).map(
				(p) => p.path
			)
		).toEqual([['applicability', 'residentialOnly']]);
	});

	it('reads the check box of the draft editor: checked is true, absent (unchecked, also without JavaScript) is false', () => {
		const form = (entries: [string, string][]) => {
			const data = new FormData();
			for (const [name, value] of entries) data.append(name, value);
			return requirementForm(data);
		};
		const checked = form([
			['text', 'Eis'],
			['addressees', 'provider'],
			['residentialOnly', 'yes']
		]);
		expect(checked.input.applicability).toMatchObject({ residentialOnly: true });
		expect(checked.values.residentialOnly).toBe('yes');
		const unchecked = form([
			['text', 'Eis'],
			['addressees', 'provider']
		]);
		expect(unchecked.input.applicability).toMatchObject({ residentialOnly: false });
		expect(unchecked.values.residentialOnly).toBe('no');
		// The saved value as the form shows it again.
		const saved = { number: null, text: 'Eis', addressees: ['provider'], level: null, testMethod: null, evidence: null, note: null };
		expect(
			requirementValues({
				...saved,
				applicability: { professional: 'yes', informal: 'no', exceptions: null, conditions: null, residentialOnly: true }
			}).residentialOnly
		).toBe('yes');
		expect(
			requirementValues({
				...saved,
				applicability: { professional: 'yes', informal: 'no', exceptions: null, conditions: null, residentialOnly: false }
			}).residentialOnly
		).toBe('no');
	});

	it('refuses a duplicate number in a theme, also when moving into it', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const [veiligheid, doelmatigheid] = getVersion(db, draft.id)!.themes;
		expect(problems(() => addRequirement(db, actor, veiligheid!.id, { number: '3', text: 'Dubbel' }))).toEqual([
			{ path: ['number'], code: 'error.framework.duplicateNumber', params: { number: '3' } }
		]);
		// The same number written otherwise is the same number; the message names the one that exists.
		for (const written of ['03', '3.', ' 3 '])
			expect(problems(() => addRequirement(db, actor, veiligheid!.id, { number: written, text: 'Dubbel' }))).toEqual([
				{ path: ['number'], code: 'error.framework.duplicateNumber', params: { number: '3' } }
			]);
		const fourA = addRequirement(db, actor, veiligheid!.id, { number: '40a', text: 'Nieuw' });
		expect(problems(() => addRequirement(db, actor, veiligheid!.id, { number: '40A', text: 'Dubbel' }))[0]!.code).toBe(
			'error.framework.duplicateNumber'
		);
		expect(addRequirement(db, actor, veiligheid!.id, { number: '40.1', text: 'Een sub-eis' }).number).toBe('40.1');
		for (const noNumber of ['.', '..'])
			expect(problems(() => addRequirement(db, actor, veiligheid!.id, { number: noNumber, text: 'Geen nummer' }))[0]!.path).toEqual([
				'number'
			]);
		updateRequirement(db, actor, fourA.id, fourA.revision, { ...fourA, number: '40A' });
		const r = veiligheid!.requirements[0]!;
		// The message names the theme it would move into ("dit thema" would be the wrong one).
		expect(problems(() => moveRequirement(db, actor, r.id, r.revision, { themeId: doelmatigheid!.id, position: 0 }))[0]).toMatchObject({
			code: 'error.framework.duplicateNumberIn',
			params: { theme: doelmatigheid!.name }
		});
		expect(getVersion(db, draft.id)!.themes[0]!.requirements[0]!.themeId).toBe(veiligheid!.id);
	});

	it('refuses overlong and empty texts with the field that is wrong', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const theme = getVersion(db, draft.id)!.themes[0]!;
		expect(problems(() => addRequirement(db, actor, theme.id, { text: 'x'.repeat(2001) }))).toEqual([
			{ path: ['text'], code: 'error.field.tooLong', params: { max: 2000 } }
		]);
		expect(problems(() => updateTheme(db, actor, theme.id, theme.revision, { name: '   ' }))).toEqual([
			{ path: ['name'], code: 'error.field.required', params: {} }
		]);
		expect(problems(() => addRequirement(db, actor, theme.id, { text: 'ok', addressees: [], level: 'hoog' as never }))).toEqual([
			{ path: ['addressees'], code: 'error.field.chooseOne', params: {} },
			{ path: ['level'], code: 'error.field.invalidChoice', params: {} }
		]);
	});

	it('lets a pair saved before numbers were compared as numbers be edited, but not published', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const theme = getVersion(db, draft.id)!.themes[0]!;
		const [first, second] = theme.requirements;
		// As data from before: "1" and "01" in one theme.
		db.update(frameworkRequirements).set({ number: '01' }).where(eq(frameworkRequirements.id, second!.id)).run();
		const legacy = getVersion(db, draft.id)!.themes[0]!.requirements[1]!;
		expect(updateRequirement(db, actor, legacy.id, legacy.revision, { ...legacy, text: 'Alleen de tekst veranderd.' }).text).toBe(
			'Alleen de tekst veranderd.'
		);
		const v = getVersion(db, draft.id)!;
		let refusal: DomainError | undefined;
		try {
			publishVersion(db, actor, draft.id, v.version.revision, { changeSummary: 'x' });
		} catch (e) {
			refusal = e as DomainError;
		}
		expect([refusal?.code, refusal?.params]).toEqual([
			'error.framework.duplicateNumberPublish',
			{ theme: theme.name, number: first!.number, other: '01' }
		]);
		expect(getVersion(db, draft.id)!.version.status).toBe('draft');
	});

	it('detects a concurrent edit instead of overwriting it', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const r = getVersion(db, draft.id)!.themes[0]!.requirements[0]!;
		updateRequirement(db, actor, r.id, r.revision, { ...r, text: 'Versie van Karin.' });
		expect(domainCode(() => updateRequirement(db, actor, r.id, r.revision, { ...r, text: 'Versie van Piet.' }))).toBe(
			'error.framework.conflict'
		);
		expect(domainCode(() => deleteRequirement(db, actor, r.id, r.revision))).toBe('error.framework.conflict');
		expect(getVersion(db, draft.id)!.themes[0]!.requirements[0]!.text).toBe('Versie van Karin.');
		const stale = getVersion(db, draft.id)!.version.revision - 1;
		expect(domainCode(() => publishVersion(db, actor, draft.id, stale, { changeSummary: 'x' }))).toBe('error.framework.conflict');
	});

	it('does not delete a theme whose requirements changed since the question was asked', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const seen = getVersion(db, draft.id)!.themes[0]!;
		const shown = seen.requirements.map((r) => r.id);
		const added = addRequirement(db, actor, seen.id, { text: 'Nieuwe eis van een collega.' });
		expect(domainCode(() => deleteTheme(db, actor, seen.id, seen.revision, shown))).toBe('error.framework.themeRequirementsChanged');
		expect(getVersion(db, draft.id)!.themes[0]!.requirements.map((r) => r.id)).toContain(added.id);
		deleteTheme(db, actor, seen.id, seen.revision, [...shown, added.id]);
		expect(getVersion(db, draft.id)!.themes.map((t) => t.id)).not.toContain(seen.id);
	});

	it('adds, reorders and deletes themes', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const theme = addTheme(db, actor, draft.id, { name: 'Regie van de cliënt', testQuestion: 'Heeft de cliënt de regie?' });
		expect(theme.position).toBe(5);
		moveTheme(db, actor, theme.id, theme.revision, 0);
		addRequirement(db, actor, theme.id, { number: '1', text: 'De cliënt stelt het plan mee op.' });
		let v = getVersion(db, draft.id)!;
		expect(v.themes.map((t) => t.name)).toEqual([
			'Regie van de cliënt',
			'Veiligheid',
			'Doelmatigheid',
			'Doeltreffendheid',
			'Clientgerichtheid',
			'Leefklimaat'
		]);
		const leef = v.themes[5]!;
		deleteTheme(db, actor, leef.id, leef.revision);
		v = getVersion(db, draft.id)!;
		expect(v.themes.map((t) => t.position)).toEqual([0, 1, 2, 3, 4]);
		expect(db.select().from(frameworkRequirements).where(eq(frameworkRequirements.themeId, leef.id)).all()).toEqual([]);
	});
});

describe('publishing', () => {
	it('publishes with author and summary; afterwards nothing in the version can change', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const v = getVersion(db, draft.id)!;
		const done = publishVersion(db, actor, draft.id, v.version.revision, { changeSummary: 'Eis over melden toegevoegd.' });
		expect(done).toMatchObject({ status: 'published', publishedBy: 'Karin Manager', changeSummary: 'Eis over melden toegevoegd.' });
		expect(done.publishedAt).not.toBeNull();
		const r = v.themes[0]!.requirements[0]!;
		expect(domainCode(() => updateRequirement(db, actor, r.id, r.revision, { ...r, text: 'Anders' }))).toBe('error.framework.published');
		expect(domainCode(() => addTheme(db, actor, draft.id, { name: 'Nieuw' }))).toBe('error.framework.published');
		expect(domainCode(() => deleteDraft(db, actor, draft.id, done.revision))).toBe('error.framework.published');
		// The database refuses too, whatever code path tries.
		expect(() => db.update(frameworkRequirements).set({ text: 'stiekem' }).where(eq(frameworkRequirements.id, r.id)).run()).toThrow(
			/immutable/
		);
		expect(() => db.delete(frameworkVersions).where(eq(frameworkVersions.id, draft.id)).run()).toThrow(/immutable/);
		expect(() => db.delete(frameworks).run()).toThrow(/immutable/);
	});

	it('refuses an empty draft and a missing change summary', async () => {
		const { db, actor } = await world();
		const { draft } = createFramework(db, actor, { name: 'Lokaal kwaliteitskader Wmo Assen' });
		expect(domainCode(() => publishVersion(db, actor, draft.id, draft.revision, { changeSummary: 'Eerste versie' }))).toBe(
			'error.framework.emptyDraft'
		);
		const theme = addTheme(db, actor, draft.id, { name: 'Bejegening' });
		const revision = getVersion(db, draft.id)!.version.revision;
		expect(domainCode(() => publishVersion(db, actor, draft.id, revision, { changeSummary: 'Eerste versie' }))).toBe(
			'error.framework.emptyDraft'
		);
		addRequirement(db, actor, theme.id, { text: 'Medewerkers luisteren.' });
		expect(problems(() => publishVersion(db, actor, draft.id, revision + 1, { changeSummary: ' ' }))[0]!.path).toEqual(['changeSummary']);
		expect(publishVersion(db, actor, draft.id, revision + 1, { changeSummary: 'Eerste versie' }).status).toBe('published');
	});
});

describe('comparing versions', () => {
	it('reports added, removed and changed requirements and themes field by field', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const v = getVersion(db, draft.id)!;
		const [veiligheid, doelmatigheid] = v.themes;
		const r1 = veiligheid!.requirements[0]!;
		updateRequirement(db, actor, r1.id, r1.revision, {
			...r1,
			text: r1.text + ' en evalueert deze jaarlijks.',
			applicability: { ...r1.applicability, informal: 'no' }
		});
		const r2 = veiligheid!.requirements[1]!;
		deleteRequirement(db, actor, r2.id, r2.revision);
		const r3 = veiligheid!.requirements[2]!;
		const renumbered = updateRequirement(db, actor, r3.id, r3.revision, { ...r3, number: '3a' });
		moveRequirement(db, actor, r3.id, renumbered.revision, { themeId: doelmatigheid!.id, position: 0 });
		const added = addRequirement(db, actor, doelmatigheid!.id, { number: '7', text: 'Nieuwe eis.' });
		updateTheme(db, actor, doelmatigheid!.id, doelmatigheid!.revision, { ...doelmatigheid!, testQuestion: 'Is de hulp doelmatig?' });

		const diff = compareVersions(db, published.id, draft.id);
		expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 3 });
		expect(diff.themes).toEqual([
			{
				key: 'doelmatigheid',
				kind: 'changed',
				name: 'Doelmatigheid',
				changes: [{ field: 'testQuestion', before: null, after: 'Is de hulp doelmatig?' }]
			}
		]);
		const byKey = new Map(diff.requirements.map((r) => [r.key, r]));
		expect(byKey.get(added.key)).toMatchObject({ kind: 'added', themeName: 'Doelmatigheid', number: '7' });
		expect(byKey.get(r2.key)).toMatchObject({ kind: 'removed', themeName: 'Veiligheid' });
		expect(byKey.get(r1.key)!.changes.map((c) => c.field)).toEqual(['text', 'informal']);
		expect(byKey.get(r3.key)!.changes).toEqual([
			{ field: 'theme', before: 'Veiligheid', after: 'Doelmatigheid' },
			{ field: 'number', before: '3', after: '3a' }
		]);
		// Reordering alone is not a change; comparing a version with itself gives nothing.
		expect(compareVersions(db, published.id, published.id).counts).toEqual({ added: 0, removed: 0, changed: 0 });
	});

	it('reports a change of residentialOnly as a field change from yes to no and back', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const v = getVersion(db, draft.id)!;
		const leef = v.themes[4]!.requirements[0]!;
		updateRequirement(db, actor, leef.id, leef.revision, { ...leef, applicability: { ...leef.applicability, residentialOnly: false } });
		const veilig = v.themes[0]!.requirements[0]!;
		updateRequirement(db, actor, veilig.id, veilig.revision, {
			...veilig,
			applicability: { ...veilig.applicability, residentialOnly: true }
		});
		const diff = compareVersions(db, published.id, draft.id);
		expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 2 });
		const byKey = new Map(diff.requirements.map((r) => [r.key, r]));
		expect(byKey.get('leefklimaat-1')!.changes).toEqual([{ field: 'residentialOnly', before: 'yes', after: 'no' }]);
		expect(byKey.get('veiligheid-1')!.changes).toEqual([{ field: 'residentialOnly', before: 'no', after: 'yes' }]);
	});

	it('reports a change of the exceptions as data (rules), not a change of their order', async () => {
		const { db, actor, published } = await world();
		const draft = createDraft(db, actor, published.id, '2026');
		const all = getVersion(db, draft.id)!.themes.flatMap((t) => t.requirements);
		const withRules = all.find((r) => (r.applicability.rules ?? []).length > 0)!;
		const rules = withRules.applicability.rules!;
		const plain = all.find((r) => (r.applicability.rules ?? []).length === 0 && r.applicability.informal !== 'no')!;
		// The same rules in another order, with their lists turned round: no change.
		const turned = [...rules].reverse().map((r) => ('fundings' in r ? { ...r, fundings: [...r.fundings].reverse() } : r));
		updateRequirement(db, actor, withRules.id, withRules.revision, {
			...withRules,
			applicability: { ...withRules.applicability, rules: turned }
		});
		expect(compareVersions(db, published.id, draft.id).counts).toEqual({ added: 0, removed: 0, changed: 0 });
		updateRequirement(db, actor, plain.id, plain.revision, {
			...plain,
			applicability: {
				...plain.applicability,
				rules: [{ kind: 'not_for_funding', fundings: ['pgb_informal', 'zin'] }, { kind: 'where_relevant' }]
			}
		});
		const diff = compareVersions(db, published.id, draft.id);
		expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 1 });
		const change = diff.requirements[0]!.changes;
		expect(change).toEqual([{ field: 'rules', before: null, after: 'not_for_funding: zin, pgb_informal\nwhere_relevant' }]);
		const t = (key: MessageKey, params?: Params) => translate('nl', key, params);
		expect(fieldLabel(t, 'rules')).toBe('Voor welke aanbieders de eis geldt');
		expect(diffValue(t, 'rules', change[0]!.after)).toBe(
			'Geldt niet bij zorg in natura (ZIN) of PGB voor een naaste.\nGeldt alleen waar het speelt: de toetser kijkt of de eis bij deze aanbieder aan de orde is.'
		);
	});

	it('says in one sentence that a file is not a framework, or of another format version', () => {
		for (const input of [null, 42, 'tekst', [], {}, { format: 'iets anders', themes: [] }])
			expect(domainCode(() => parseExchange(input))).toBe('error.import.notFramework');
		let error: DomainError | undefined;
		try {
			parseExchange({ format: 'kwaliteitsdialoog/framework-version', formatVersion: 2 });
		} catch (e) {
			error = e as DomainError;
		}
		expect([error?.code, error?.params]).toEqual(['error.import.formatVersion', { version: '2', supported: 1 }]);
		expect(translate('nl', 'error.import.formatVersion', error!.params)).toBe(
			'Dit bestand heeft versie 2 van het bestandsformaat. Deze app leest versie 1. Er is niets veranderd.'
		);
	});

	it('only compares versions of one framework', async () => {
		const { db, published } = await world();
		const movisie = listFrameworks(db).find((f) => f.slug === 'movisie-kwaliteitsthemas')!.versions[0]!;
		expect(domainCode(() => compareVersions(db, published.id, movisie.id))).toBe('error.compare.otherFramework');
	});
});

describe('export and import', () => {
	it('round-trips a version through JSON without losing anything', async () => {
		const { db, actor, published } = await world();
		const file = exportVersion(db, published.id);
		const copy = JSON.parse(JSON.stringify({ ...file, framework: { ...file.framework, slug: 'drents-kopie' } }));
		const result = importVersion(db, actor, copy);
		expect(result).toMatchObject({ createdFramework: true, version: { status: 'draft', label: '2019' } });
		const again = exportVersion(db, result.version.id);
		expect(again.themes).toEqual(file.themes);
		expect(again.framework).toEqual({ ...file.framework, slug: 'drents-kopie' });
		expect(again.version).toMatchObject({ label: '2019', note: file.version.note, status: 'draft' });
		// The residentialOnly flag is in the file and survives the trip.
		const flagged = (f: typeof file) =>
			f.themes.flatMap((t) => t.requirements.filter((r) => r.applicability.residentialOnly).map((r) => r.key));
		expect(flagged(file)).toEqual(['leefklimaat-1', 'leefklimaat-2']);
		expect(flagged(again)).toEqual(['leefklimaat-1', 'leefklimaat-2']);
		expect(copy.themes[0].requirements[0].applicability.residentialOnly).toBe(false);
	});

	it('imports an older file without residentialOnly as false everywhere', async () => {
		const { db, actor, published } = await world();
		const old = JSON.parse(JSON.stringify(exportVersion(db, published.id)));
		old.framework.slug = 'drents-oud';
		for (const theme of old.themes) for (const r of theme.requirements) delete r.applicability.residentialOnly;
		expect(JSON.stringify(old)).not.toContain('"residentialOnly":');
		const result = importVersion(db, actor, old);
		const requirements = getVersion(db, result.version.id)!.themes.flatMap((t) => t.requirements);
		expect(requirements).toHaveLength(44);
		expect(requirements.every((r) => r.applicability.residentialOnly === false)).toBe(true);
		// Requirements without any applicability get the full default too.
		delete old.themes[0].requirements[0].applicability;
		expect(parseExchange(old).themes[0]!.requirements[0]!.applicability).toEqual({
			professional: 'unspecified',
			informal: 'unspecified',
			exceptions: null,
			conditions: null,
			residentialOnly: false
		});
	});

	it('imports into an existing framework as a new draft, under another label', async () => {
		const { db, actor, published } = await world();
		const file = exportVersion(db, published.id);
		expect(problems(() => importVersion(db, actor, file))[0]).toMatchObject({
			path: ['version', 'label'],
			code: 'error.framework.labelTaken'
		});
		const result = importVersion(db, actor, file, { label: '2019-kopie' });
		expect(result).toMatchObject({
			createdFramework: false,
			frameworkId: published.frameworkId,
			version: { label: '2019-kopie', status: 'draft' }
		});
		expect(compareVersions(db, published.id, result.version.id).counts).toEqual({ added: 0, removed: 0, changed: 0 });
	});

	it('lists every problem of a bad file with its location and loads nothing', async () => {
		const { db, actor, published } = await world();
		const file = JSON.parse(JSON.stringify(exportVersion(db, published.id)));
		file.framework.slug = 'nieuw-kader';
		file.themes[1].requirements[2].number = '1';
		file.themes[0].requirements[4].text = '';
		file.themes[3].requirements[0].applicability.professional = 'misschien';
		file.themes[2].key = file.themes[0].key;
		const before = db.select().from(frameworkRequirements).all().length;
		let error: ValidationError | undefined;
		try {
			importVersion(db, actor, file);
		} catch (e) {
			error = e as ValidationError;
		}
		expect(error).toBeInstanceOf(ValidationError);
		expect(error!.status).toBe(422);
		const shape = error!.problems.map((p) => [p.path.join('.'), p.code]);
		expect(shape).toEqual([
			['themes.0.requirements.4.text', 'error.field.required'],
			['themes.3.requirements.0.applicability.professional', 'error.field.invalidChoice']
		]);
		expect(describeLocation('nl', error!.problems[0]!.path, file)).toBe('Thema 1 (Veiligheid), eis 5 (nummer 5), Eis');
		// Once the shape is right, the cross-checks speak.
		file.themes[0].requirements[4].text = 'Tekst';
		file.themes[3].requirements[0].applicability.professional = 'yes';
		const second = problems(() => importVersion(db, actor, file)).map((p) => [p.path.join('.'), p.code]);
		expect(second).toEqual([
			['themes.1.requirements.2.number', 'error.framework.duplicateNumber'],
			['themes.2.key', 'error.import.duplicateKey']
		]);
		expect(db.select().from(frameworkRequirements).all()).toHaveLength(before);
		expect(db.select().from(frameworks).where(eq(frameworks.slug, 'nieuw-kader')).get()).toBeUndefined();
	});

	it('refuses a requirement that does not say whom it addresses, naming it, and loads nothing', async () => {
		const { db, actor, published } = await world();
		const file = JSON.parse(JSON.stringify(exportVersion(db, published.id)));
		file.framework.slug = 'zonder-gericht-aan';
		delete file.themes[1].requirements[0].addressees;
		const found = problems(() => importVersion(db, actor, file));
		expect(found).toEqual([
			{
				path: ['themes', 1, 'requirements', 0, 'addressees'],
				code: 'error.import.addresseeMissing',
				params: { requirement: `${file.themes[1].name} ${file.themes[1].requirements[0].number}` }
			}
		]);
		expect(db.select().from(frameworks).where(eq(frameworks.slug, 'zonder-gericht-aan')).get()).toBeUndefined();
		// With it, the same file loads.
		file.themes[1].requirements[0].addressees = ['provider'];
		expect(importVersion(db, actor, file).createdFramework).toBe(true);
	});

	it('refuses files that are not the exchange format with one sentence, not a list of fields', () => {
		expect(domainCode(() => parseExchange({ hallo: 1 }))).toBe('error.import.notFramework');
		// The right format with fields missing: then every problem, with its place.
		expect(
			problems(() => parseExchange({ format: 'kwaliteitsdialoog/framework-version', formatVersion: 1 })).map((p) => p.path.join('.'))
		).toEqual(['framework', 'version', 'themes']);
	});

	it('exports CSV for spreadsheets: one row per requirement, quoted where needed, no formulas', async () => {
		const { db, actor, published } = await world();
		const csv = exportCsv(db, published.id, 'nl');
		expect(csv.startsWith('\uFEFFThema;Nummer;Eis;Gericht aan;')).toBe(true);
		const records = csv.slice(1).split('\r\n').filter(Boolean);
		expect(records[1]).toMatch(/^Veiligheid;1;De aanbieder heeft de Meldcode huiselijk geweld en kindermishandeling geïmplementeerd/);
		// 44 requirements plus the header; multi-line cells are quoted, so count record starts.
		expect(csv.match(/\r\n(Veiligheid|Doelmatigheid|Doeltreffendheid|Clientgerichtheid|Leefklimaat);\d+;/g)).toHaveLength(44);
		// "Alleen bij verblijf" right after "Voorwaarden", as Ja or Nee.
		expect(records[0]).toContain(';Uitzonderingen;Voorwaarden;Alleen bij verblijf;Herkomst;');
		expect(
			records
				.filter((r) => r.startsWith('Leefklimaat;'))
				.map((r) => r.includes(';behalve gezaghebbende ouder;bij verblijf;Ja;Drents kwaliteitskader 2019'))
		).toEqual([true, true]);
		expect(records[1]).toMatch(/;behalve gezaghebbende ouder;;Nee;Drents kwaliteitskader 2019, /);
		expect(exportCsv(db, published.id, 'en').split('\r\n')[0]).toContain(';Conditions;Residential only;');
		const draft = createDraft(db, actor, published.id, '2026');
		const theme = getVersion(db, draft.id)!.themes[0]!;
		addRequirement(db, actor, theme.id, { number: '99', text: '=HYPERLINK("http://x")', evidence: '- gewone opsomming' });
		const line = exportCsv(db, draft.id, 'nl')
			.split('\r\n')
			.find((l) => l.includes('HYPERLINK'))!;
		expect(line).toContain(`;"'=HYPERLINK(""http://x"")";`);
		expect(line).toContain(";'- gewone opsomming;");
	});

	it('leaves control characters and direction overrides out of every CSV cell', () => {
		// A NUL ends a cell early in some spreadsheets; an override makes a criterion read backwards.
		expect(csvCell('De cliënt \u202etnejilc\u202c krijgt \u0000hulp\u0007\u001b[31m')).toBe('De cliënt tnejilc krijgt hulp[31m');
		expect(csvCell('\u202e=1+1')).toBe(`'=1+1`);
		expect(csvCell('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
	});
});

describe('search', () => {
	it('finds requirement texts regardless of case and diacritics, in current versions by default', async () => {
		const { db, actor, published } = await world();
		const hits = searchRequirements(db, 'CLIENT klachten');
		expect(hits.length).toBeGreaterThan(0);
		expect(hits.every((h) => h.version.id === published.id)).toBe(true);
		expect(hits.map((h) => `${h.theme.name} ${h.requirement.number}`)).toContain('Clientgerichtheid 10');

		createDraft(db, actor, published.id, '2026');
		const withDraft = searchRequirements(db, 'meldcode');
		expect(new Set(withDraft.map((h) => h.version.label))).toEqual(new Set(['2019', '2026']));
		expect(searchRequirements(db, 'integraal', { frameworkId: published.frameworkId })).toEqual(
			searchRequirements(db, 'integraal').filter((h) => h.framework.id === published.frameworkId)
		);
		expect(searchRequirements(db, '%')).toEqual([]);
		expect(searchRequirements(db, '   ')).toEqual([]);
	});
});

describe('problem locations', () => {
	it('names every kind of path in words, also unknown fields and list positions', () => {
		const file = { themes: [{ name: 'Veiligheid', requirements: [{ number: '4' }] }] };
		expect(describeLocation('nl', ['themes', 0, 'requirements', 0, 'addressees', 1], file)).toBe(
			'Thema 1 (Veiligheid), eis 1 (nummer 4), Gericht aan 2'
		);
		expect(describeLocation('nl', ['themes', 0, 'requirements', 0, 'applicability', 'informal'], file)).toBe(
			'Thema 1 (Veiligheid), eis 1 (nummer 4), PGB naaste'
		);
		expect(describeLocation('nl', ['themes', 0, 'requirements', 0, 'applicability', 'residentialOnly'], file)).toBe(
			'Thema 1 (Veiligheid), eis 1 (nummer 4), Alleen bij verblijf'
		);
		expect(describeLocation('nl', ['themes', 0, 'requirements', 0, 'provenance', 'kind'], file)).toBe(
			'Thema 1 (Veiligheid), eis 1 (nummer 4), provenance.kind'
		);
		expect(describeLocation('en', ['version', 'label'])).toBe('Version, Version');
		expect(describeLocation('nl', [])).toBe('Het bestand');
	});
});
