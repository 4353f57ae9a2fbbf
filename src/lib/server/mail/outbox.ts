/**
 * The outbox. Every e-mail is first written to `mail_messages`, inside the transaction that
 * caused it (an invitation, a sent report), so a mail is never lost and never sent twice:
 * the dedupe key makes a second "send" a no-op. A background queue then delivers what is
 * due through the configured transport (SMTP, or .eml files when no mail server is set up)
 * and retries temporary failures with exponential backoff. A permanent refusal (a bounce,
 * an unknown recipient) stops retrying and shows in the outbox, where staff can retry it.
 *
 * Delivery claims a message (attempt counted, next attempt scheduled) before it talks to the
 * mail server; if the process dies mid-send, the message is retried later with the same
 * Message-ID, so a receiving server can recognise a duplicate.
 */
import { hidePersonalLinks, unfold } from './link-text';
import { and, asc, desc, eq, inArray, lte, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { mailMessages, type MailKind, type MailMessage } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { randomString } from '../auth/tokens';
import { errorFields, log } from '../log';
import { MailDeliveryError, type MailTransport } from './transport';

export interface NewMail {
	/** Same key, same mail: a second enqueue with this key does nothing. */
	dedupeKey: string;
	kind: MailKind;
	dialogueSessionId?: number | null;
	participantId?: number | null;
	to: string;
	subject: string;
	text: string;
	attachments?: { filename: string; contentType: string; content: string }[];
}

/** Queues a mail; returns false when one with the same key exists (nothing is queued twice). */
export function enqueueMail(tx: Pick<Db, 'insert'>, mail: NewMail, now = new Date()): boolean {
	const inserted = tx
		.insert(mailMessages)
		.values({
			dedupeKey: mail.dedupeKey,
			kind: mail.kind,
			dialogueSessionId: mail.dialogueSessionId ?? null,
			participantId: mail.participantId ?? null,
			messageId: `<${randomString(16)}@kwaliteitsdialoog.invalid>`,
			toAddress: mail.to,
			subject: mail.subject,
			textBody: mail.text,
			attachments: mail.attachments ?? [],
			nextAttemptAt: now
		})
		.onConflictDoNothing({ target: mailMessages.dedupeKey })
		.returning({ id: mailMessages.id })
		.get();
	return inserted !== undefined;
}

export function hasMail(db: Pick<Db, 'select'>, dedupeKey: string): boolean {
	return !!db.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.dedupeKey, dedupeKey)).get();
}

/** The outbox of some sessions (a facilitator's), or all of it (an administrator), newest first. */
export function listOutbox(db: Pick<Db, 'select'>, sessionIds: number[] | 'all', limit = 500): MailMessage[] {
	const query = db.select().from(mailMessages);
	if (sessionIds === 'all') return query.orderBy(desc(mailMessages.id)).limit(limit).all();
	if (sessionIds.length === 0) return [];
	return query.where(inArray(mailMessages.dialogueSessionId, sessionIds)).orderBy(desc(mailMessages.id)).limit(limit).all();
}

export function getMail(db: Pick<Db, 'select'>, id: number): MailMessage | undefined {
	return db.select().from(mailMessages).where(eq(mailMessages.id, id)).get();
}

/** Puts a failed mail back in the queue (e.g. after the address was corrected or the server is back). */
export function retryMail(db: Db, actor: Actor, id: number, now = new Date()): MailMessage {
	return db.transaction((tx) => {
		const row = tx.select().from(mailMessages).where(eq(mailMessages.id, id)).get();
		if (!row) throw new DomainError('error.missing', 404);
		if (row.status !== 'failed') throw new DomainError('error.mail.notFailed', 409);
		const updated = tx
			.update(mailMessages)
			.set({ status: 'queued', attempts: 0, nextAttemptAt: now })
			.where(eq(mailMessages.id, id))
			.returning()
			.get();
		audit(tx, actor, 'mail.retry', { type: 'mail_message', id });
		return updated;
	});
}

export interface MailQueueOptions {
	from: string;
	/** First retry after this many seconds; doubled each time, at most one hour. */
	retrySeconds: number;
	maxAttempts: number;
}

/** Delay before attempt `attempts + 1`, after `attempts` failed ones. */
export function backoffMs(attempts: number, retrySeconds: number): number {
	return Math.min(retrySeconds * 1000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

export class MailQueue {
	#running: Promise<number> | null = null;
	#again = false;
	#timer: NodeJS.Timeout | null = null;
	#stopped = false;
	#onStop: (() => void)[] = [];
	#clock: () => Date = () => new Date();

	constructor(
		private readonly db: Db,
		readonly transport: MailTransport,
		private readonly options: MailQueueOptions
	) {}

	/** Delivers due mail now and then every `intervalMs` (retries become due over time). */
	start(intervalMs = 15_000): void {
		this.kick();
		this.#timer = setInterval(() => this.kick(), intervalMs);
		this.#timer.unref();
	}

	/** Starts a delivery round soon; a round already running takes one more turn. */
	kick(): void {
		if (this.#stopped) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		void this.deliverDue().catch((error) => log.error('mail.round-failed', errorFields(error)));
	}

	/** Delivers every due message once; resolves with the number delivered. */
	deliverDue(now: () => Date = () => new Date()): Promise<number> {
		// A round already running takes another turn with this clock (tests move time forward).
		this.#clock = now;
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		const round = (async () => {
			let delivered = 0;
			do {
				this.#again = false;
				const clock = this.#clock;
				const due = this.db
					.select({ id: mailMessages.id })
					.from(mailMessages)
					.where(and(eq(mailMessages.status, 'queued'), lte(mailMessages.nextAttemptAt, clock())))
					.orderBy(asc(mailMessages.nextAttemptAt), asc(mailMessages.id))
					.limit(100)
					.all();
				let unavailable = false;
				for (const { id } of due) {
					if (this.#stopped) break;
					const outcome = await this.#deliverOne(id, clock());
					if (outcome === 'sent') delivered++;
					// The way out is blocked (a mail server that does not answer takes 10 s per try):
					// the rest stays queued, untouched, for the next round.
					if (outcome === 'unavailable') {
						unavailable = true;
						log.warn('mail.round-paused', { left: due.length - due.findIndex((d) => d.id === id) - 1 });
						break;
					}
				}
				if (unavailable) break;
			} while (this.#again && !this.#stopped);
			return delivered;
		})();
		// Cleared only after it is stored: a round without due mail finishes synchronously.
		this.#running = round.finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	async #deliverOne(id: number, now: Date): Promise<'sent' | 'skipped' | 'failed' | 'unavailable'> {
		const current = this.db
			.select()
			.from(mailMessages)
			.where(and(eq(mailMessages.id, id), eq(mailMessages.status, 'queued')))
			.get();
		if (!current) return 'skipped';
		const attempts = current.attempts + 1;
		// Claim it: count the attempt and schedule the next before talking to the mail server.
		const claimed = this.db
			.update(mailMessages)
			.set({ attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, this.options.retrySeconds)) })
			.where(and(eq(mailMessages.id, id), eq(mailMessages.status, 'queued'), eq(mailMessages.attempts, current.attempts)))
			.returning()
			.get();
		if (!claimed) return 'skipped';
		try {
			await this.transport.send({
				messageId: claimed.messageId,
				from: this.options.from,
				to: claimed.toAddress,
				subject: claimed.subject,
				text: claimed.textBody,
				attachments: claimed.attachments
			});
		} catch (error) {
			const permanent = error instanceof MailDeliveryError && error.permanent;
			const reason = error instanceof MailDeliveryError ? error.reason : 'onbekende fout';
			const giveUp = permanent || attempts >= this.options.maxAttempts;
			// Erased while it was on its way (no address left): it stays as the erasure left it.
			this.db
				.update(mailMessages)
				.set({ status: giveUp ? 'failed' : 'queued', lastError: reason })
				.where(and(eq(mailMessages.id, id), ne(mailMessages.toAddress, '')))
				.run();
			log.warn('mail.delivery-failed', {
				mailId: id,
				attempts,
				permanent,
				giveUp,
				...(error instanceof MailDeliveryError ? {} : errorFields(error))
			});
			return error instanceof MailDeliveryError && error.unavailable ? 'unavailable' : 'failed';
		}
		// Delivered. Erased while it was on its way (the person's data went during the send): it
		// went out, but what the erasure removed stays removed.
		const erased = this.db
			.update(mailMessages)
			.set({ status: 'sent', sentAt: new Date(), transport: this.transport.kind })
			.where(and(eq(mailMessages.id, id), eq(mailMessages.toAddress, '')))
			.returning({ id: mailMessages.id })
			.get();
		if (erased) {
			log.info('mail.sent', { mailId: id, kind: claimed.kind, transport: this.transport.kind, erased: true });
			return 'sent';
		}
		// The stored copy keeps no working personal link (the text and the calendar item carried
		// one); nothing sends it again, and the outbox shows links hidden anyway.
		this.db
			.update(mailMessages)
			.set({
				status: 'sent',
				sentAt: new Date(),
				transport: this.transport.kind,
				lastError: null,
				subject: hidePersonalLinks(claimed.subject),
				textBody: hidePersonalLinks(claimed.textBody),
				attachments: claimed.attachments.map((a) =>
					a.contentType.startsWith('text/') ? { ...a, content: hidePersonalLinks(unfold(a.content)) } : a
				)
			})
			.where(eq(mailMessages.id, id))
			.run();
		log.info('mail.sent', { mailId: id, kind: claimed.kind, transport: this.transport.kind });
		return 'sent';
	}

	/** Something to stop along with the queue (the scheduler's timer). */
	onStop(fn: () => void): void {
		this.#onStop.push(fn);
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		for (const fn of this.#onStop) fn();
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		await this.#running?.catch(() => undefined);
		this.transport.close();
	}
}
