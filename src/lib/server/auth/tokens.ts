/**
 * Tokens the way the Lucia guide now teaches: `<id>.<secret>`, both random; the database
 * keeps the id and a SHA-256 hash of the secret, compared in constant time. A leaked
 * database therefore holds no usable token. Used for staff sessions and participant links.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export function randomString(bytes = 24): string {
	const buffer = new Uint8Array(bytes);
	crypto.getRandomValues(buffer);
	return encodeBase32LowerCaseNoPadding(buffer);
}

export function hashSecret(secret: string): Buffer {
	return Buffer.from(sha256(new TextEncoder().encode(secret)));
}

export interface NewToken {
	id: string;
	secretHash: Buffer;
	token: string;
}

export function newToken(): NewToken {
	const id = randomString(15);
	const secret = randomString(24);
	return { id, secretHash: hashSecret(secret), token: `${id}.${secret}` };
}

const TOKEN = /^([a-z2-7]{24})\.([a-z2-7]{39})$/;

/** Splits a token; null for anything that does not have the shape of one. */
export function parseToken(token: string | null | undefined): { id: string; secret: string } | null {
	if (!token) return null;
	const match = TOKEN.exec(token);
	return match ? { id: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	const hash = hashSecret(secret);
	return hash.length === storedHash.length && constantTimeEqual(hash, new Uint8Array(storedHash));
}
