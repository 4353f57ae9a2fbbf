/**
 * Page data of dialogue sessions (plain functions): where a personal link takes its person,
 * the address participants join at, and its QR code for the projector.
 */
import QRCode from 'qrcode';
import type { Db } from '../db';
import type { Participant } from '../db/schema';
import { getReport } from '../reports/reports';
import { getDialogueSession } from './setup';

/** Where a personal link takes its person: the report once it was sent after the session, else the session (a closed one can still be read). */
export function participantLanding(db: Pick<Db, 'select'>, participant: Pick<Participant, 'dialogueSessionId'>): string {
	const id = participant.dialogueSessionId;
	const report = getDialogueSession(db, id)?.status === 'closed' ? getReport(db, id) : undefined;
	return report && report.status !== 'draft' ? `/live/${id}/report` : `/live/${id}`;
}

/** The address participants join at; the QR code on the projector holds it. */
export function joinUrl(origin: string, code: string): string {
	return `${origin}/join?code=${encodeURIComponent(code)}`;
}

/** A QR code of `text` as an SVG image (black on white, with a quiet zone), made on the server. */
export async function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
}
