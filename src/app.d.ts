import type { Locale, MessageKey } from '$lib/i18n';
import type { PublicUser } from '$lib/server/auth/accounts';
import type { Participant } from '$lib/server/db/schema';

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
		}
		interface PageData {
			locale: Locale;
			user: Pick<PublicUser, 'id' | 'name' | 'roles'> | null;
		}
	}
}

export {};
