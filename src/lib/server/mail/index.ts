/**
 * Starts the mail delivery and the follow-up scheduler of a running server: the outbox queue
 * delivers due mail (and retries), and once a minute the reminders that have become due are
 * queued. Routes that queue mail call `runtime.mail?.kick()` so it goes out at once.
 */
import { errorFields, log } from '../log';
import type { Runtime } from '../runtime';
import { sendDueReminders } from '../reports/reports';
import { MailQueue } from './outbox';
import { createMailTransport } from './transport';
import { startRetention } from '../privacy/scheduler';

export function startMail(runtime: Runtime, intervalMs = 60_000): MailQueue {
	const { config } = runtime;
	const queue = new MailQueue(runtime.db, createMailTransport(config), {
		from: config.mailFrom,
		retrySeconds: config.mailRetrySeconds,
		maxAttempts: config.mailMaxAttempts
	});
	runtime.mail = queue;
	const tick = () => {
		try {
			if (sendDueReminders(runtime.db, runtime.origin) > 0) queue.kick();
		} catch (error) {
			log.error('reminders.failed', errorFields(error));
		}
	};
	tick();
	const timer = setInterval(tick, intervalMs);
	timer.unref();
	queue.onStop(() => clearInterval(timer));
	// Retention (privacy) runs at start-up and daily, stopped with the queue.
	queue.onStop(startRetention(runtime));
	queue.start(Math.min(intervalMs, 15_000));
	log.info('mail.ready', { transport: queue.transport.kind });
	return queue;
}
