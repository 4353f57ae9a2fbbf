/**
 * The provider register (zorgaanbieders): name, kind of support, how it is paid for (zorg in
 * natura, PGB to a professional, PGB to a relative), whether clients stay there (verblijf),
 * whether it offers day care (dagbesteding) and, with a PGB for a naaste, whether that naaste
 * is the client's gezaghebbende ouder. These facts decide which requirements of a framework
 * apply (proportionality): see presumeApplicable in ./assessments.ts.
 */
import { asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { FUNDING_TYPES, assessments, providers, type Assessment, type Provider } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { singleLine, validate } from '../validation';

const providerFields = z.object({
	name: singleLine(200),
	careType: singleLine(200),
	fundings: z.array(z.enum(FUNDING_TYPES)).min(1).max(FUNDING_TYPES.length),
	residential: z.boolean().default(false),
	/** Day care (dagbesteding) at the provider's location: a fact of its own, apart from residential stay. */
	dayCare: z.boolean().default(false),
	/**
	 * With a PGB for a naaste: whether the naaste is the client's gezaghebbende ouder. Left out
	 * (null): not recorded; starting an assessment whose requirements depend on it then asks for it.
	 */
	guardianParent: z
		.boolean()
		.nullish()
		.transform((v) => v ?? null),
	note: z
		.string()
		.trim()
		.max(2000)
		.nullish()
		.transform((v) => (v ? v : null))
});

/** The gezaghebbende ouder is a fact about a naaste: only with a PGB for a naaste. */
const guardianNeedsInformal = (p: { fundings: string[]; guardianParent: boolean | null }) =>
	p.guardianParent !== true || p.fundings.includes('pgb_informal');
const guardianRefinement = { path: ['guardianParent'], message: 'error.provider.guardianWithoutInformal' };

export const providerSchema = providerFields.refine(guardianNeedsInformal, guardianRefinement);
export type ProviderInput = z.input<typeof providerSchema>;

function sameName(tx: Pick<Db, 'select'>, name: string, exceptId?: number): boolean {
	const wanted = name.toLocaleLowerCase('nl');
	return tx
		.select({ id: providers.id, name: providers.name })
		.from(providers)
		.all()
		.some((p) => p.id !== exceptId && p.name.toLocaleLowerCase('nl') === wanted);
}

export function createProvider(db: Db, actor: Actor, input: ProviderInput): Provider {
	const data = normalise(validate(providerSchema, input));
	return db.transaction((tx) => {
		if (sameName(tx, data.name)) throw new DomainError('error.provider.exists', 409);
		const row = tx.insert(providers).values(data).returning().get();
		audit(tx, actor, 'provider.create', { type: 'provider', id: row.id });
		return row;
	});
}

export const providerUpdateSchema = providerFields
	.extend({ revision: z.number().int().positive() })
	.refine(guardianNeedsInformal, guardianRefinement);

/** Without a PGB for a naaste the question whether the naaste is a gezaghebbende ouder does not arise. */
function normalise<T extends { fundings: (typeof FUNDING_TYPES)[number][]; guardianParent: boolean | null }>(data: T): T {
	data.fundings = [...new Set(data.fundings)];
	if (!data.fundings.includes('pgb_informal')) data.guardianParent = null;
	return data;
}

export function updateProvider(db: Db, actor: Actor, id: number, input: z.input<typeof providerUpdateSchema>): Provider {
	const { revision, ...rest } = validate(providerUpdateSchema, input);
	const data = normalise(rest);
	return db.transaction((tx) => {
		const current = tx.select().from(providers).where(eq(providers.id, id)).get();
		if (!current) throw new DomainError('error.missing', 404);
		if (current.revision !== revision) throw new DomainError('error.provider.conflict', 409);
		if (sameName(tx, data.name, id)) throw new DomainError('error.provider.exists', 409);
		const row = tx
			.update(providers)
			.set({ ...data, revision: current.revision + 1, updatedAt: new Date() })
			.where(eq(providers.id, id))
			.returning()
			.get();
		audit(tx, actor, 'provider.update', { type: 'provider', id });
		return row;
	});
}

export function getProvider(db: Pick<Db, 'select'>, id: number): Provider | undefined {
	return db.select().from(providers).where(eq(providers.id, id)).get();
}

export function listProviders(db: Pick<Db, 'select'>): Provider[] {
	return db.select().from(providers).orderBy(asc(providers.name)).all();
}

/** The provider's assessments, newest first. */
export function providerHistory(db: Pick<Db, 'select'>, providerId: number): Assessment[] {
	return db
		.select()
		.from(assessments)
		.where(eq(assessments.providerId, providerId))
		.orderBy(desc(assessments.assessedOn), desc(assessments.id))
		.all();
}
