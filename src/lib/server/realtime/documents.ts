/**
 * Names of co-edited documents. One document per theme per dialogue session:
 * `session/<sessionId>/theme/<themeKey>`, reached at `/yjs/session/<sessionId>/theme/<themeKey>`.
 */
const DOC_NAME = /^session\/([1-9]\d{0,9})\/theme\/([a-z0-9][a-z0-9-]{0,63})$/;

export interface DocRef {
	dialogueSessionId: number;
	themeKey: string;
}

export function parseDocName(name: string): DocRef | null {
	const match = DOC_NAME.exec(name);
	return match ? { dialogueSessionId: Number(match[1]), themeKey: match[2]! } : null;
}

export function docName(ref: DocRef): string {
	return `session/${ref.dialogueSessionId}/theme/${ref.themeKey}`;
}

export function isSessionDoc(dialogueSessionId: number): (name: string) => boolean {
	return (name) => parseDocName(name)?.dialogueSessionId === dialogueSessionId;
}
