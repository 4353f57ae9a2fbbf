/**
 * Shapes shared by the server and the components of the provider and assessment pages: what a
 * form shows again, the problems at its fields, and the computed views. Browser-safe: types and
 * constants only (the rules themselves live in $lib/server/scoring).
 */
import type { MessageKey, Params } from '$lib/i18n';

/** A problem at one field (or of the whole form): a message key with its parameters. */
export interface FieldProblem {
	code: MessageKey;
	params?: Params;
}

export type FieldErrors<F extends string> = Partial<Record<F, FieldProblem>>;

/** The same lists as the schema's, repeated here because the schema module is server-only. */
export const FUNDINGS = ['zin', 'pgb_professional', 'pgb_informal'] as const;
export type Funding = (typeof FUNDINGS)[number];
export const LEVELS = ['meets', 'largely', 'largely_not', 'not'] as const;
export type Level = (typeof LEVELS)[number];
export const OUTCOME_KEYS = ['good', 'sufficient', 'insufficient'] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];
export const JUDGEMENTS = ['strengthened', 'unchanged', 'harmed', 'restored'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

export const PROVIDER_FIELDS = ['name', 'careType', 'fundings', 'residential', 'note'] as const;
export type ProviderField = (typeof PROVIDER_FIELDS)[number];

/** What the provider form shows: the entered text, the checked fundings and the residential box. */
export interface ProviderFormValues {
	name: string;
	careType: string;
	fundings: string[];
	residential: boolean;
	note: string;
}

export const START_FIELDS = ['frameworkVersionId', 'assessedOn'] as const;
export type StartField = (typeof START_FIELDS)[number];

export const ITEM_FIELDS = ['applicable', 'applicabilityReason', 'level', 'evidence', 'explanation'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

export interface ItemFormValues {
	applicable: 'yes' | 'no';
	applicabilityReason: string;
	level: string;
	evidence: string;
	explanation: string;
}

export const AMEND_FIELDS = ['reason', 'level', 'evidence', 'explanation'] as const;
export type AmendField = (typeof AMEND_FIELDS)[number];

export interface AmendFormValues {
	reason: string;
	level: string;
	evidence: string;
	explanation: string;
}

export const DECISION_FIELDS = ['decision', 'decidedOutcome', 'motivation', 'improvementPlanDue', 'retestDue'] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];

export interface DecisionFormValues {
	decision: string;
	decidedOutcome: string;
	motivation: string;
	improvementPlanDue: string;
	retestDue: string;
}

/** A share as the pages show it: the arithmetic ("29,75 / 40 = 74,4 %") and the percentage. */
export interface ShareView {
	assessed: number;
	percent: number | null;
	percentLabel: string;
	arithmetic: string;
}

/** One requirement of an assessment with what the framework says about it and what was found. */
export interface ItemView {
	id: number;
	revision: number;
	/** "Eis 3": the heading within its theme. */
	title: string;
	/** "Veiligheid, eis 3": the name outside its theme (buttons, messages). */
	label: string;
	text: string;
	testMethod: string | null;
	evidenceHint: string | null;
	conditions: string | null;
	exceptions: string | null;
	residentialOnly: boolean;
	presumedApplicable: boolean;
	applicable: boolean;
	applicabilityReason: string | null;
	level: Level | null;
	evidence: string | null;
	explanation: string | null;
}

/** One point of the trend: a final assessment's overall share. */
export interface TrendPoint {
	id: number;
	dateLabel: string;
	percent: number | null;
	percentLabel: string;
	arithmetic: string;
	outcome: OutcomeKey | null;
}
