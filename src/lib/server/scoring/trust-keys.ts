/**
 * The five behaviours of the wegingsfactor vertrouwen (Drents kwaliteitskader 2019, bijlage 1)
 * and the judgements a quality manager can give per behaviour. Their texts and indicators are
 * seed data (seeds/trust-behaviours.json); the keys live here so the schema can use them.
 */
export { TRUST_BEHAVIOUR_KEYS, TRUST_JUDGEMENTS, type TrustBehaviourKey, type TrustJudgement } from '../../shared/vocabulary';
