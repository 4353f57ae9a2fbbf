/**
 * The beheerder's privacy pages in a real browser: find a person, download their data, erase
 * it after confirming, and read the audit log. Every page state is checked with axe-core.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { participants } from '../../src/lib/server/db/schema';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/server';
import { plannedWorld } from '../helpers/follow-up';
import { clickAndWait, expectNoAxeViolations, followLink, loginWithForm, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();

describe('privacy pages', () => {
	it('finds a person, downloads and erases their data after confirmation, and shows it in the audit log', async () => {
		const db = world.server.runtime.db;
		const first = await plannedWorld(db);
		await plannedWorld(db);
		const page = world.page;
		await loginWithForm(page, world.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		await followLink(page, page.getByRole('navigation').getByRole('link', { name: nl('privacy.nav') }));
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('privacy.title'));
		await expectNoAxeViolations(page);

		// Too short: a clear error, linked to the field.
		await page.getByLabel(nl('privacy.search.label')).fill('f');
		await clickAndWait(page, page.getByRole('button', { name: nl('privacy.search.submit') }));
		expect(await page.getByRole('alert').textContent()).toContain(nl('error.privacy.term'));
		await expectNoAxeViolations(page);

		// Fatima took part in two sessions.
		await page.getByLabel(nl('privacy.search.label')).fill('fatima@raad.test');
		await clickAndWait(page, page.getByRole('button', { name: nl('privacy.search.submit') }));
		const table = page.getByRole('table', { name: nl('privacy.results.caption') });
		expect(await table.getByRole('rowheader', { name: 'Fatima' }).count()).toBe(2);
		await expectNoAxeViolations(page);

		const boxes = table.getByRole('checkbox');
		await boxes.nth(0).check();
		await boxes.nth(1).check();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: nl('privacy.download') }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^persoonsgegevens-\d{4}-\d{2}-\d{2}\.json$/);
		const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
			records: { participant: { name: string; email: string } }[];
		};
		expect(exported.records.map((r) => [r.participant.name, r.participant.email])).toEqual([
			['Fatima', 'fatima@raad.test'],
			['Fatima', 'fatima@raad.test']
		]);

		// The readable overview of the same records: one HTML file, accessible on its own.
		const [readable] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: nl('privacy.downloadReadable') }).click()
		]);
		expect(readable.suggestedFilename()).toMatch(/^persoonsgegevens-\d{4}-\d{2}-\d{2}\.html$/);
		const html = fs.readFileSync((await readable.path())!, 'utf8');
		const view = await page.context().newPage();
		try {
			await view.setContent(html);
			expect(await view.title()).toBe(nl('privacy.view.title'));
			expect(await view.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
				nl('privacy.view.record', { n: 1, title: 'Eerste gesprek' }),
				nl('privacy.view.record', { n: 2, title: 'Eerste gesprek' })
			]);
			expect(
				await view
					.getByRole('definition')
					.filter({ hasText: /^Fatima$/ })
					.count()
			).toBe(2);
			await expectNoAxeViolations(view);
		} finally {
			await view.close();
		}

		// Erase the first record: a confirmation first, and a missing tick changes nothing.
		await boxes.nth(1).uncheck();
		await clickAndWait(page, page.getByRole('button', { name: nl('privacy.erase') }));
		expect(await page.getByRole('heading', { level: 2, name: nl('privacy.erase.confirmTitle') }).isVisible()).toBe(true);
		await expectNoAxeViolations(page);
		await clickAndWait(page, page.getByRole('button', { name: nl('privacy.erase.confirmSubmit') }));
		expect(await page.getByRole('alert').textContent()).toContain(nl('error.privacy.confirm'));
		// The page comes back with the focus on the message, next to the tick it is about.
		await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
		expect(await page.getByLabel(nl('privacy.erase.confirmCheck')).getAttribute('aria-invalid')).toBe('true');
		const fatima = first.people.find((p) => p.displayName === 'Fatima')!;
		expect(db.select().from(participants).where(eq(participants.id, fatima.id)).get()!.displayName).toBe('Fatima');
		await expectNoAxeViolations(page);
		await page.getByLabel(nl('privacy.erase.confirmCheck')).check();
		await clickAndWait(page, page.getByRole('button', { name: nl('privacy.erase.confirmSubmit') }));
		expect(await page.getByRole('status').textContent()).toContain(nl('privacy.erase.done', { count: 1 }));
		expect(db.select().from(participants).where(eq(participants.id, fatima.id)).get()).toMatchObject({
			displayName: 'Deelnemer 6',
			email: null
		});
		await expectNoAxeViolations(page);

		// The audit log lists both, by the beheerder.
		await followLink(page, page.getByRole('link', { name: nl('privacy.auditLink') }));
		const log = page.getByRole('table', { name: nl('privacy.audit.caption') });
		expect(await log.getByRole('cell', { name: nl('privacy.action.privacy.erase') }).count()).toBe(1);
		// Two downloads (the JSON and the overview), each audited.
		expect(await log.getByRole('cell', { name: nl('privacy.action.privacy.export') }).count()).toBe(2);
		await expectNoAxeViolations(page);
	});
});
