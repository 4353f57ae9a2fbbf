import type { Locale, MessageKey } from '$lib/i18n';
import type { PublicUser } from '$lib/server/auth/accounts';
import type { Participant } from '$lib/server/db/schema';
import type { Caller } from '$lib/server/access';
import type { Config } from '$lib/server/config';
import type { Db } from '$lib/server/db';
import type { MailQueue } from '$lib/server/mail/outbox';
import type { Realtime } from '$lib/server/realtime';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: MessageKey;
			id?: string;
		}
		interface Locals {
			locale: Locale;
			user: PublicUser | null;
			sessionId: string | null;
			/** This staff login may only set up MFA (a password login that requires it; $lib/server/auth/mfa). */
			mfaEnrolmentRequired: boolean;
			participant: Participant | null;
			/** The staff login and participant token of this request ($lib/server/access). */
			callers: Caller[];
			/** The runtime of this process ($lib/server/runtime), filled in hooks.server.ts for routes and guards. */
			db: Db;
			config: Config;
			/** The origin the app is reached at. */
			origin: string;
			/** Mail delivery; null where no mail is sent. */
			mail: MailQueue | null;
			/** socket.io and Yjs; null before they are attached. */
			realtime: Realtime | null;
		}
		interface PageData {
			locale: Locale;
			user: Pick<PublicUser, 'id' | 'name' | 'roles'> | null;
		}
	}
}

export {};
