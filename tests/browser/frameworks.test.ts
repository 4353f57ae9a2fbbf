/**
 * Quality frameworks (kwaliteitskaders) in a real browser: browsing the seed frameworks,
 * searching, editing a draft, comparing, publishing, the public page, an import, a conflict
 * between two editors and the limits for a facilitator. Every page visited passes axe-core.
 *
 * The tests run in order and share the server: the draft made in "edit draft" is compared and
 * published by the tests after it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { themeAnchor } from '../../src/lib/shared/frameworks';
import { PLAIN_THEME_TEXTS } from '../../src/lib/shared/theme-texts';
import { SYSTEM } from '../../src/lib/server/audit';
import { exportVersion } from '../../src/lib/server/frameworks/exchange';
import {
	addRequirement,
	createDraft,
	getVersion,
	latestPublishedBySlug,
	listFrameworks,
	type FrameworkOverview
} from '../../src/lib/server/frameworks/store';
import { clickAndWait, expectNoAxeViolations, followLink, shortHands, staffAccount, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const PASSWORD = 'een lang wachtwoord voor kaders';

const { db, url, path, h1 } = shortHands(world);
const framework = (slug: string): FrameworkOverview => listFrameworks(db()).find((f) => f.slug === slug)!;
const drents = () => framework('drents-kwaliteitskader');
const movisie = () => framework('movisie-kwaliteitsthemas');
const published = (f: FrameworkOverview) => f.versions.find((v) => v.status === 'published')!;
const draftOf = (f: FrameworkOverview) => f.versions.find((v) => v.status === 'draft');
const editUrl = (f: FrameworkOverview, versionId: number) => url(`/frameworks/${f.id}/versions/${versionId}/edit`);
const item = (key: string, page: Page = world.page) => page.locator(`li#eis-${key}`);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The accessible name of a control with visually hidden context, e.g. "Bewerken" + ": Eis 1".
 * Chromium puts a space around the hidden (absolutely positioned) part, so spacing is loose.
 */
const named = (visible: string, hidden: string) => new RegExp(`^${escape(visible)}\\s*${escape(hidden).replace(/^([:,])\s*/, '$1\\s*')}$`);

const manager = staffAccount(world, { email: 'km@gemeente.test', name: 'Karin Kwaliteit', roles: ['quality_manager'] }, PASSWORD);
const facilitator = staffAccount(world, { email: 'gl@gemeente.test', name: 'Gijs Gespreksleider', roles: ['facilitator'] }, PASSWORD);
const asManager = (page?: Page) => manager.login(page);
const asFacilitator = (page?: Page) => facilitator.login(page);

/** Submits a form that is enhanced (no page load) and waits for the confirmation or error it leads to. */
async function submitAndWaitFor(page: Page, button: ReturnType<Page['locator']>, outcome: ReturnType<Page['locator']>) {
	await button.click();
	await outcome.waitFor();
}

/**
 * After a refusal the page's data is reloaded (a conflict shows what is saved now), then the
 * alert shows and focus moves to the error summary last: wait for that.
 */
async function refusalHandled(page: Page) {
	await expect
		.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary') ?? false), { timeout: 15_000 })
		.toBe(true);
}

/** On a version page: the answer to "only where clients stay" of a requirement, shown only when it does. */
const residentialDetail = (key: string, page: Page = world.page) =>
	page
		.locator(`#eis-${key} dl > div`)
		.filter({ has: page.locator('dt', { hasText: nl('framework.field.residentialOnly') }) })
		.locator('dd');

/** On a version page: the exceptions as data of a requirement, as sentences; shown only when it has any. */
const rulesDetail = (key: string, page: Page = world.page) =>
	page
		.locator(`#eis-${key} dl > div`)
		.filter({ has: page.locator('dt', { hasText: nl('framework.field.rules') }) })
		.locator('dd');

/** The id of a requirement of the Drents draft, by key. */
function draftRequirementId(key: string): number {
	const draft = getVersion(db(), draftOf(drents())!.id)!;
	return draft.themes.flatMap((t) => t.requirements).find((r) => r.key === key)!.id;
}

/** The MOVISIE draft, made through the domain when a test needs one. */
function movisieDraftId(): number {
	const existing = draftOf(movisie());
	if (existing) return existing.id;
	return createDraft(db(), SYSTEM, published(movisie()).id, 'werkversie').id;
}

describe('browsing', () => {
	it('lists both seed frameworks, searches, and shows the Drents 2019 version as a document', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url('/frameworks'));
		expect(await h1()).toBe(nl('frameworks.title'));
		expect(await page.title()).toContain(nl('frameworks.title'));
		expect(await page.getByRole('heading', { level: 2, name: 'Drents kwaliteitskader' }).count()).toBe(1);
		expect(await page.getByRole('heading', { level: 2, name: "Kwaliteitsthema's vanuit cliëntperspectief (MOVISIE)" }).count()).toBe(1);
		expect(
			await page
				.getByRole('navigation', { name: nl('layout.nav') })
				.getByRole('link', { name: nl('layout.frameworks') })
				.getAttribute('aria-current')
		).toBe('page');
		await expectNoAxeViolations(page);

		// Search from the list: words are marked and link to the requirement in the document.
		await page.getByRole('searchbox', { name: nl('frameworks.search.label') }).fill('meldcode');
		await clickAndWait(page, page.getByRole('button', { name: nl('frameworks.search.submit') }));
		expect(path()).toBe('/frameworks/search');
		const hit = page
			.locator('.kd-result')
			.filter({ has: page.locator('mark') })
			.first();
		expect((await hit.locator('mark').first().textContent())?.toLowerCase()).toBe('meldcode');
		expect(await hit.getByRole('link').getAttribute('href')).toBe(
			`/frameworks/${drents().id}/versions/${published(drents()).id}#eis-veiligheid-1`
		);
		await expectNoAxeViolations(page);

		// The version document: 5 themes, 44 requirements, Veiligheid 1 with its fields.
		await page.goto(url('/frameworks'));
		await followLink(page, page.getByRole('link', { name: named('Versie 2019', ', Drents kwaliteitskader') }));
		expect(path()).toBe(`/frameworks/${drents().id}/versions/${published(drents()).id}`);
		expect(await h1()).toBe(nl('version.title', { framework: 'Drents kwaliteitskader', label: '2019' }));
		expect(await page.locator('article.kd-requirement').count()).toBe(44);
		expect(
			await page
				.getByRole('navigation', { name: nl('version.contents') })
				.getByRole('link')
				.count()
		).toBe(5);
		const first = page.locator('#eis-veiligheid-1');
		expect(await first.getByRole('heading', { level: 3 }).textContent()).toBe(nl('version.requirement', { number: '1' }));
		expect(await first.textContent()).toContain('De aanbieder heeft de Meldcode huiselijk geweld en kindermishandeling geïmplementeerd');
		expect(await first.textContent()).toContain('behalve gezaghebbende ouder');
		expect(await residentialDetail('veiligheid-1').count()).toBe(0);
		// Which providers a requirement applies to in an assessment (the exceptions as data), in words.
		expect(await rulesDetail('veiligheid-1').textContent()).toBe(nl('framework.exception.not_for_guardian_parent'));
		expect(await rulesDetail('doeltreffendheid-5').textContent()).toBe(
			nl('framework.exception.not_for_funding', {
				fundings: `${nl('assessments.report.funding.pgb_professional')} ${nl('framework.exception.or')} ${nl('assessments.report.funding.pgb_informal')}`
			})
		);
		expect(await rulesDetail('veiligheid-3').count()).toBe(0);
		// Leefklimaat: the source says "bij verblijf", and its rule says verblijf or day care. The
		// flag does not contradict the rule: it points to it, as an assessment follows the rule.
		for (const key of ['leefklimaat-1', 'leefklimaat-2']) {
			expect(await rulesDetail(key).textContent()).toContain(nl('assessments.setting.day_care'));
			expect(await residentialDetail(key).textContent()).toBe(nl('version.residentialOnlyRuled'));
		}
		expect(await page.getByRole('link', { name: nl('version.edit') }).count()).toBe(0);
		expect(await page.getByRole('link', { name: nl('version.exportCsv') }).getAttribute('href')).toBe(
			`/api/versions/${published(drents()).id}/export?format=csv`
		);
		await expectNoAxeViolations(page);
	});
});

describe('editing a draft', () => {
	it('makes a draft from Drents 2019; edits, adds, moves and deletes requirements; a duplicate number is refused at the field', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url(`/frameworks/${drents().id}`));
		expect(await h1()).toBe('Drents kwaliteitskader');
		// A second tab with the same form, to try a second draft later.
		const other = await page.context().newPage();
		await other.goto(url(`/frameworks/${drents().id}`));
		await expectNoAxeViolations(page);
		await clickAndWait(page, page.getByRole('button', { name: nl('framework.page.newDraft.submit') }));
		const draft = draftOf(drents())!;
		expect(path()).toBe(`/frameworks/${drents().id}/versions/${draft.id}/edit`);
		expect((await page.getByRole('status').textContent())?.trim()).toBe(nl('edit.done.draftCreated'));
		expect(await page.locator('li.kd-edit-item').count()).toBe(44);
		await expectNoAxeViolations(page);

		// A second draft is refused clearly, with a link to the one that exists.
		await submitAndWaitFor(other, other.getByRole('button', { name: nl('framework.page.newDraft.submit') }), other.getByRole('alert'));
		await refusalHandled(other);
		expect(await other.getByRole('alert').textContent()).toContain(nl('error.framework.draftExists'));
		expect(
			await other
				.getByRole('alert')
				.getByRole('link', { name: nl('frameworks.draftExists.link') })
				.getAttribute('href')
		).toBe(`/frameworks/${drents().id}/versions/${draft.id}/edit`);
		expect(await other.getByText(nl('framework.page.draftExists', { label: draft.label })).isVisible()).toBe(true);
		await other.close();

		// Edit the text of Veiligheid 1.
		await item('veiligheid-1')
			.getByRole('link', { name: named(nl('edit.requirement.edit'), `: ${nl('version.requirement', { number: '1' })}`) })
			.click();
		const editForm = item('veiligheid-1').locator('form[action^="?/updateRequirement"]');
		await editForm.waitFor();
		await expectNoAxeViolations(page);
		const newText = 'De aanbieder heeft de Meldcode huiselijk geweld en kindermishandeling ingevoerd en gebruikt deze elke dag';
		await editForm.getByLabel(nl('framework.field.text'), { exact: true }).fill(newText);
		// The check box "only where clients stay", with its hint; unchecked for Veiligheid 1.
		const residential = editForm.getByRole('checkbox', { name: nl('frameworks.form.residentialOnly') });
		expect(await residential.isChecked()).toBe(false);
		expect(await residential.getAttribute('aria-describedby')).toBe(`req-${draftRequirementId('veiligheid-1')}-residentialOnly-hint`);
		await residential.check();
		await submitAndWaitFor(
			page,
			editForm.getByRole('button', { name: nl('edit.requirement.save') }),
			item('veiligheid-1').getByRole('status')
		);
		expect((await item('veiligheid-1').getByRole('status').textContent())?.trim()).toBe(nl('edit.done.requirementSaved'));
		expect(await item('veiligheid-1').textContent()).toContain(newText);

		// Add a requirement to Doelmatigheid: number 1 is taken, so the field says so and the text stays.
		const doelmatigheid = page.locator('section#thema-doelmatigheid');
		await doelmatigheid.getByRole('link', { name: named(nl('edit.requirement.addLink'), ': Doelmatigheid') }).click();
		const addForm = doelmatigheid.locator('form[action^="?/addRequirement"]');
		await addForm.waitFor();
		const addedText = 'De wachttijd voor een eerste gesprek is hoogstens twee weken.';
		await addForm.getByLabel(nl('framework.field.number')).fill('1');
		await addForm.getByLabel(nl('framework.field.text'), { exact: true }).fill(addedText);
		await addForm.getByLabel(nl('framework.addressee.municipality')).check();
		await submitAndWaitFor(page, addForm.getByRole('button', { name: nl('edit.requirement.add') }), doelmatigheid.getByRole('alert'));
		await refusalHandled(page);
		const number = addForm.getByLabel(nl('framework.field.number'));
		const numberError = nl('error.framework.duplicateNumber', { number: '1' });
		expect(await number.getAttribute('aria-invalid')).toBe('true');
		const describedBy = (await number.getAttribute('aria-describedby'))!.split(' ');
		expect(await page.locator(`#${describedBy.at(-1)}`).textContent()).toBe(numberError);
		expect(await doelmatigheid.getByRole('alert').textContent()).toContain(numberError);
		expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
		expect(await addForm.getByLabel(nl('framework.field.text'), { exact: true }).inputValue()).toBe(addedText);
		expect(await addForm.getByLabel(nl('framework.addressee.municipality')).isChecked()).toBe(true);
		expect(await addForm.getByLabel(nl('framework.field.text'), { exact: true }).getAttribute('aria-invalid')).toBeNull();
		await expectNoAxeViolations(page);

		await number.fill('7');
		await submitAndWaitFor(
			page,
			addForm.getByRole('button', { name: nl('edit.requirement.add') }),
			page.getByText(nl('edit.done.requirementAdded'))
		);
		expect(await doelmatigheid.locator('li.kd-edit-item').count()).toBe(7);
		expect(await doelmatigheid.locator('li.kd-edit-item').last().textContent()).toContain(addedText);

		// Move Veiligheid 1 down: Veiligheid 2 is now first.
		const veiligheid = page.locator('section#thema-veiligheid');
		await submitAndWaitFor(
			page,
			item('veiligheid-1').getByRole('button', { name: named(nl('edit.down'), `: ${nl('version.requirement', { number: '1' })}`) }),
			page.getByText(nl('edit.done.requirementMoved'))
		);
		expect(await veiligheid.locator('li.kd-edit-item').nth(0).getAttribute('id')).toBe('eis-veiligheid-2');
		expect(await veiligheid.locator('li.kd-edit-item').nth(1).getAttribute('id')).toBe('eis-veiligheid-1');

		// Delete Veiligheid 18, after confirming.
		await item('veiligheid-18')
			.getByRole('link', { name: named(nl('edit.requirement.delete'), `: ${nl('version.requirement', { number: '18' })}`) })
			.click();
		const confirm = item('veiligheid-18').getByRole('button', { name: nl('edit.requirement.deleteConfirm') });
		await confirm.waitFor();
		await expectNoAxeViolations(page);
		await submitAndWaitFor(page, confirm, page.getByText(nl('edit.done.requirementDeleted')));
		expect(await item('veiligheid-18').count()).toBe(0);
		expect(await veiligheid.locator('li.kd-edit-item').count()).toBe(17);
		await expectNoAxeViolations(page);

		// The check box was saved: checked when the form opens again, and shown in the document.
		const veilig1 = draftRequirementId('veiligheid-1');
		await page.goto(`${editUrl(drents(), draft.id)}?edit=${veilig1}#eis-veiligheid-1`);
		expect(
			await item('veiligheid-1')
				.getByRole('checkbox', { name: nl('frameworks.form.residentialOnly') })
				.isChecked()
		).toBe(true);
		await page.goto(url(`/frameworks/${drents().id}/versions/${draft.id}`));
		expect(await residentialDetail('veiligheid-1').textContent()).toBe(nl('version.residentialOnly'));
		expect(await residentialDetail('veiligheid-2').count()).toBe(0);

		// Without JavaScript an unchecked box sends nothing at all: that saves false.
		const plainContext = await world.browser.newContext({ javaScriptEnabled: false });
		const plain = await plainContext.newPage();
		await asManager(plain);
		await plain.goto(`${editUrl(drents(), draft.id)}?edit=${draftRequirementId('leefklimaat-1')}#eis-leefklimaat-1`);
		const plainForm = item('leefklimaat-1', plain).locator('form[action^="?/updateRequirement"]');
		const plainBox = plainForm.getByRole('checkbox', { name: nl('frameworks.form.residentialOnly') });
		expect(await plainBox.isChecked()).toBe(true);
		await plainBox.uncheck();
		await clickAndWait(plain, plainForm.getByRole('button', { name: nl('edit.requirement.save') }));
		expect(await item('leefklimaat-1', plain).getByRole('status').textContent()).toContain(nl('edit.done.requirementSaved'));
		await plainContext.close();
		const leef = getVersion(db(), draft.id)!.themes.find((t) => t.key === 'leefklimaat')!.requirements;
		expect(leef.map((r) => [r.key, r.applicability.residentialOnly])).toEqual([
			['leefklimaat-1', false],
			['leefklimaat-2', true]
		]);
	});
});

describe('comparing', () => {
	it('shows the changes between 2019 and the draft: added, removed and changed, with <ins> and <del>', async () => {
		const page = world.page;
		await asManager(page);
		const draft = draftOf(drents())!;
		await page.goto(url(`/frameworks/${drents().id}`));
		// The compare form preselects the previous version and the newest one (the draft).
		await Promise.all([
			page.waitForURL((u) => u.pathname.endsWith('/compare')),
			page.getByRole('button', { name: nl('framework.page.compare.submit') }).click()
		]);
		await page.waitForLoadState('networkidle');
		expect(path()).toBe(`/frameworks/${drents().id}/compare`);
		expect(new URL(page.url()).searchParams.get('to')).toBe(String(draft.id));
		expect(await h1()).toContain(nl('compare.title', { from: '2019', to: draft.label }));
		const counts = page.locator('.kd-counts');
		expect(await counts.textContent()).toContain(nl('compare.count.added', { count: 1 }));
		expect(await counts.textContent()).toContain(nl('compare.count.removed', { count: 1 }));
		expect(await counts.textContent()).toContain(nl('compare.count.changed', { count: 2 }));

		const changed = page.locator('article.kd-change--changed').filter({ hasText: 'Meldcode' });
		expect(await changed.locator('del').first().textContent()).toContain('geïmplementeerd');
		expect(await changed.locator('ins').first().textContent()).toContain('ingevoerd');
		expect(await changed.locator('del').first().textContent()).toContain(nl('compare.sr.removed'));
		// The check box as a field of its own: Nee → Ja for Veiligheid 1, Ja → Nee for Leefklimaat 1.
		const flag = (article: ReturnType<Page['locator']>) =>
			article.locator('dl > div').filter({ has: page.getByText(nl('framework.field.residentialOnly'), { exact: true }) });
		expect(await flag(changed).locator('del').textContent()).toContain(nl('framework.applies.no'));
		expect(await flag(changed).locator('ins').textContent()).toContain(nl('framework.applies.yes'));
		const leefklimaat = page.locator('article.kd-change--changed').filter({ hasText: 'schone, veilige en passende fysieke leefomgeving' });
		expect(await leefklimaat.locator('dl > div').count()).toBe(1);
		expect(await flag(leefklimaat).locator('del').textContent()).toContain(nl('framework.applies.yes'));
		expect(await flag(leefklimaat).locator('ins').textContent()).toContain(nl('framework.applies.no'));
		const added = page.locator('article.kd-change--added');
		expect(await added.textContent()).toContain('De wachttijd voor een eerste gesprek');
		expect(await added.textContent()).toContain(`${nl('framework.addressee.municipality')}, ${nl('framework.addressee.provider')}`);
		expect(await page.locator('article.kd-change--removed').textContent()).toContain('toedienen van medicijnen');
		await expectNoAxeViolations(page);
	});
});

describe('publishing', () => {
	it('refuses an empty draft, publishes the Drents draft, and shows it to participants without login', async () => {
		const page = world.page;
		await asManager(page);

		// A new, empty framework: publishing it is refused with the domain's message.
		await page.goto(url('/frameworks'));
		await page.getByLabel(nl('framework.field.name'), { exact: true }).fill('Kader voor de proef');
		await clickAndWait(page, page.getByRole('button', { name: nl('frameworks.new.submit') }));
		expect((await page.getByRole('status').textContent())?.trim()).toBe(nl('edit.done.created'));
		await page.getByLabel(nl('framework.field.changeSummary')).fill('Eerste versie');
		// Publishing cannot be undone: without the tick nothing happens, and the tick is named.
		await submitAndWaitFor(page, page.getByRole('button', { name: nl('edit.publish.submit') }), page.getByRole('alert'));
		expect(await page.getByRole('alert').textContent()).toContain(nl('error.framework.publishConfirm'));
		// The summary names the box briefly and links to it.
		const summaryLink = page.getByRole('alert').getByRole('link');
		expect((await summaryLink.textContent())?.trim()).toBe(`${nl('edit.publish.confirmLabel')}: ${nl('error.framework.publishConfirm')}`);
		expect(await summaryLink.getAttribute('href')).toBe('#publish-confirm');
		const confirm = page.getByRole('checkbox', { name: /^Ja, ik wil versie/ });
		expect(await confirm.getAttribute('aria-invalid')).toBe('true');
		expect(await page.getByLabel(nl('framework.field.changeSummary')).inputValue()).toBe('Eerste versie');
		await expectNoAxeViolations(page);
		await confirm.check();
		// The alert of the first refusal is still there: wait for the second refusal's words.
		await submitAndWaitFor(
			page,
			page.getByRole('button', { name: nl('edit.publish.submit') }),
			page.getByRole('alert').filter({ hasText: nl('error.framework.emptyDraft') })
		);
		expect(await page.getByLabel(nl('framework.field.changeSummary')).inputValue()).toBe('Eerste versie');
		await expectNoAxeViolations(page);
		const emptyDraftId = draftOf(framework('kader-voor-de-proef'))!.id;

		// Publish the Drents draft with a change summary.
		const draft = draftOf(drents())!;
		await page.goto(editUrl(drents(), draft.id));
		await page
			.getByLabel(nl('framework.field.changeSummary'))
			.fill('Meldcode aangescherpt, wachttijd toegevoegd, eis over medicijnen geschrapt.');
		await page.getByRole('checkbox', { name: nl('edit.publish.confirm', { label: draft.label }) }).check();
		await Promise.all([
			page.waitForURL((u) => u.pathname === `/frameworks/${drents().id}/versions/${draft.id}`),
			page.getByRole('button', { name: nl('edit.publish.submit') }).click()
		]);
		await page.getByRole('status').waitFor();
		expect((await page.getByRole('status').textContent())?.trim()).toBe(nl('version.notice.publishedNow', { label: draft.label }));
		expect(await page.locator('.kd-document .kd-details').first().textContent()).toContain(nl('framework.status.published'));
		expect(await page.locator('.kd-document .kd-details').first().textContent()).toContain('Karin Kwaliteit');
		expect(await page.getByRole('link', { name: nl('version.edit') }).count()).toBe(0);
		expect(await page.getByRole('link', { name: nl('version.compare', { label: '2019' }) }).count()).toBe(1);
		await expectNoAxeViolations(page);

		// The editor of a published version sends back to the document, with the reason.
		await page.goto(editUrl(drents(), draft.id));
		expect(path()).toBe(`/frameworks/${drents().id}/versions/${draft.id}`);
		expect((await page.getByRole('status').textContent())?.trim()).toBe(nl('error.framework.published'));

		// The public page: no login, plain introduction, no staff notes; drafts are 404.
		const visitor = await world.browser.newContext();
		const pub = await visitor.newPage();
		const response = await pub.goto(url(`/public/versions/${draft.id}`));
		expect(response?.status()).toBe(200);
		expect(await h1(pub)).toBe(nl('public.title', { framework: 'Drents kwaliteitskader' }));
		expect(await pub.getByText(nl('public.intro.1')).isVisible()).toBe(true);
		expect(await pub.locator('main').textContent()).toContain('De wachttijd voor een eerste gesprek');
		expect(await pub.locator('main').textContent()).not.toContain('Overgenomen uit hoofdstuk 2');
		expect(await pub.getByRole('heading', { level: 2, name: /Veiligheid/ }).count()).toBe(1);
		await expectNoAxeViolations(pub);
		// MOVISIE, as participants prepare at home: each theme in plain words, the source text one tap away.
		await pub.goto(url(`/public/versions/${latestPublishedBySlug(db(), 'movisie-kwaliteitsthemas')!.id}`));
		const regie = PLAIN_THEME_TEXTS['regie-van-de-client']!;
		expect(await pub.getByText(regie.plain).isVisible()).toBe(true);
		const source = pub.getByText(regie.sourceStart);
		expect(await source.isVisible()).toBe(false);
		const regieSection = pub.locator('section', { has: pub.getByText(regie.plain) });
		await regieSection.getByText(nl('live.themes.source')).click();
		expect(await source.isVisible()).toBe(true);
		await expectNoAxeViolations(pub);
		expect((await pub.goto(url(`/public/versions/${emptyDraftId}`)))?.status()).toBe(404);
		expect((await pub.goto(url('/public/versions/999999')))?.status()).toBe(404);
		await pub.goto(url(`/frameworks/${drents().id}/versions/${draft.id}`));
		expect(path(pub)).toBe('/login');
		await visitor.close();
	});
});

describe('importing', () => {
	it('lists every problem of a wrong file with its location, and loads a good file as a draft', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url('/frameworks'));
		const file = exportVersion(db(), published(movisie()).id);
		const bad = structuredClone(file) as unknown as {
			framework: { slug: string };
			themes: { name: string; requirements: { text: string; addressees: string[] }[] }[];
		};
		bad.framework.slug = 'movisie-kopie';
		bad.themes[3]!.requirements[0]!.text = '';
		bad.themes[3]!.requirements[1]!.addressees = ['buurman'];
		const form = page.locator('form[action^="?/import"]');
		// A file over the size limit: the message, not a form that does nothing.
		await form
			.getByLabel(nl('frameworks.import.file'))
			.setInputFiles({ name: 'groot.json', mimeType: 'application/json', buffer: Buffer.alloc(1024 * 1024 + 1, 32) });
		await form.getByRole('button', { name: nl('frameworks.import.submit') }).click();
		await page.getByText(nl('error.tooLarge', { max: '1 MB' })).waitFor();
		await expectNoAxeViolations(page);
		await page.goto(url('/frameworks'));
		await form
			.getByLabel(nl('frameworks.import.file'))
			.setInputFiles({ name: 'kader.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
		await submitAndWaitFor(page, form.getByRole('button', { name: nl('frameworks.import.submit') }), page.locator('#import-errors'));
		const alert = page.locator('#import-errors');
		expect(await alert.textContent()).toContain(nl('error.import.invalid', { count: 2 }));
		const problems = alert.locator('li');
		expect(await problems.count()).toBe(2);
		expect(await problems.nth(0).textContent()).toContain(
			`${nl('import.location.themeNamed', { n: 4, name: 'Regie van de cliënt' })}, ${nl('import.location.requirement', { n: 1 })}`
		);
		expect(await problems.nth(0).textContent()).toContain(nl('error.field.required'));
		expect(await problems.nth(1).textContent()).toContain(nl('import.location.requirement', { n: 2 }));
		expect(listFrameworks(db()).some((f) => f.slug === 'movisie-kopie')).toBe(false);
		await expectNoAxeViolations(page);

		const good = { ...file, framework: { ...file.framework, slug: 'movisie-kopie', name: 'MOVISIE kopie' } };
		await form
			.getByLabel(nl('frameworks.import.file'))
			.setInputFiles({ name: 'kader.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
		await form.getByLabel(nl('frameworks.import.label')).fill('2026-proef');
		await Promise.all([
			page.waitForURL((u) => u.pathname.endsWith('/edit')),
			form.getByRole('button', { name: nl('frameworks.import.submit') }).click()
		]);
		await page.getByRole('status').waitFor();
		expect((await page.getByRole('status').textContent())?.trim()).toBe(nl('edit.done.imported'));
		expect(await h1()).toContain(nl('edit.title', { label: '2026-proef' }));
		expect(await page.locator('li.kd-edit-item').count()).toBe(15);
	});
});

describe('two editors', () => {
	it('the second save of the same requirement is a conflict: the message, the typed text and the saved text are shown', async () => {
		const draftId = movisieDraftId();
		const requirement = getVersion(db(), draftId)!.themes.find((t) => t.key === 'regie-van-de-client')!.requirements[0]!;
		const address = `${editUrl(movisie(), draftId)}?edit=${requirement.id}#eis-${requirement.key}`;

		// Anna works with JavaScript, Bert without: both open the same requirement.
		const anna = world.page;
		await asManager(anna);
		const bertContext = await world.browser.newContext({ javaScriptEnabled: false });
		const bert = await bertContext.newPage();
		await asManager(bert);
		await anna.goto(address);
		await bert.goto(address);

		// Bert saves first, as a plain HTML form.
		const bertText = 'De cliënt schrijft zelf zijn plan, met hulp als hij dat wil.';
		const bertForm = item(requirement.key, bert).locator('form[action^="?/updateRequirement"]');
		await bertForm.getByLabel(nl('framework.field.text'), { exact: true }).fill(bertText);
		await clickAndWait(bert, bertForm.getByRole('button', { name: nl('edit.requirement.save') }));
		expect(await item(requirement.key, bert).getByRole('status').textContent()).toContain(nl('edit.done.requirementSaved'));

		// Anna saves the version she saw: refused, with her text kept and Bert's text shown.
		const annaText = 'De cliënt stelt samen met de hulpverlener zijn plan op.';
		const annaForm = item(requirement.key, anna).locator('form[action^="?/updateRequirement"]');
		await annaForm.getByLabel(nl('framework.field.text'), { exact: true }).fill(annaText);
		// What the alert says the moment it appears (a screen reader announces that): the
		// saved text as it is now, not as Anna's page had it before the refusal.
		await anna.evaluate(() => {
			const seen = window as unknown as { alertOnArrival?: string };
			new MutationObserver((_changes, observer) => {
				const summary = document.querySelector('[data-error-summary]');
				if (!summary) return;
				seen.alertOnArrival = summary.textContent ?? '';
				observer.disconnect();
			}).observe(document.body, { childList: true, subtree: true });
		});
		await submitAndWaitFor(anna, annaForm.getByRole('button', { name: nl('edit.requirement.save') }), anna.getByRole('alert'));
		await refusalHandled(anna);
		expect(await anna.evaluate(() => (window as unknown as { alertOnArrival?: string }).alertOnArrival)).toContain(bertText);
		const alert = anna.getByRole('alert');
		expect(await alert.textContent()).toContain(nl('error.framework.conflict'));
		expect(await alert.locator('.kd-conflict__yours').textContent()).toBe(annaText);
		expect(await alert.textContent()).toContain(bertText);
		expect(await anna.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
		// The form now holds the saved text and its new revision: Anna can redo her change.
		expect(await annaForm.getByLabel(nl('framework.field.text'), { exact: true }).inputValue()).toBe(bertText);
		await expectNoAxeViolations(anna);

		// Bert opens the requirement again; Anna then redoes her change on top of Bert's.
		await bert.goto(address);
		await annaForm.getByLabel(nl('framework.field.text'), { exact: true }).fill(annaText);
		await submitAndWaitFor(
			anna,
			annaForm.getByRole('button', { name: nl('edit.requirement.save') }),
			anna.getByText(nl('edit.done.requirementSaved'))
		);
		expect(getVersion(db(), draftId)!.themes.find((t) => t.key === 'regie-van-de-client')!.requirements[0]!.text).toBe(annaText);

		// Without JavaScript the same conflict: the page reloads with the message and the summary has focus.
		const bertAgain = 'De cliënt maakt zijn plan zelf.';
		await bertForm.getByLabel(nl('framework.field.text'), { exact: true }).fill(bertAgain);
		await clickAndWait(bert, bertForm.getByRole('button', { name: nl('edit.requirement.save') }));
		expect(await bert.getByRole('alert').textContent()).toContain(nl('error.framework.conflict'));
		expect(await bert.getByRole('alert').locator('.kd-conflict__yours').textContent()).toBe(bertAgain);
		expect(await bert.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
		expect(await bertForm.getByLabel(nl('framework.field.text'), { exact: true }).inputValue()).toBe(annaText);
		await bertContext.close();
	});

	it('does not delete a theme when a colleague added a requirement after the question was shown', async () => {
		const draftId = movisieDraftId();
		const theme = getVersion(db(), draftId)!.themes.at(-1)!;
		const count = theme.requirements.length;
		const page = world.page;
		await asManager(page);
		await page.goto(`${editUrl(movisie(), draftId)}?deleteTheme=${theme.id}#${themeAnchor(theme.key)}`);
		const section = page.locator(`section#${themeAnchor(theme.key)}`);
		await section.getByText(nl('edit.theme.confirmDelete', { name: theme.name })).waitFor();

		// While the question is on screen a colleague adds a requirement to this theme.
		addRequirement(db(), SYSTEM, theme.id, { text: 'Een eis die een collega net toevoegde.' });
		await submitAndWaitFor(page, section.getByRole('button', { name: nl('edit.theme.deleteConfirm') }), section.getByRole('alert'));
		expect(await section.getByRole('alert').textContent()).toContain(nl('error.framework.themeRequirementsChanged'));
		expect(getVersion(db(), draftId)!.themes.map((t) => t.id)).toContain(theme.id);
		// The question is asked again with what the theme holds now; confirming deletes it.
		await section.getByText(nl('edit.theme.deleteCount', { count: count + 1 })).waitFor();
		await expectNoAxeViolations(page);
		await submitAndWaitFor(
			page,
			section.getByRole('button', { name: nl('edit.theme.deleteConfirm') }),
			page.getByText(nl('edit.done.themeDeleted'))
		);
		expect(getVersion(db(), draftId)!.themes.map((t) => t.id)).not.toContain(theme.id);

		// Without JavaScript (or a click before the page has started) the same: the refusal asks again.
		const other = getVersion(db(), draftId)!.themes.at(-1)!;
		const plainContext = await world.browser.newContext({ javaScriptEnabled: false });
		const plain = await plainContext.newPage();
		await asManager(plain);
		await plain.goto(`${editUrl(movisie(), draftId)}?deleteTheme=${other.id}#${themeAnchor(other.key)}`);
		const plainSection = plain.locator(`section#${themeAnchor(other.key)}`);
		addRequirement(db(), SYSTEM, other.id, { text: 'Nog een eis van een collega.' });
		await clickAndWait(plain, plainSection.getByRole('button', { name: nl('edit.theme.deleteConfirm') }));
		expect(await plainSection.getByRole('alert').textContent()).toContain(nl('error.framework.themeRequirementsChanged'));
		const shownCount = other.requirements.length + 1;
		const countLine = shownCount === 1 ? nl('edit.theme.deleteCount.one') : nl('edit.theme.deleteCount', { count: shownCount });
		expect(await plainSection.getByText(countLine).isVisible()).toBe(true);
		expect(getVersion(db(), draftId)!.themes.map((t) => t.id)).toContain(other.id);
		await clickAndWait(plain, plainSection.getByRole('button', { name: nl('edit.theme.deleteConfirm') }));
		expect(getVersion(db(), draftId)!.themes.map((t) => t.id)).not.toContain(other.id);
		await plainContext.close();
	});
});

describe('a facilitator', () => {
	it('reads frameworks but sees no edit controls, and is refused (403) when posting an action', async () => {
		const page = world.page;
		const draftId = movisieDraftId();
		await asFacilitator(page);
		await page.goto(url('/frameworks'));
		expect(await page.getByRole('heading', { name: nl('frameworks.new.title') }).count()).toBe(0);
		expect(
			await page
				.locator('form[method="POST"]')
				.filter({ hasNot: page.locator('.kd-linkbutton') })
				.count()
		).toBe(0);
		expect(await page.getByText(nl('frameworks.readOnly')).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		await page.goto(url(`/frameworks/${movisie().id}`));
		expect(await page.getByRole('heading', { name: nl('framework.page.newDraft.title') }).count()).toBe(0);
		await page.goto(url(`/frameworks/${movisie().id}/versions/${draftId}`));
		expect(await page.getByRole('link', { name: nl('version.edit') }).count()).toBe(0);
		await expectNoAxeViolations(page);
		expect((await page.goto(editUrl(movisie(), draftId)))?.status()).toBe(403);

		const requirement = getVersion(db(), draftId)!.themes[3]!.requirements[1]!;
		const response = await page.request.post(`${editUrl(movisie(), draftId)}?/updateRequirement`, {
			headers: { origin: world.server.url, accept: 'text/html' },
			form: {
				requirementId: String(requirement.id),
				revision: String(requirement.revision),
				text: 'Door een gespreksleider veranderd',
				addressees: 'provider'
			}
		});
		expect(response.status()).toBe(403);
		expect(await response.text()).toContain(nl('error.forbidden'));
		const create = await page.request.post(url('/frameworks?/create'), {
			headers: { origin: world.server.url, accept: 'text/html' },
			form: { name: 'Niet toegestaan' }
		});
		expect(create.status()).toBe(403);
		expect(getVersion(db(), draftId)!.themes[3]!.requirements[1]!.text).toBe(requirement.text);
		expect(listFrameworks(db()).some((f) => f.name === 'Niet toegestaan')).toBe(false);
	});
});

describe('the decision rule', () => {
	it('states the thresholds in words; a manager changes them (a wrong order is refused at the field) and restores the defaults', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url(`/frameworks/${drents().id}`));
		const explain = page.getByText(nl('framework.rule.explain', { good: 75, sufficient: 65, theme: 65 }));
		expect(await explain.isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		await page.getByLabel(nl('framework.rule.good')).fill('70');
		await page.getByLabel(nl('framework.rule.sufficient')).fill('72,5');
		await submitAndWaitFor(page, page.getByRole('button', { name: nl('framework.rule.save') }), page.locator('#rule-sufficient-error'));
		expect(await page.locator('#rule-sufficient-error').textContent()).toContain(nl('error.thresholds.order'));
		// The summary names the field by its label (not "sufficient", nor a criterion's "Thema").
		expect(await page.locator('#rule-errors').getByRole('link').allTextContents()).toEqual([
			`${nl('framework.rule.sufficient')}: ${nl('error.thresholds.order')}`
		]);
		expect(await page.getByLabel(nl('framework.rule.sufficient')).getAttribute('aria-invalid')).toBe('true');
		await expectNoAxeViolations(page);

		await page.getByLabel(nl('framework.rule.good')).fill('80');
		await submitAndWaitFor(page, page.getByRole('button', { name: nl('framework.rule.save') }), page.getByText(nl('framework.rule.saved')));
		await page.reload();
		expect(await page.getByText(nl('framework.rule.explain', { good: 80, sufficient: '72,5', theme: 65 })).isVisible()).toBe(true);
		expect(await page.getByText(nl('framework.rule.custom')).isVisible()).toBe(true);

		await submitAndWaitFor(
			page,
			page.getByRole('button', { name: nl('framework.rule.reset') }),
			page.getByText(nl('framework.rule.saved'))
		);
		await page.reload();
		expect(await explain.isVisible()).toBe(true);
		expect(await page.getByText(nl('framework.rule.standard')).isVisible()).toBe(true);
	});
});
