/** The outbox's form action, shared by the outbox and its detail page. */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { retryMail } from '../mail/outbox';
import { problemOf } from './forms';
import { readableMail, requireOutboxReader } from './guards';

/** Puts a failed message back in the queue and starts delivery at once. */
export function retryOutboxMail(event: Pick<RequestEvent, 'locals' | 'url'>, id: number) {
	const { user, scope } = requireOutboxReader(event);
	readableMail(event, scope, id);
	const { db, mail } = event.locals;
	try {
		retryMail(db, { type: 'user', id: user.id }, id);
	} catch (err) {
		const r = problemOf(err);
		return fail(r.status, { retryError: r.problem });
	}
	mail?.kick();
	return { retried: id };
}
