/**
 * The five behaviours of the wegingsfactor vertrouwen (Drents kwaliteitskader 2019, bijlage 1)
 * and the judgements a quality manager can give per behaviour. Their texts and indicators are
 * seed data (seeds/trust-behaviours.json); the keys live here so the schema can use them.
 */
export const TRUST_BEHAVIOUR_KEYS = ['integrity', 'learning', 'accountability', 'testability', 'transparency'] as const;
export type TrustBehaviourKey = (typeof TRUST_BEHAVIOUR_KEYS)[number];
export const TRUST_JUDGEMENTS = ['strengthened', 'unchanged', 'harmed', 'restored'] as const;
export type TrustJudgement = (typeof TRUST_JUDGEMENTS)[number];
