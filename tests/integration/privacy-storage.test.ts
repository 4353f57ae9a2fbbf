/**
 * Erased means gone from the disk: after the beheerder erases a person through the page, while
 * the server and its Yjs process run and someone co-edits, the raw bytes of the database file,
 * its WAL and a backup made afterwards (`npm run backup`, the built command) hold nothing of
 * the person: name, e-mail address, phone number, notes (also an earlier version of them),
 * and the subject and text of the mail they had.
 *
 * The database is prepared before the server starts as an installation that ran before
 * secure_delete was on: its free space holds deleted content that was never zeroed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DATABASE_FILE, migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { mailMessages, participants, sessionThemes } from '../../src/lib/server/db/schema';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import { addListedParticipant, updateListedParticipant } from '../../src/lib/server/sessions/participants';
import { saveInvitationTemplate, sendInvitations } from '../../src/lib/server/sessions/invitations';
import { MIGRATIONS } from '../helpers/db';
import { plannedWorld } from '../helpers/follow-up';
import { eventually, yjsClient, type YClient } from '../helpers/realtime';
import { startTestServer, tempDataDir } from '../helpers/server';

const run = promisify(execFile);
const SERVER = fileURLToPath(new URL('../../build/server.js', import.meta.url));

const NAME = 'Xandra Kwakkelstein';
const EMAIL = 'xandra.kwakkelstein@voorbeeld.test';
const PHONE = '06-13572468';
/** An earlier, longer version of the notes: its bytes stay behind in free space when they are replaced. */
const OLD_NOTES =
	`Eerdere notitie: komt met de taxi van Kwakkelstein-vervoer. ${'Wil vooraf gebeld worden over de route en de tijd. '.repeat(8)}`.trim();
const NOTES = 'Heeft een rolstoel; bellen over de Kwakkelstein-regeling';

/** Where each of `needles` occurs in `bytes` (as UTF-8), by name. */
function found(bytes: Buffer, needles: Record<string, string>): string[] {
	return Object.entries(needles)
		.filter(([, text]) => bytes.includes(Buffer.from(text, 'utf8')))
		.map(([what]) => what);
}

describe('erasure reaches the bytes on disk', () => {
	let server: Awaited<ReturnType<typeof startTestServer>>;
	let dataDir: string;
	let adminCookie: string;
	let facilitatorCookie: string;
	let personId: number;
	let docName: string;
	const editors: YClient[] = [];

	beforeAll(async () => {
		dataDir = tempDataDir('kd-erase-');
		const db = openDatabase(dataDir);
		// Before this version: deleted content was left in free space.
		db.$client.pragma('secure_delete = OFF');
		migrateDatabase(db, MIGRATIONS);
		const world = await plannedWorld(db);
		saveInvitationTemplate(db, world.actor, world.session.id, {
			subject: 'Uitnodiging voor {naam}',
			body: 'Beste {naam},\n\nU bent welkom bij {titel} op {datum}.\n\nUw persoonlijke link: {link}\n\nGroet, {gespreksleider}'
		});
		const person = addListedParticipant(db, world.actor, world.session.id, {
			displayName: NAME,
			perspective: 'client',
			email: EMAIL,
			phone: PHONE,
			notes: OLD_NOTES
		});
		updateListedParticipant(db, world.actor, world.session.id, person.id, {
			displayName: NAME,
			perspective: 'client',
			email: EMAIL,
			phone: PHONE,
			notes: NOTES
		});
		personId = person.id;
		sendInvitations(db, world.actor, world.session.id, 'http://localhost');
		// A chosen theme, so the session has a document in the Yjs process.
		const theme = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, world.session.id)).all()[0]!;
		db.update(sessionThemes).set({ chosenRank: 1 }).where(eq(sessionThemes.id, theme.id)).run();
		docName = `session/${world.session.id}/theme/${theme.key}`;
		const admin = await createAccount(
			db,
			SYSTEM,
			{ email: 'opslag-beheer@gemeente.test', name: 'Bea Beheer', roles: ['admin'] },
			'een goed wachtwoord'
		);
		adminCookie = `kd_session=${createSession(db, admin.id, 7).token}`;
		facilitatorCookie = world.cookie;
		db.$client.close();
		server = await startTestServer({ dataDir });
	});
	afterAll(async () => {
		for (const e of editors) e.destroy();
		await server?.close();
	});

	it('leaves no name, address, phone number, notes or mail of the erased person in the file, the WAL or a backup', async () => {
		const db = server.runtime.db;
		// The invitations go out (as .eml files: no mail server here).
		await server.runtime.mail!.deliverDue();
		const mail = db
			.select()
			.from(mailMessages)
			.where(and(eq(mailMessages.participantId, personId)))
			.get()!;
		expect(mail.status).toBe('sent');
		expect(mail.subject).toBe(`Uitnodiging voor ${NAME}`);
		const secrets: Record<string, string> = {
			name: NAME,
			email: EMAIL,
			phone: PHONE,
			notes: NOTES,
			oldNotes: OLD_NOTES,
			subject: mail.subject,
			text: mail.textBody
		};
		for (const [i, line] of mail.textBody.split('\n').entries())
			if (line.includes(NAME) || line.includes('/j/')) secrets[`text line ${i + 1}`] = line;

		// Someone co-edits in the Yjs process (its own connection to the database) meanwhile.
		const editor = yjsClient(server.url, docName, { cookie: facilitatorCookie });
		editors.push(editor);
		await editor.synced;
		editor.doc.getText('meaning').insert(0, 'Eerste woorden. ');
		await eventually(() => (fs.existsSync(walFile()) ? fs.statSync(walFile()).size > 0 : false), 3000, 'a write in the WAL');

		const before = Buffer.concat([fs.readFileSync(dbFile()), fs.existsSync(walFile()) ? fs.readFileSync(walFile()) : Buffer.alloc(0)]);
		expect(found(before, secrets)).toContain('name');

		// The beheerder erases the person through the page.
		const erased = await fetch(`${server.url}/admin/privacy?/erase`, {
			method: 'POST',
			headers: {
				cookie: adminCookie,
				origin: server.url,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams([
				['id', String(personId)],
				['confirm', 'yes']
			])
		});
		expect(await erased.json()).toMatchObject({ type: 'success' });
		expect(db.select().from(participants).where(eq(participants.id, personId)).get()).toMatchObject({
			email: null,
			phone: null,
			notes: null
		});
		// Editing goes on.
		editor.doc.getText('meaning').insert(0, 'Daarna meer. ');
		await eventually(
			async () => (await server.runtime.realtime!.yjs.document(docName)).getText('meaning').toString().startsWith('Daarna meer.'),
			3000,
			'the edit after the erasure'
		);

		const walBytes = fs.existsSync(walFile()) ? fs.readFileSync(walFile()) : Buffer.alloc(0);
		const inFile = found(fs.readFileSync(dbFile()), secrets);
		const inWal = found(walBytes, secrets);

		// A backup made afterwards with the built command, as `npm run backup` runs it.
		const target = path.join(tempDataDir('kd-erase-backup-'), 'na-verwijderen.sqlite');
		const { stdout } = await run(process.execPath, [SERVER, 'backup', target], {
			env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error' }
		});
		expect(stdout).toContain('integrity ok');
		expect(fs.readdirSync(path.dirname(target))).toEqual(['na-verwijderen.sqlite']);
		const inBackup = found(fs.readFileSync(target), secrets);
		expect({ file: inFile, wal: inWal, backup: inBackup }).toEqual({ file: [], wal: [], backup: [] });
		// The .eml copy of the mail is gone as well.
		const mailDir = path.join(dataDir, 'mail');
		const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).map((f) => fs.readFileSync(path.join(mailDir, f))) : [];
		expect(files.flatMap((f) => found(f, { name: NAME, email: EMAIL }))).toEqual([]);
		// The rest of the database is intact: the others' invitations are still there.
		expect(
			db
				.select()
				.from(mailMessages)
				.all()
				.filter((m) => m.textBody !== '').length
		).toBeGreaterThan(0);
	});

	const dbFile = () => path.join(dataDir, DATABASE_FILE);
	const walFile = () => `${dbFile()}-wal`;
});
