/**
 * Runs retention (./retention.ts) at start-up and then once a day, alongside the mail
 * scheduler, and removes the .eml copies of mail whose content it removed.
 */
import { errorFields, log } from '../log';
import type { Runtime } from '../runtime';
import { removeMailFiles } from './files';
import { runRetention } from './retention';

export const RETENTION_INTERVAL_MS = 24 * 3600_000;

/** One run; logs counts only. */
export function retentionTick(runtime: Runtime, now = new Date()): void {
	try {
		const run = runRetention(runtime.db, runtime.config.retentionMonths, now);
		const files = removeMailFiles(runtime.config.dataDir, run.messageIds);
		if (run.sessions > 0) log.info('privacy.retention', { sessions: run.sessions, ...run.counts, files });
	} catch (error) {
		log.error('privacy.retention-failed', errorFields(error));
	}
}

/** Starts the daily run; returns a function that stops it. */
export function startRetention(runtime: Runtime, intervalMs = RETENTION_INTERVAL_MS): () => void {
	retentionTick(runtime);
	const timer = setInterval(() => retentionTick(runtime), intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
