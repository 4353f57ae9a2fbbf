import type { Announcer } from '$lib/live/announcer.svelte';
import type { ThemeDoc } from '$lib/live/theme-doc.svelte';

/** What every step of working on a theme (MeaningStep, TestQuestionStep, CriteriaStep) gets from ThemeWork. */
export interface StepProps {
	doc: ThemeDoc;
	/** Makes the ids of this theme's fields unique in the page. */
	prefix: string;
	facilitator: boolean;
	me: { participantId: number | null; perspective: string | null };
	readOnly: boolean;
	/** Read-only, or waiting for the texts to come back after a refusal. */
	frozen: boolean;
	announcer?: Announcer;
}

/** The facilitator's marks on a theme, kept in the session's live state. */
export interface ThemeMarks {
	testQuestionAgreed: boolean;
	criteriaProvisional: boolean;
}

/** Facilitator: sends a mark; resolves whether it was accepted. */
export type MarkTheme = (marks: Partial<ThemeMarks>) => Promise<boolean>;
