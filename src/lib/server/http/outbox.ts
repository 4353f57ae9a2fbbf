/** The outbox's form action, shared by the outbox and its detail page. */
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { FieldProblem } from '../../shared/forms';
import { retryMail } from '../mail/outbox';
import { refusal } from './forms';
import { readableMail, requireOutboxReader } from './guards';

/** Puts a failed message back in the queue and starts delivery at once. */
export function retryOutboxMail(event: Pick<RequestEvent, 'locals' | 'url'>, id: number) {
	const { user, scope } = requireOutboxReader(event);
	readableMail(event, scope, id);
	const { db, mail } = event.locals;
	try {
		retryMail(db, { type: 'user', id: user.id }, id);
	} catch (err) {
		const r = refusal(err);
		return fail(r.status, { retryError: { code: r.code, params: r.params } as FieldProblem });
	}
	mail?.kick();
	return { retried: id };
}
