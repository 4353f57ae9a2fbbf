import type { Locale, MessageKey } from '$lib/i18n';
import type { PublicUser } from '$lib/server/auth/accounts';
import type { Participant } from '$lib/server/db/schema';
import type { Caller } from '$lib/server/access';

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
			participant: Participant | null;
			/** The staff login and participant token of this request ($lib/server/access). */
			callers: Caller[];
		}
		interface PageData {
			locale: Locale;
			user: Pick<PublicUser, 'id' | 'name' | 'roles'> | null;
		}
	}
}

export {};
