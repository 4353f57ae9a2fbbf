/**
 * Shapes shared by the server and the components of the provider and assessment pages: what a
 * form shows again, the problems at its fields, and the computed views. Browser-safe: types and
 * constants only (the rules themselves live in $lib/server/scoring).
 */

import type { MessageKey, Params } from '../i18n/core';
import { FUNDING_TYPES, LEVEL_BANDS, OUTCOMES, SCORE_LEVELS, TRUST_JUDGEMENTS } from './vocabulary';
import type { FundingType, Outcome, PlanJudgement, ScoreLevel, TrustJudgement } from './vocabulary';

/** The schema's lists (./vocabulary), by the names the assessment pages use. */
export const FUNDINGS = FUNDING_TYPES;
export type Funding = FundingType;
export const LEVELS = SCORE_LEVELS;
export type Level = ScoreLevel;
export const OUTCOME_KEYS = OUTCOMES;
export type OutcomeKey = Outcome;
export const JUDGEMENTS = TRUST_JUDGEMENTS;
export type Judgement = TrustJudgement;

export const PROVIDER_FIELDS = ['name', 'careType', 'fundings', 'residential', 'dayCare', 'guardianParent', 'note'] as const;
export type ProviderField = (typeof PROVIDER_FIELDS)[number];

/** What the provider form shows: the entered text, the checked fundings and the residential box. */
export interface ProviderFormValues {
	name: string;
	careType: string;
	fundings: string[];
	residential: boolean;
	dayCare: boolean;
	guardianParent: boolean;
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

/** The judgement of an improvement plan (../server/scoring/retest.ts). */
export const PLAN_FIELDS = ['receivedOn', 'judgement', 'motivation'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];
export type PlanFormValues = Record<PlanField, string>;
export const RETEST_FIELDS = ['assessedOn'] as const;
export type RetestField = (typeof RETEST_FIELDS)[number];

/** A share then and now, for people: "69,8 %", "92,4 %", "+22,7" (percentage points) and which way. */
export interface ShareChangeView {
	before: string;
	after: string;
	points: string;
	direction: 'up' | 'down' | 'same' | 'none';
}

/** The follow-up of an assessment as its page shows it (../server/scoring/view.ts, followUpView). */
export interface FollowUpView {
	/** Whether the decision asks the provider for an improvement plan (every outcome but "goed"). */
	asksPlan: boolean;
	/** What the plan form sends back: the judgement it showed, so a colleague's is not overwritten unseen. */
	planStamp: string;
	plan: {
		receivedOn: string;
		receivedLabel: string;
		judgement: PlanJudgement;
		motivation: string | null;
		judgedBy: string | null;
	} | null;
	/** The retest started from this assessment. */
	retest: { id: number; dateLabel: string; status: 'draft' | 'final' } | null;
	/** For a retest: how it compares with the assessment it retests. */
	trend: {
		before: { id: number; dateLabel: string; outcome: OutcomeKey | null };
		outcomeAfter: OutcomeKey | null;
		overall: ShareChangeView;
		themes: (ShareChangeView & { key: string; name: string })[];
		requirements: { better: number; same: number; worse: number };
	} | null;
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
	/** Whom the requirement addresses, in words: "Aanbieder", "Gemeente en aanbieder". */
	addressees: string;
	presumedApplicable: boolean;
	/** The pre-selection in words, with its reason ("Geldt niet: niet van toepassing op PGB."). */
	presumedText: string;
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

/**
 * A level's band in words, from the one definition (LEVEL_BANDS): the source's notation and
 * which side of each boundary counts, e.g. "100–75 %: meer dan 75 % tot en met 100 % van de
 * indicatoren gehaald". `t` is the page's or the document's translator.
 */
export function levelBandText(t: (key: MessageKey, params?: Params) => string, level: Level): string {
	const b = LEVEL_BANDS[level];
	const range =
		b.min === 0 && b.minIncluded
			? t('scoring.band.below', { max: b.max })
			: b.minIncluded
				? t(b.maxIncluded ? 'scoring.band.fromThrough' : 'scoring.band.fromUntil', { min: b.min, max: b.max })
				: t(b.maxIncluded ? 'scoring.band.aboveThrough' : 'scoring.band.aboveUntil', { min: b.min, max: b.max });
	return t('scoring.band.text', { source: `${b.max}–${b.min} %`, range });
}
