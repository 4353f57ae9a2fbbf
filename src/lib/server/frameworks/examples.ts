/**
 * Example criteria for the criteria step (issue 19), as inspiration: for each theme of a
 * session that comes from its framework version, the requirements that version gives for the
 * theme, word for word and in the source's order, grouped by where they come from. For the
 * MOVISIE 2013 version these are exactly the "Voorbeeldcriteria" of bijlage 1 (three themes;
 * the other seven have none). Nothing here is personal data: a version's texts are what the
 * session's theme texts come from, and the pages give them to whoever may see the session.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { translator, type Locale } from '../../i18n';
import { provenanceText } from '../../shared/frameworks';
import type { CriteriaExampleGroup, CriteriaExamples } from '../../shared/criteria-examples';
import type { Db } from '../db';
import { frameworkRequirements, frameworkThemes, sessionThemes, type DialogueSession } from '../db/schema';

/** The examples per theme key of the session; themes without any (and proposals) are left out. */
export function criteriaExamples(
	db: Pick<Db, 'select'>,
	session: Pick<DialogueSession, 'id' | 'frameworkVersionId'>,
	locale: Locale
): CriteriaExamples {
	if (session.frameworkVersionId === null) return {};
	const keys = db
		.select({ key: sessionThemes.key })
		.from(sessionThemes)
		.where(and(eq(sessionThemes.dialogueSessionId, session.id), inArray(sessionThemes.origin, ['framework', 'carried'])))
		.all()
		.map((r) => r.key);
	if (keys.length === 0) return {};
	const rows = db
		.select({ themeKey: frameworkThemes.key, text: frameworkRequirements.text, provenance: frameworkRequirements.provenance })
		.from(frameworkRequirements)
		.innerJoin(frameworkThemes, eq(frameworkThemes.id, frameworkRequirements.themeId))
		.where(and(eq(frameworkRequirements.versionId, session.frameworkVersionId), inArray(frameworkThemes.key, keys)))
		.orderBy(asc(frameworkThemes.position), asc(frameworkRequirements.position))
		.all();
	const t = translator(locale);
	const out: CriteriaExamples = {};
	for (const row of rows) {
		const groups: CriteriaExampleGroup[] = (out[row.themeKey] ??= []);
		const source = provenanceText(t, row.provenance, locale);
		const last = groups.at(-1);
		if (last && last.source === source) last.texts.push(row.text);
		else groups.push({ source, texts: [row.text] });
	}
	return out;
}
