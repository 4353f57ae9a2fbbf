/**
 * Single sign-on for staff with OpenID Connect (OIDC_* settings, see ../config.ts): the
 * authorization code flow with PKCE, state and nonce, through the certified relying-party
 * library openid-client. Validating the provider's answer (issuer, audience, signature, expiry,
 * nonce, state) is the library's; this module keeps the pending logins, links the account by
 * the provider's stable subject and maps the roles.
 *
 * A pending login lives in this process for ten minutes, under the hash of a random key that
 * only the browser that started it holds (an HttpOnly cookie): it is used once, so a replayed
 * callback is refused. Nothing here logs or stores a code or token, except the ID token kept
 * with the app's session as the hint for logging out at the provider.
 */
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Db } from '../db';
import type { OidcConfig } from '../config';
import { ROLES, users, type Role, type User } from '../db/schema';
import { audit, SYSTEM, type Actor } from '../audit';
import { DomainError } from '../errors';
import { invalidateUserSessions } from './sessions';
import { accessChanged } from '../access/changes';
import { emailSchema, toPublicUser, type PublicUser } from './accounts';
import { singleLine } from '../validation';

/** Why a login with single sign-on was refused; each has a message `login.oidc.<reason>`. */
export const OIDC_REFUSALS = ['unavailable', 'state', 'cancelled', 'token', 'noRole', 'disabled', 'noEmail', 'emailTaken'] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

export type OidcResult = { ok: true; user: PublicUser; idToken: string; next: string } | { ok: false; reason: OidcRefusal };

export const OIDC_COOKIE = 'kd_oidc';
export const CALLBACK_PATH = '/login/oidc/callback';
const PENDING_MINUTES = 10;
/** At most this many logins may be under way at once (a flood of starts cannot fill the memory). */
const MAX_PENDING = 10_000;
/** A password hash that no password matches: accounts made by single sign-on have no password. */
const NO_PASSWORD = '!sso';

interface Pending {
	state: string;
	nonce: string;
	verifier: string;
	next: string;
	expiresAt: number;
}

/** Whether this account was made by single sign-on and has no password of its own (nothing to change or to protect with MFA here). */
export function ssoOnly(db: Pick<Db, 'select'>, userId: number): boolean {
	return db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.hash === NO_PASSWORD;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url');

export class OidcLogin {
	private configuration: Promise<client.Configuration> | null = null;
	/** The end_session_endpoint's origin, once discovered. */
	private endSessionOrigin: string | null = null;
	private readonly pending = new Map<string, Pending>();

	constructor(
		readonly settings: OidcConfig,
		readonly origin: string
	) {}

	get redirectUri(): string {
		return `${this.origin}${CALLBACK_PATH}`;
	}

	/** The provider's discovered configuration, fetched once (again after a failure). */
	discover(): Promise<client.Configuration> {
		if (!this.configuration) {
			const { issuer, clientId, clientAuth } = this.settings;
			const url = new URL(issuer);
			const metadata: Partial<client.ClientMetadata> = { redirect_uris: [this.redirectUri], response_types: ['code'] };
			if (clientAuth.method === 'client_secret') metadata.client_secret = clientAuth.secret;
			const options = url.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
			this.configuration = (async () => {
				const auth =
					clientAuth.method === 'client_secret'
						? client.ClientSecretPost(clientAuth.secret)
						: client.PrivateKeyJwt(await privateKey(clientAuth.keyPem));
				const discovered = await client.discovery(url, clientId, metadata, auth, options);
				const endSession = discovered.serverMetadata().end_session_endpoint;
				this.endSessionOrigin = endSession ? new URL(endSession).origin : null;
				return discovered;
			})().catch((error: unknown) => {
				this.configuration = null;
				throw error;
			});
		}
		return this.configuration;
	}

	/** Starts a login: the address at the provider, and the key for this browser's cookie. */
	async start(next: string, now = Date.now()): Promise<{ url: string; browserKey: string }> {
		const configuration = await this.discover();
		this.prune(now);
		if (this.pending.size >= MAX_PENDING) throw new Error('too many single sign-on logins under way');
		const verifier = client.randomPKCECodeVerifier();
		const pending: Pending = {
			state: client.randomState(),
			nonce: client.randomNonce(),
			verifier,
			next,
			expiresAt: now + PENDING_MINUTES * 60_000
		};
		const url = client.buildAuthorizationUrl(configuration, {
			redirect_uri: this.redirectUri,
			scope: 'openid profile email',
			code_challenge: await client.calculatePKCECodeChallenge(verifier),
			code_challenge_method: 'S256',
			state: pending.state,
			nonce: pending.nonce
		});
		const browserKey = randomBytes(32).toString('base64url');
		this.pending.set(hashKey(browserKey), pending);
		return { url: url.href, browserKey };
	}

	/**
	 * Finishes a login at the callback: `query` is the callback's query string, `browserKey`
	 * the cookie of the browser that started it. Every refusal is audited without personal data.
	 */
	async finish(db: Db, query: string, browserKey: string | undefined, now = Date.now()): Promise<OidcResult> {
		const key = browserKey ? hashKey(browserKey) : null;
		const pending = key ? this.pending.get(key) : undefined;
		// Used once, whatever happens next.
		if (key) this.pending.delete(key);
		if (!pending || pending.expiresAt <= now || new URLSearchParams(query).get('state') !== pending.state) {
			return refuse(db, 'state');
		}
		let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
		try {
			tokens = await client.authorizationCodeGrant(await this.discover(), new URL(`${this.redirectUri}${query}`), {
				pkceCodeVerifier: pending.verifier,
				expectedState: pending.state,
				expectedNonce: pending.nonce,
				idTokenExpected: true
			});
		} catch (error) {
			if (error instanceof client.AuthorizationResponseError) {
				return refuse(db, 'cancelled', { error: safeCode(error.error) });
			}
			return refuse(db, 'token', failedCheck(error));
		}
		const claims = tokens.claims();
		if (!claims || !tokens.id_token) return refuse(db, 'token', { check: 'id_token' });
		const result = this.signIn(db, claims);
		if (!result.ok) return result;
		return { ok: true, user: result.user, idToken: tokens.id_token, next: pending.next };
	}

	/** Links the person to an account by issuer and subject, and maps the roles (see the guide). */
	signIn(db: Db, claims: client.IDToken): { ok: true; user: PublicUser } | { ok: false; reason: OidcRefusal } {
		const issuer = claims.iss;
		const subject = claims.sub;
		const mapped = this.settings.rolesClaim ? mapRoles(claims[this.settings.rolesClaim], this.settings.roleMap) : null;
		let rolesChanged: number | null = null;
		const result = db.transaction((tx): { ok: true; user: PublicUser } | { ok: false; reason: OidcRefusal } => {
			let user: User | undefined = tx
				.select()
				.from(users)
				.where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
				.get();
			if (!user) {
				const email = emailSchema.safeParse(claims.email);
				const existing = email.success ? tx.select().from(users).where(eq(users.email, email.data)).get() : undefined;
				if (existing) {
					// Linked by e-mail only when the provider vouches for the address and the account has no other subject.
					if (claims.email_verified !== true || existing.oidcSubject !== null) return refuse(tx, 'emailTaken');
					if (existing.disabledAt) return refuse(tx, 'disabled', undefined, existing.id);
					user = tx
						.update(users)
						.set({ oidcIssuer: issuer, oidcSubject: subject, updatedAt: new Date() })
						.where(and(eq(users.id, existing.id), isNull(users.oidcSubject)))
						.returning()
						.get();
					if (!user) return refuse(tx, 'emailTaken');
					audit(tx, SYSTEM, 'account.oidc-link', { type: 'user', id: user.id }, { by: 'email_verified' });
				} else {
					if (!mapped || mapped.length === 0) return refuse(tx, 'noRole');
					if (!email.success) return refuse(tx, 'noEmail');
					user = tx
						.insert(users)
						.values({
							email: email.data,
							name: displayName(claims, email.data),
							passwordHash: NO_PASSWORD,
							roles: mapped,
							oidcIssuer: issuer,
							oidcSubject: subject
						})
						.returning()
						.get();
					audit(tx, SYSTEM, 'account.create', { type: 'user', id: user.id }, { roles: user.roles, via: 'oidc' });
				}
			}
			if (user.disabledAt) return refuse(tx, 'disabled', undefined, user.id);
			if (mapped) {
				if (mapped.length === 0) return refuse(tx, 'noRole', undefined, user.id);
				if (!sameRoles(mapped, user.roles)) {
					const before = user.roles;
					user = tx.update(users).set({ roles: mapped, updatedAt: new Date() }).where(eq(users.id, user.id)).returning().get()!;
					audit(tx, SYSTEM, 'account.roles-from-provider', { type: 'user', id: user.id }, { before, after: mapped });
					rolesChanged = user.id;
				}
			}
			audit(tx, { type: 'user', id: user.id }, 'account.login', { type: 'user', id: user.id }, { method: 'oidc' });
			return { ok: true, user: toPublicUser(user) };
		});
		// Live connections of this person get the new rights at once.
		if (rolesChanged !== null) accessChanged(db, { userIds: [rolesChanged] });
		return result;
	}

	/** Where to send the browser to end the provider's session too, or null when it offers none. */
	async logoutUrl(idToken: string): Promise<string | null> {
		try {
			const configuration = await this.discover();
			if (!configuration.serverMetadata().end_session_endpoint) return null;
			return client.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: `${this.origin}/` }).href;
		} catch {
			return null;
		}
	}

	/**
	 * The origins a form on this site may lead to (CSP form-action): the login button and the
	 * logout form end in a redirect to the provider.
	 */
	formTargets(): string[] {
		const origins = new Set([new URL(this.settings.issuer).origin]);
		if (this.endSessionOrigin) origins.add(this.endSessionOrigin);
		return [...origins];
	}

	private prune(now: number): void {
		for (const [key, value] of this.pending) if (value.expiresAt <= now) this.pending.delete(key);
	}
}

/** One OidcLogin per configuration (the runtime's): discovery and pending logins are shared. */
const instances = new WeakMap<OidcConfig, OidcLogin>();

export function oidcLogin(settings: OidcConfig, origin: string): OidcLogin {
	let instance = instances.get(settings);
	if (!instance || instance.origin !== origin) {
		instance = new OidcLogin(settings, origin);
		instances.set(settings, instance);
	}
	return instance;
}

/** The key for private_key_jwt: RSA (RS256), EC P-256/384/521 (ES*) or Ed25519. */
async function privateKey(pem: string): Promise<CryptoKey> {
	const key = createPrivateKey(pem);
	const der = key.export({ type: 'pkcs8', format: 'der' });
	const curve = key.asymmetricKeyDetails?.namedCurve;
	const algorithm: RsaHashedImportParams | EcKeyImportParams | { name: string } =
		key.asymmetricKeyType === 'rsa'
			? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
			: key.asymmetricKeyType === 'ec'
				? { name: 'ECDSA', namedCurve: curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : 'P-256' }
				: { name: 'Ed25519' };
	return crypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
}

function refuse(
	db: Pick<Db, 'insert'>,
	reason: OidcRefusal,
	details?: Record<string, string>,
	userId?: number
): { ok: false; reason: OidcRefusal } {
	audit(db, SYSTEM, 'account.login-refused', userId === undefined ? undefined : { type: 'user', id: userId }, {
		method: 'oidc',
		reason,
		...details
	});
	return { ok: false, reason };
}

/** What failed, for the audit log: the library's error code and the claim, never a value. */
function failedCheck(error: unknown): Record<string, string> {
	const details: Record<string, string> = {};
	if (error && typeof error === 'object') {
		const { code, cause, error: oauthError } = error as { code?: unknown; cause?: unknown; error?: unknown };
		if (typeof code === 'string') details.code = safeCode(code);
		if (typeof oauthError === 'string') details.error = safeCode(oauthError);
		// openid-client wraps oauth4webapi's error, whose cause names the claim that failed.
		let inner: unknown = cause;
		for (let depth = 0; depth < 3 && inner && typeof inner === 'object'; depth++) {
			const claim = (inner as { claim?: unknown }).claim;
			if (typeof claim === 'string') {
				details.check = safeCode(claim);
				break;
			}
			inner = (inner as { cause?: unknown }).cause;
		}
	}
	return details;
}

const safeCode = (value: string) => value.replace(/[^\w.-]/g, '').slice(0, 60);

function mapRoles(claim: unknown, map: Record<string, Role[]>): Role[] {
	const groups = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim.filter((g) => typeof g === 'string') : [];
	const roles = new Set(groups.flatMap((group) => map[group] ?? []));
	return ROLES.filter((role) => roles.has(role));
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((role) => b.includes(role));

function displayName(claims: client.IDToken, email: string): string {
	const given = typeof claims.given_name === 'string' ? claims.given_name : '';
	const family = typeof claims.family_name === 'string' ? claims.family_name : '';
	const candidates = [claims.name, `${given} ${family}`, email.split('@')[0]];
	for (const candidate of candidates) {
		const parsed = singleLine(120).safeParse(candidate);
		if (parsed.success) return parsed.data;
	}
	return email;
}

/** The identity provider the account is linked to (its issuer), or null when it is not linked. */
export function oidcIssuerOf(db: Pick<Db, 'select'>, userId: number): string | null {
	const row = db.select({ issuer: users.oidcIssuer, subject: users.oidcSubject }).from(users).where(eq(users.id, userId)).get();
	return row?.subject ? (row.issuer ?? '') : null;
}

/**
 * Ends the link between an account and its person at the identity provider, for example when
 * the wrong person was linked or the person got a new organisation account. The next login
 * through the provider links again only by a verified e-mail address that matches the account
 * (see signIn). The person is logged out everywhere at once. Audited, without the subject.
 */
export function unlinkOidc(db: Db, actor: Actor, userId: number): void {
	const found = db.select({ issuer: users.oidcIssuer, subject: users.oidcSubject }).from(users).where(eq(users.id, userId)).get();
	if (!found) throw new DomainError('error.missing', 404);
	if (found.subject === null) throw new DomainError('oidc.error.notLinked', 409);
	db.transaction((tx) => {
		tx.update(users).set({ oidcIssuer: null, oidcSubject: null, updatedAt: new Date() }).where(eq(users.id, userId)).run();
		audit(tx, actor, 'account.oidc-unlink', { type: 'user', id: userId }, { issuer: found.issuer });
	});
	invalidateUserSessions(db, userId);
}
