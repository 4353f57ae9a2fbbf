/**
 * "Nieuwe link" ends every earlier credential (src/lib/server/sessions/personal-links.ts): a
 * mail still waiting in the outbox with an old link in it would bring a link that no longer
 * works, so it is not sent; the person's other mails and everyone else's go out as planned.
 * On a real migrated SQLite database.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import { plannedWorld } from '../helpers/follow-up';
import { mailMessages } from '../../src/lib/server/db/schema';
import { sendInvitations } from '../../src/lib/server/sessions/invitations';
import { LINK_ENDED_NOTE, renewPersonalLink } from '../../src/lib/server/sessions/personal-links';
import { retryMail } from '../../src/lib/server/mail/outbox';
import { DomainError } from '../../src/lib/server/errors';

const ORIGIN = 'https://dialoog.gemeente.test';

describe('mails with a personal link when the link is renewed', () => {
	it('does not send a waiting mail whose link was ended, and cannot be retried; the new link goes out', async () => {
		const db = testDb();
		const { session, actor, people } = await plannedWorld(db);
		sendInvitations(db, actor, session.id, ORIGIN);
		const [ans, carla] = people.filter((p) => p.email);
		const mailsOf = (id: number) => db.select().from(mailMessages).where(eq(mailMessages.participantId, id)).all();
		expect(mailsOf(ans!.id).map((m) => [m.kind, m.status])).toEqual([['invitation', 'queued']]);

		renewPersonalLink(db, actor, session.id, ans!.id, ORIGIN, 'mail', 'abcdefghijklmnop');
		const after = mailsOf(ans!.id);
		expect(after.map((m) => [m.kind, m.status])).toEqual([
			['invitation', 'cancelled'],
			['link', 'queued']
		]);
		expect(after[0]!.lastError).toBe(LINK_ENDED_NOTE);
		// A cancelled mail is not "failed": there is nothing to try again.
		expect(() => retryMail(db, actor, after[0]!.id)).toThrow(DomainError);
		// Someone else's invitation is untouched.
		expect(mailsOf(carla!.id).map((m) => m.status)).toEqual(['queued']);
		// A failed mail with the old link is not retried either once the link is renewed again.
		db.update(mailMessages)
			.set({ status: 'failed' })
			.where(and(eq(mailMessages.participantId, ans!.id), eq(mailMessages.kind, 'link')))
			.run();
		renewPersonalLink(db, actor, session.id, ans!.id, ORIGIN, 'mail', 'bcdefghijklmnopq');
		expect(mailsOf(ans!.id).map((m) => [m.kind, m.status])).toEqual([
			['invitation', 'cancelled'],
			['link', 'cancelled'],
			['link', 'queued']
		]);
	});
});
