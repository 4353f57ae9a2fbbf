/**
 * A participant's page in a real browser: the personal link section says what a link is,
 * sends the invitation again, and makes a new link by e-mail or in a letter (after a tick),
 * with a clear message for a missing tick. The letter is shown once. Every page passes axe.
 */
import { mailText } from '../helpers/smtp';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailMessages } from '../../src/lib/server/db/schema';
import { validateParticipantToken } from '../../src/lib/server/sessions/participants';
import { clickAndWait, expectNoAxeViolations, loginAs, printedLetter, useBrowserWorld } from '../helpers/browser';
import { EXAMPLE_PLACE, plannedWorld } from '../helpers/follow-up';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;

describe("a participant's personal link", () => {
	it('is sent again, renewed by e-mail after a tick, and renewed in a letter shown once', async () => {
		const { page, context } = world;
		const w = await plannedWorld(db());
		await loginAs(context, world.server, w.facilitator.id);
		const ans = w.people[0]!;
		const bas = w.people[1]!;
		const personPage = url(`/sessions/${w.session.id}/participants/${ans.id}`);

		await page.goto(personPage);
		expect(await page.getByRole('heading', { level: 2, name: nl('links.title') }).isVisible()).toBe(true);
		expect(await page.getByText(nl('links.notInvited', { name: 'Ans' })).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// Opnieuw sturen: a mail with a new link.
		await clickAndWait(page, page.getByRole('button', { name: nl('links.again.submit') }));
		expect(
			await page
				.getByRole('status')
				.getByText(nl('links.again.done', { email: 'ans@example.org' }))
				.isVisible()
		).toBe(true);
		const mails = () => db().select().from(mailMessages).where(eq(mailMessages.participantId, ans.id)).all();
		expect(mails().map((m) => m.kind)).toEqual(['invitation']);
		await expectNoAxeViolations(page);

		// Nieuwe link: without the tick nothing happens, and the page says why.
		await clickAndWait(page, page.getByRole('button', { name: nl('links.renew.byMail') }));
		expect(await page.getByRole('alert').textContent()).toContain(nl('error.link.confirm'));
		expect(await page.getByLabel(nl('links.renew.confirm', { name: 'Ans' })).getAttribute('aria-describedby')).toBe('renew-error');
		await expectNoAxeViolations(page);
		await page.getByLabel(nl('links.renew.confirm', { name: 'Ans' })).check();
		await clickAndWait(page, page.getByRole('button', { name: nl('links.renew.byMail') }));
		expect(
			await page
				.getByRole('status')
				.getByText(nl('links.renew.done', { name: 'Ans', email: 'ans@example.org' }))
				.isVisible()
		).toBe(true);
		const invitation = mails().find((m) => m.kind === 'invitation')!;
		const renewal = db()
			.select()
			.from(mailMessages)
			.where(and(eq(mailMessages.participantId, ans.id), eq(mailMessages.kind, 'link')))
			.get()!;
		const token = (text: string) => /\/j\/(\S+)/.exec(text)![1]!;
		expect(validateParticipantToken(db(), token(mailText(world.server.dataDir, invitation)))).toBeNull();
		expect(validateParticipantToken(db(), token(mailText(world.server.dataDir, renewal)))?.id).toBe(ans.id);
		await expectNoAxeViolations(page);

		// Bas has no e-mail address: a letter, shown once.
		await page.goto(url(`/sessions/${w.session.id}/participants/${bas.id}`));
		expect(await page.getByRole('button', { name: nl('links.renew.byMail') }).count()).toBe(0);
		await page.getByLabel(nl('links.renew.confirm', { name: 'Bas' })).check();
		await clickAndWait(page, page.getByRole('button', { name: nl('links.renew.byLetter') }));
		expect(new URL(page.url()).pathname).toBe(`/sessions/${w.session.id}/participants/letter`);
		expect(await page.getByText(nl('links.letter.intro', { name: 'Bas' })).isVisible()).toBe(true);
		expect(await page.getByText(nl('links.letter.once')).isVisible()).toBe(true);
		// The link is too long to type: only its QR code is in the letter (named for screen readers), with the code.
		const qr = page.locator('article.kd-letter [role=img]');
		const written = /\/j\/(\S+)$/.exec((await qr.getAttribute('aria-label'))!)![1]!;
		expect(validateParticipantToken(db(), written)?.id).toBe(bas.id);
		expect(await page.locator('article.kd-letter').textContent()).not.toContain(written);
		expect(await page.getByTestId('letter-code').textContent()).toBe(w.session.joinCode);
		// When and where, as in the invitation.
		expect(await page.locator('article.kd-letter').textContent()).toContain(EXAMPLE_PLACE.locationAddress.split('\n')[0]);
		await expectNoAxeViolations(page);
		// Printed: one A4 page, only the letter (no menu or buttons), the QR code large enough to scan (4 cm or more).
		expect(await printedLetter(page)).toEqual({ pages: 1, a4: true, onlyLetter: true, qrCm: expect.closeTo(4.5, 1) });
		// Opened again, the page has no letter: the link is not kept.
		await page.goto(url(`/sessions/${w.session.id}/participants/letter`));
		expect(await page.content()).not.toContain(written);
	});
});
