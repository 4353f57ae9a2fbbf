/**
 * Rights follow every change, as people meet it (issue 16): a participant the facilitator
 * removes sees at once on their phone that they no longer take part, and a facilitator who
 * logs out in another tab sees that the lead view has ended, instead of going on as before.
 */
import { describe, expect, it } from 'vitest';
import { createAccount, updateAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { PARTICIPANT_COOKIE, addParticipant, removeParticipant } from '../../src/lib/server/sessions/participants';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { sessionState } from '../../src/lib/server/sessions/state';
import { chooseThemes } from '../../src/lib/server/sessions/voting';
import { createDialogueSession, type CreateSessionInput } from '../../src/lib/server/sessions/setup';
import { expectNoAxeViolations, loginAs, useBrowserWorld } from '../helpers/browser';
import { movisieVersionId } from '../helpers/live';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const url = (path: string) => `${world.server.url}${path}`;

/** A facilitator's account and a session they lead, with `settings`. */
async function ledSession(email: string, name: string, settings: { title: string } & Partial<CreateSessionInput>) {
	const db = world.server.runtime.db;
	const facilitator = await createAccount(db, SYSTEM, { email, name, roles: ['facilitator'] }, 'een lang wachtwoord voor gesprekken');
	const session = createDialogueSession(db, SYSTEM, {
		facilitatorId: facilitator.id,
		frameworkVersionId: movisieVersionId(db),
		...settings
	});
	return { facilitator, session };
}

describe('rights in the room', () => {
	it('tells a removed participant at once, and ends the lead view when its facilitator logs out elsewhere', async () => {
		const db = world.server.runtime.db;
		const { facilitator, session } = await ledSession('gl@gemeente.test', 'Gijs', { title: 'Gesprek in de zaal' });
		const ans = addParticipant(db, SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' });

		// The facilitator leads; Ans follows on her phone.
		await loginAs(world.context, world.server, facilitator.id);
		const lead = world.page;
		await lead.goto(url(`/sessions/${session.id}/lead`));
		const phoneContext = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
		await phoneContext.addCookies([{ name: PARTICIPANT_COOKIE, value: ans.token, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
		const phone = await phoneContext.newPage();
		await phone.goto(url(`/live/${session.id}`));
		await phone.getByRole('heading', { level: 2, name: nl('phase.intro') }).waitFor();

		// Removing her, by keyboard: the button, then the confirmation.
		const remove = lead.getByRole('row', { name: /Ans/ }).getByRole('button', { name: nl('session.people.remove') });
		await remove.focus();
		await lead.keyboard.press('Enter');
		await lead.getByRole('button', { name: nl('live.lead.removeYes') }).click();
		// Without the push this never comes (nothing polls); the bound leaves room for a busy machine.
		await phone.getByText(nl('live.removed')).waitFor({ timeout: 15_000 });
		await expectNoAxeViolations(phone);
		// Reloading does not bring her back in.
		await phone.reload();
		expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe(nl('live.notJoined.title'));
		await phoneContext.close();

		// The facilitator logs out in another tab: the lead view says so and stops.
		const other = await world.context.newPage();
		await other.goto(url('/dashboard'));
		await Promise.all([other.waitForNavigation(), other.getByRole('button', { name: nl('layout.logout') }).click()]);
		await lead.getByText(nl('live.signedOut')).waitFor({ timeout: 15_000 });
		await expectNoAxeViolations(lead);
	});

	it('tells a facilitator whose role is taken away in staff words, and a removed participant sees no shared text', async () => {
		const db = world.server.runtime.db;
		const { facilitator, session } = await ledSession('gl2@gemeente.test', 'Greet', {
			title: 'Gesprek met rollen',
			themeSelection: 'fixed',
			themesToTreat: 1
		});
		const bas = addParticipant(db, SYSTEM, session.id, { displayName: 'Bas', perspective: 'client' });
		const theme = sessionState(db, session.id, { kind: 'facilitator' }).themes[0]!;
		chooseThemes(db, SYSTEM, session.id, { themeIds: [theme.id] });
		const items = sessionState(db, session.id, { kind: 'facilitator' }).agenda;
		gotoAgenda(
			db,
			SYSTEM,
			session.id,
			items.findIndex((i) => i.phase === 'theme')
		);

		const context = await world.browser.newContext();
		await loginAs(context, world.server, facilitator.id);
		const lead = await context.newPage();
		await lead.goto(url(`/sessions/${session.id}/lead`));
		const phoneContext = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
		await phoneContext.addCookies([{ name: PARTICIPANT_COOKIE, value: bas.token, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
		const phone = await phoneContext.newPage();
		await phone.goto(url(`/live/${session.id}`));
		await phone.getByLabel(nl('coedit.keyword.add'), { exact: true }).waitFor();

		// Removed: the shared text goes with the session (no "reconnecting" over text he may not see).
		removeParticipant(db, SYSTEM, session.id, bas.participant.id);
		await phone.getByText(nl('live.removed')).waitFor({ timeout: 15_000 });
		expect(await phone.getByLabel(nl('coedit.keyword.add'), { exact: true }).count()).toBe(0);
		expect(await phone.getByText(nl('coedit.status.reconnecting')).count()).toBe(0);

		// The role taken away while the account stays: not the participant's "U doet niet meer mee".
		updateAccount(db, SYSTEM, facilitator.id, { email: 'gl2@gemeente.test', name: 'Greet', roles: ['quality_manager'] });
		await lead.getByText(nl('live.staffRemoved')).waitFor({ timeout: 15_000 });
		expect(await lead.getByText(nl('live.removed')).count()).toBe(0);
		await expectNoAxeViolations(lead);
		await phoneContext.close();
		await context.close();
	});
});
