/**
 * The wegingsfactor vertrouwen (Toetsingskader 2019 NMD Wmo en Jeugdzorg: the afwegingskader, appendices 1 and 2):
 * five behaviours of a care provider, each with a description and indicators, and a glossary.
 * The texts are seed data (seeds/trust-behaviours.json), transcribed word for word.
 *
 * These are attention points that help a quality manager reach a reasoned judgement on whether
 * trust is strengthened, unchanged, harmed or restored. They are explicitly not a checklist and
 * not a score: the source calls them "een hulpmiddel, ze vormen expliciet geen afvinklijst" and
 * "een aandachtspuntenlijst". Nothing here counts indicators or turns them into a number.
 */
import { z } from 'zod';
import { TRUST_BEHAVIOUR_KEYS, type TrustBehaviourKey } from './trust-keys';
// Located like the framework seeds (see ../frameworks/exchange.ts): imported relative to this
// file, so the bundler includes it in the built server and the source tree reads it directly.
import seed from '../../../../seeds/trust-behaviours.json';

export { TRUST_BEHAVIOUR_KEYS, TRUST_JUDGEMENTS, type TrustBehaviourKey, type TrustJudgement } from './trust-keys';

const text = z.string().trim().min(1);

const behaviourSchema = z.strictObject({
	key: z.enum(TRUST_BEHAVIOUR_KEYS),
	name: text,
	description: text,
	indicators: z.array(text).min(1),
	note: text.optional()
});

const glossaryEntrySchema = z.strictObject({
	term: text,
	definition: text,
	note: text.optional()
});

const trustSeedSchema = z
	.strictObject({
		source: text,
		note: text.optional(),
		behaviours: z.array(behaviourSchema),
		glossary: z.array(glossaryEntrySchema).min(1)
	})
	.superRefine((file, ctx) => {
		const keys = file.behaviours.map((b) => b.key);
		if (keys.length !== TRUST_BEHAVIOUR_KEYS.length || keys.some((k, i) => k !== TRUST_BEHAVIOUR_KEYS[i])) {
			ctx.addIssue({
				code: 'custom',
				path: ['behaviours'],
				message: `expected the behaviours ${TRUST_BEHAVIOUR_KEYS.join(', ')} in that order`
			});
		}
		const terms = file.glossary.map((g) => g.term);
		if (new Set(terms).size !== terms.length) {
			ctx.addIssue({ code: 'custom', path: ['glossary'], message: 'duplicate glossary term' });
		}
	});

export type TrustSeed = z.infer<typeof trustSeedSchema>;
export type TrustBehaviour = TrustSeed['behaviours'][number] & { key: TrustBehaviourKey };
export type TrustGlossaryEntry = TrustSeed['glossary'][number];

/** Validates seed data in the format of seeds/trust-behaviours.json; throws on any problem. */
export function parseTrustSeed(raw: unknown): TrustSeed {
	return trustSeedSchema.parse(raw);
}

let loaded: TrustSeed | undefined;

/** The seed file, validated on first use and then kept. */
function load(): TrustSeed {
	loaded ??= parseTrustSeed(seed);
	return loaded;
}

/** The five behaviours in the source's order (integer handelen ... open en transparant opstellen). */
export function trustBehaviours(): TrustBehaviour[] {
	return load().behaviours;
}

/** The glossary of bijlage 2 (Begrippenlijst wegingsfactor vertrouwen), in the source's order. */
export function trustGlossary(): TrustGlossaryEntry[] {
	return load().glossary;
}

/** The source the texts were transcribed from. */
export function trustSource(): string {
	return load().source;
}
