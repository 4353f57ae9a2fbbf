/** Password hashing with argon2id (OWASP's recommended parameters). */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
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
	await verifyPassword(await dummyHash, password);
}
