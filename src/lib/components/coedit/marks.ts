/** The facilitator's marks on a theme, kept in the session's live state. */
export interface ThemeMarks {
	testQuestionAgreed: boolean;
	criteriaProvisional: boolean;
}

/** Facilitator: sends a mark; resolves whether it was accepted. */
export type MarkTheme = (marks: Partial<ThemeMarks>) => Promise<boolean>;
