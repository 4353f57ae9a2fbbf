/**
 * Downloads from an assessment page ("Scores als CSV" and the PDF) and from a report version
 * (PDF, Word, OpenDocument): +server routes, not pages, fetched by the browser itself. SvelteKit's router must leave the link alone: no client-side
 * navigation or preloading that ends in a 404 in the console, and the file still arrives.
 */
import fs from 'node:fs';
import type { ConsoleMessage } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { startAssessment } from '../../src/lib/server/scoring/assessments';
import { createProvider } from '../../src/lib/server/scoring/providers';
import { sendReport, startReport } from '../../src/lib/server/reports/reports';
import { loginAs, useBrowserWorld } from '../helpers/browser';
import { heldWorld } from '../helpers/follow-up';
import { firstEntry, odtParts, parseXml } from '../helpers/odt';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();

describe('downloads from an assessment', () => {
	it('downloads the scores as CSV without an error in the console', async () => {
		const db = world.server.runtime.db;
		const manager = await createAccount(
			db,
			SYSTEM,
			{ email: 'km@gemeente.test', name: 'Karin Kwaliteit', roles: ['quality_manager'] },
			'een lang wachtwoord voor downloads'
		);
		const actor = { type: 'user' as const, id: manager.id };
		const provider = createProvider(db, actor, { name: 'Thuiszorg Noord', careType: 'Begeleiding', fundings: ['zin'] });
		const version = latestPublishedBySlug(db, 'drents-kwaliteitskader')!;
		const assessment = startAssessment(db, actor, { providerId: provider.id, frameworkVersionId: version.id, assessedOn: '2026-06-01' });

		const { page } = world;
		await loginAs(page.context(), world.server, manager.id);
		const errors: string[] = [];
		page.on('console', (message: ConsoleMessage) => {
			if (message.type() === 'error') errors.push(message.text());
		});
		page.on('pageerror', (error) => errors.push(error.message));
		const failed: string[] = [];
		page.on('response', (response) => {
			if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
		});
		await page.goto(`${world.server.url}/assessments/${assessment.id}`, { waitUntil: 'networkidle' });

		/** Points at a link (SvelteKit preloads on hover), clicks it and returns the file that arrives. */
		const download = async (name: string) => {
			const link = page.getByRole('link', { name });
			await link.hover();
			const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
			await page.waitForLoadState('networkidle');
			return file;
		};
		const csv = await download(nl('assessments.page.csvLink'));
		expect(csv.suggestedFilename()).toBe('toetsing-thuiszorg-noord-2026-06-01.csv');
		expect(fs.readFileSync(await csv.path(), 'utf8')).toContain(nl('framework.field.theme'));
		const pdf = await download(nl('assessments.page.pdfLink'));
		expect(pdf.suggestedFilename()).toBe(`toetsing-${assessment.id}.pdf`);

		expect(errors).toEqual([]);
		expect(failed).toEqual([]);
		expect(new URL(page.url()).pathname).toBe(`/assessments/${assessment.id}`);
	});

	it('downloads a report version as OpenDocument from its link, next to PDF and Word', async () => {
		const db = world.server.runtime.db;
		const held = await heldWorld(db);
		startReport(db, held.actor, held.session.id);
		sendReport(db, held.actor, held.session.id, world.server.url);
		const { page } = world;
		await loginAs(page.context(), world.server, held.facilitator.id);
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${world.server.url}/sessions/${held.session.id}/report/versions/1`, { waitUntil: 'networkidle' });
		const nav = page.getByRole('navigation', { name: nl('reports.version.actions') });
		for (const key of ['reports.download.pdf', 'reports.download.docx', 'reports.download.odt'] as const) {
			await nav.getByRole('link', { name: nl(key), exact: true }).waitFor();
		}
		const link = nav.getByRole('link', { name: nl('reports.download.odt') });
		await link.hover();
		const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
		expect(file.suggestedFilename()).toBe(`verslag-${held.session.id}-v1.odt`);
		const odt = fs.readFileSync(await file.path());
		expect(firstEntry(odt).name).toBe('mimetype');
		const elements = parseXml((await odtParts(odt)).content);
		expect(elements.find((element) => element.name === 'text:h')?.attributes['text:outline-level']).toBe('1');
		const text = elements
			.filter((element) => element.name === 'text:h' || element.name === 'text:p')
			.map((element) => element.text)
			.join('\n');
		expect(text).toContain('Eerste gesprek');
		expect(errors).toEqual([]);
	});
});
