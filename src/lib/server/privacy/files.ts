/**
 * Without a mail server, delivered mail is kept as .eml files under DATA_DIR/mail (the file
 * transport). When a mail's content is removed from the outbox, its file goes too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { safeFileName } from '../mail/transport';

/** Removes the .eml copies of these messages, if any; returns how many were there. */
export function removeMailFiles(dataDir: string, messageIds: string[]): number {
	let removed = 0;
	for (const id of messageIds) {
		const file = path.join(dataDir, 'mail', `${safeFileName(id)}.eml`);
		if (fs.existsSync(file)) {
			fs.rmSync(file, { force: true });
			removed++;
		}
	}
	return removed;
}
