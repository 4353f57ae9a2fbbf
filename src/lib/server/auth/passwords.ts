/** Password hashing with argon2id (OWASP's recommended parameters). */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/**
 * Whether the password matches the hash. A stored value that is no argon2 hash (an account
 * made by single sign-on has a marker instead, see ./oidc.ts) matches nothing, but is still
 * answered after a verification against the dummy hash: otherwise such an account would answer
 * a password attempt much faster than one with a password, and the timing would tell which
 * kind of account an e-mail address has.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	if (!passwordHash.startsWith('$argon2')) {
		await verifyAgainstDummy(password);
		return false;
	}
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | null = null;

/** Spends the same time as a real check, so response times do not reveal unknown accounts. */
export async function verifyAgainstDummy(password: string): Promise<void> {
	dummyHash ??= hashPassword('dummy password for timing');
	try {
		await verify(await dummyHash, password);
	} catch {
		// Only the time counts.
	}
}
