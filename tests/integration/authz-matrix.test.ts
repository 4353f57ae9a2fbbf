/**
 * The authorisation matrix of issue 8: every page (its load and each form action), every
 * +server.ts endpoint (each method), every JSON API operation, every socket event and the
 * Yjs theme documents, against every role: anonymous, a participant of another session, an
 * observer, a participant, the session's facilitator, another facilitator, a
 * kwaliteitsmanager and a beheerder. Each cell says allowed or refused; refused requests
 * must also leave the database as it was.
 *
 * The matrix is data, and complete by construction: the routes are read from src/routes (route
 * groups and param matchers left out of the keys: `(staff)/sessions/[id=id]` is `/sessions/[id]`),
 * the operations from OPERATIONS and the events from EVENTS; a route, method, action,
 * operation or event the matrix does not list fails the test (with the entry to add), and so
 * does an entry for something that no longer exists.
 *
 * Allowed state-changing requests send an empty form or body: they must get past the
 * authorisation (not 401/403/404, no login redirect), usually to a validation message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Socket } from 'socket.io-client';
import { OPERATIONS, type Access as ApiAccess } from '../../src/lib/server/api/openapi';
import { EVENTS } from '../../src/lib/server/realtime/session-events';
import { createFramework } from '../../src/lib/server/frameworks/store';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { SYSTEM } from '../../src/lib/server/audit';
import { startTestServer } from '../helpers/server';
import { connected, eventually, rawUpgrade, socketClient } from '../helpers/realtime';
import { changedTables, ROLE_NAMES, rolesWorld, tableDigests, type RoleName, type RolesWorld, type Target } from '../helpers/roles';

type Server = Awaited<ReturnType<typeof startTestServer>>;

// Outcomes ---------------------------------------------------------------------------------------

/** `ok`: 2xx, or a redirect that is not to the login page. `login`: a redirect to /login. */
type Outcome = 'ok' | 'login' | 401 | 403 | 404;
type Row = Record<RoleName, Outcome>;

/** One outcome per role, in the order of ROLE_NAMES. */
function row(...outcomes: Outcome[]): Row {
	if (outcomes.length !== ROLE_NAMES.length) throw new Error('a row needs one outcome per role');
	return Object.fromEntries(ROLE_NAMES.map((r, i) => [r, outcomes[i]!])) as Row;
}

const L = 'login' as const;
//                           anonymous otherPart observer participant facilitator otherFac manager admin
const PUBLIC = /*         */ row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok');
const STAFF = /*          */ row(L, L, L, L, 'ok', 'ok', 'ok', 'ok');
const ADMIN = /*          */ row(L, L, L, L, 403, 403, 403, 'ok');
const QM_READ = /*        */ row(L, L, L, L, 403, 403, 'ok', 'ok');
const QM_WRITE = /*       */ row(L, L, L, L, 403, 403, 'ok', 403);
const FACILITATORS = /*   */ row(L, L, L, L, 'ok', 'ok', 403, 403);
const JARGON = /*         */ row(L, L, L, L, 'ok', 'ok', 403, 'ok');
/** The facilitator's own session or trajectory: other facilitators are not told it exists. */
const OWN = /*            */ row(L, L, L, L, 'ok', 404, 403, 403);
/** The report holds what participants said: only its facilitator, everyone else 404. */
const REPORT_OWNER = /*   */ row(L, L, L, L, 'ok', 404, 404, 404);
const OUTBOX = /*         */ row(L, L, L, L, 'ok', 'ok', 403, 'ok');
const OUTBOX_MAIL = /*    */ row(L, L, L, L, 'ok', 404, 403, 'ok');
/** Pages of the session for its own participants and observers (personal link). */
const MEMBERS = /*        */ row(404, 404, 'ok', 'ok', 404, 404, 404, 404);
const NOBODY = /*         */ row(404, 404, 404, 404, 404, 404, 404, 404);
/** The second step of a login: without a login waiting for its code, back to /login; staff are in already. */
const CODE_STEP = /*      */ row(L, L, L, L, 'ok', 'ok', 'ok', 'ok');

// API outcomes by the access an operation documents.
const API_BY_ACCESS: Record<ApiAccess, Row> = {
	public: PUBLIC,
	staff: row(401, 401, 401, 401, 'ok', 'ok', 'ok', 'ok'),
	quality_reader: row(401, 401, 401, 401, 403, 403, 'ok', 'ok'),
	quality_manager: row(401, 401, 401, 401, 403, 403, 'ok', 403),
	session_facilitator: row(401, 401, 401, 401, 'ok', 404, 403, 403)
};

// The HTTP matrix --------------------------------------------------------------------------------

interface HttpEntry {
	/** `GET /route/[id]`, `POST /route/[id] ?/action`, or `PUT /api/...` for endpoints. */
	key: string;
	path: (w: RolesWorld) => string;
	expect: Row;
	/** Which session's participant and observer ask (default: the held one). */
	target?: Target;
	/** A new staff login per request (logging out ends the one it is sent with). */
	fresh?: boolean;
	/** Form fields to post (default none): where the object comes from the form, not the address. */
	form?: (w: RolesWorld) => Record<string, string>;
}

const s = (w: RolesWorld) => w.held.session.id;
const live = (w: RolesWorld) => w.live.session.id;
const fw = (w: RolesWorld) => `/frameworks/${w.frameworks.frameworkId}`;
const draftEdit = (w: RolesWorld) => `${fw(w)}/versions/${w.frameworks.draftId}/edit`;
let freshDrafts = 0;
/** A framework with a draft of its own, for actions that may remove it. */
const freshDraftEdit = (w: RolesWorld) => {
	const { framework, draft } = createFramework(w.db, { type: 'user', id: w.manager.id }, { name: `Wegwerpkader ${++freshDrafts}` });
	return `/frameworks/${framework.id}/versions/${draft.id}/edit`;
};

const HTTP: HttpEntry[] = [
	{ key: 'GET /', path: () => '/', expect: PUBLIC },
	{ key: 'GET /account', path: () => '/account', expect: STAFF },
	{ key: 'POST /account ?/password', path: () => '/account', expect: STAFF },
	{ key: 'GET /account/mfa', path: () => '/account/mfa', expect: STAFF },
	{ key: 'POST /account/mfa ?/confirm', path: () => '/account/mfa', expect: STAFF },
	{ key: 'POST /account/mfa ?/recovery', path: () => '/account/mfa', expect: STAFF },
	{ key: 'POST /account/mfa ?/disable', path: () => '/account/mfa', expect: STAFF },
	{ key: 'GET /admin/accounts', path: () => '/admin/accounts', expect: ADMIN },
	{ key: 'POST /admin/accounts ?/create', path: () => '/admin/accounts', expect: ADMIN },
	{ key: 'GET /admin/accounts/[id]', path: (w) => `/admin/accounts/${w.spare.id}`, expect: ADMIN },
	{ key: 'POST /admin/accounts/[id] ?/update', path: (w) => `/admin/accounts/${w.spare.id}`, expect: ADMIN },
	{ key: 'POST /admin/accounts/[id] ?/status', path: (w) => `/admin/accounts/${w.spare.id}`, expect: ADMIN },
	{ key: 'POST /admin/accounts/[id] ?/reset', path: (w) => `/admin/accounts/${w.spare.id}`, expect: ADMIN },
	{ key: 'POST /admin/accounts/[id] ?/mfa', path: (w) => `/admin/accounts/${w.spare.id}`, expect: ADMIN },
	{ key: 'POST /admin/accounts/[id] ?/sso', path: (w) => `/admin/accounts/${w.spare.id}`, expect: ADMIN },
	{ key: 'GET /admin/audit', path: () => '/admin/audit', expect: ADMIN },
	{ key: 'GET /admin/privacy', path: () => '/admin/privacy', expect: ADMIN },
	{ key: 'POST /admin/privacy ?/search', path: () => '/admin/privacy', expect: ADMIN },
	{ key: 'POST /admin/privacy ?/confirm', path: () => '/admin/privacy', expect: ADMIN },
	{ key: 'POST /admin/privacy ?/erase', path: () => '/admin/privacy', expect: ADMIN },
	{ key: 'POST /admin/privacy/export', path: () => '/admin/privacy/export', expect: ADMIN },
	{ key: 'fallback /api/[...path]', path: () => '/api/bestaat-niet', expect: NOBODY },
	{ key: 'GET /assessments', path: () => '/assessments', expect: QM_READ },
	{ key: 'GET /assessments/[id]', path: (w) => `/assessments/${w.assessment.id}`, expect: QM_READ },
	{ key: 'POST /assessments/[id] ?/item', path: (w) => `/assessments/${w.assessment.id}`, expect: QM_WRITE },
	{ key: 'POST /assessments/[id] ?/trust', path: (w) => `/assessments/${w.assessment.id}`, expect: QM_WRITE },
	{ key: 'POST /assessments/[id] ?/weighing', path: (w) => `/assessments/${w.assessment.id}`, expect: QM_WRITE },
	{ key: 'POST /assessments/[id] ?/finalize', path: (w) => `/assessments/${w.assessment.id}`, expect: QM_WRITE },
	{ key: 'POST /assessments/[id] ?/amend', path: (w) => `/assessments/${w.assessment.id}`, expect: QM_WRITE },
	{ key: 'POST /assessments/[id] ?/plan', path: (w) => `/assessments/${w.assessment.id}`, expect: QM_WRITE },
	{ key: 'POST /assessments/[id] ?/retest', path: (w) => `/assessments/${w.assessment.id}`, expect: QM_WRITE },
	{ key: 'GET /assessments/[id]/report.pdf', path: (w) => `/assessments/${w.assessment.id}/report.pdf`, expect: QM_READ },
	{ key: 'GET /assessments/[id]/report', path: (w) => `/assessments/${w.assessment.id}/report`, expect: QM_READ },
	{ key: 'GET /dashboard', path: () => '/dashboard', expect: STAFF },
	{ key: 'GET /how-we-calculate', path: () => '/how-we-calculate', expect: STAFF },
	{ key: 'GET /frameworks', path: () => '/frameworks', expect: STAFF },
	{ key: 'POST /frameworks ?/create', path: () => '/frameworks', expect: QM_WRITE },
	{ key: 'POST /frameworks ?/import', path: () => '/frameworks', expect: QM_WRITE },
	{ key: 'GET /frameworks/[id]', path: fw, expect: STAFF },
	{ key: 'POST /frameworks/[id] ?/draft', path: fw, expect: QM_WRITE },
	{ key: 'POST /frameworks/[id] ?/thresholds', path: fw, expect: QM_WRITE },
	{ key: 'GET /frameworks/[id]/compare', path: (w) => `${fw(w)}/compare`, expect: STAFF },
	{ key: 'GET /frameworks/[id]/versions/[versionId]', path: (w) => `${fw(w)}/versions/${w.frameworks.publishedId}`, expect: STAFF },
	{ key: 'GET /frameworks/[id]/versions/[versionId]/edit', path: draftEdit, expect: QM_WRITE },
	...[
		'meta',
		'publish',
		'addTheme',
		'updateTheme',
		'moveTheme',
		'deleteTheme',
		'addRequirement',
		'updateRequirement',
		'moveRequirement',
		'deleteRequirement'
	].map((action): HttpEntry => ({ key: `POST /frameworks/[id]/versions/[versionId]/edit ?/${action}`, path: draftEdit, expect: QM_WRITE })),
	{ key: 'POST /frameworks/[id]/versions/[versionId]/edit ?/deleteDraft', path: freshDraftEdit, expect: QM_WRITE },
	{
		key: 'GET /frameworks/[id]/versions/[versionId]/overview',
		path: (w) => `${fw(w)}/versions/${w.frameworks.publishedId}/overview`,
		expect: QM_READ
	},
	{ key: 'GET /frameworks/search', path: () => '/frameworks/search?q=regie', expect: STAFF },
	{ key: 'GET /healthz', path: () => '/healthz', expect: PUBLIC },
	{ key: 'GET /.well-known/security.txt', path: () => '/.well-known/security.txt', expect: PUBLIC },
	{ key: 'GET /j/[token]', path: () => '/j/onbekend.teken', expect: PUBLIC },
	// Without a personal link waiting to be confirmed, there is nothing to confirm: a message, for anyone.
	{ key: 'GET /j/confirm', path: () => '/j/confirm', expect: PUBLIC },
	...['merge', 'switch', 'stay'].map((action): HttpEntry => ({
		key: `POST /j/confirm ?/${action}`,
		path: () => '/j/confirm',
		expect: PUBLIC
	})),
	{ key: 'GET /jargon', path: () => '/jargon', expect: JARGON },
	{ key: 'POST /jargon ?/add', path: () => '/jargon', expect: JARGON },
	{ key: 'POST /jargon ?/remove', path: () => '/jargon', expect: JARGON },
	{ key: 'GET /join', path: () => '/join', expect: PUBLIC },
	{ key: 'POST /join ?/default', path: () => '/join', expect: PUBLIC },
	{ key: 'GET /language', path: () => '/language', expect: PUBLIC },
	{ key: 'POST /language ?/default', path: () => '/language', expect: PUBLIC },
	// The live page itself shows nothing of a session to someone who is not in it; the session arrives over socket.io.
	{ key: 'GET /live/[id]', path: (w) => `/live/${live(w)}`, expect: PUBLIC, target: 'live' },
	{ key: 'GET /live/[id]/evaluation', path: (w) => `/live/${s(w)}/evaluation`, expect: MEMBERS },
	{ key: 'POST /live/[id]/evaluation ?/default', path: (w) => `/live/${s(w)}/evaluation`, expect: MEMBERS },
	{ key: 'GET /live/[id]/report', path: (w) => `/live/${s(w)}/report`, expect: MEMBERS },
	{ key: 'POST /live/[id]/report ?/comment', path: (w) => `/live/${s(w)}/report`, expect: MEMBERS },
	{ key: 'POST /live/[id]/report ?/acknowledge', path: (w) => `/live/${s(w)}/report`, expect: MEMBERS },
	{ key: 'GET /login', path: () => '/login', expect: PUBLIC },
	{ key: 'POST /login ?/default', path: () => '/login', expect: PUBLIC },
	// Single sign-on is not configured here: nothing to start or finish (tests/integration/oidc.test.ts has it on).
	{ key: 'POST /login/oidc', path: () => '/login/oidc', expect: NOBODY },
	{ key: 'GET /login/oidc/callback', path: () => '/login/oidc/callback?code=x&state=y', expect: NOBODY },
	{ key: 'GET /login/code', path: () => '/login/code', expect: CODE_STEP },
	{ key: 'POST /login/code ?/default', path: () => '/login/code', expect: PUBLIC },
	{ key: 'GET /logout', path: () => '/logout', expect: PUBLIC },
	{ key: 'POST /logout ?/default', path: () => '/logout', expect: PUBLIC, fresh: true },
	{ key: 'GET /outbox', path: () => '/outbox', expect: OUTBOX },
	// The message comes from the form here: someone else's mail is not found.
	{ key: 'POST /outbox ?/retry', path: () => '/outbox', expect: OUTBOX_MAIL, form: (w) => ({ mailId: String(w.held.mail.id) }) },
	{ key: 'GET /outbox/[id]', path: (w) => `/outbox/${w.held.mail.id}`, expect: OUTBOX_MAIL },
	{ key: 'POST /outbox/[id] ?/retry', path: (w) => `/outbox/${w.held.mail.id}`, expect: OUTBOX_MAIL },
	{ key: 'GET /promotion', path: () => '/promotion', expect: QM_READ },
	{ key: 'GET /promotion/[sessionId]', path: (w) => `/promotion/${w.other.session.id}`, expect: QM_READ },
	...['createDraft', 'promote', 'merge', 'decline', 'reopen'].map((action): HttpEntry => ({
		key: `POST /promotion/[sessionId] ?/${action}`,
		path: (w) => `/promotion/${w.other.session.id}`,
		expect: QM_WRITE
	})),
	{ key: 'GET /providers', path: () => '/providers', expect: QM_READ },
	{ key: 'POST /providers ?/create', path: () => '/providers', expect: QM_WRITE },
	{ key: 'GET /providers/[id]', path: (w) => `/providers/${w.provider.id}`, expect: QM_READ },
	{ key: 'POST /providers/[id] ?/update', path: (w) => `/providers/${w.provider.id}`, expect: QM_WRITE },
	{ key: 'POST /providers/[id] ?/start', path: (w) => `/providers/${w.provider.id}`, expect: QM_WRITE },
	{ key: 'GET /public/versions/[versionId]', path: (w) => `/public/versions/${w.frameworks.publishedId}`, expect: PUBLIC },
	{ key: 'GET /sessions', path: () => '/sessions', expect: FACILITATORS },
	{ key: 'GET /sessions/[id]', path: (w) => `/sessions/${s(w)}`, expect: OWN },
	...['add', 'remove', 'choose', 'prevote', 'themeStart'].map((action): HttpEntry => ({
		key: `POST /sessions/[id] ?/${action}`,
		path: (w) => `/sessions/${s(w)}`,
		expect: OWN
	})),
	{ key: 'GET /sessions/[id]/follow-up', path: (w) => `/sessions/${s(w)}/follow-up`, expect: REPORT_OWNER },
	...['addAgreement', 'updateAgreement', 'deleteAgreement', 'startReport', 'closeEarly', 'phoneResponse'].map((action): HttpEntry => ({
		key: `POST /sessions/[id]/follow-up ?/${action}`,
		path: (w) => `/sessions/${s(w)}/follow-up`,
		expect: REPORT_OWNER
	})),
	{ key: 'GET /sessions/[id]/lead', path: (w) => `/sessions/${live(w)}/lead`, expect: OWN, target: 'live' },
	{ key: 'GET /sessions/[id]/participants', path: (w) => `/sessions/${s(w)}/participants`, expect: OWN },
	...['add', 'remove', 'template', 'send', 'device', 'attended'].map((action): HttpEntry => ({
		key: `POST /sessions/[id]/participants ?/${action}`,
		path: (w) => `/sessions/${s(w)}/participants`,
		expect: OWN
	})),
	{
		key: 'GET /sessions/[id]/participants/[participantId]',
		path: (w) => `/sessions/${s(w)}/participants/${w.held.listed.id}`,
		expect: OWN
	},
	// The edit form (was the page's default action) and the personal link: sent again, renewed.
	...['save', 'again', 'renew'].map((action): HttpEntry => ({
		key: `POST /sessions/[id]/participants/[participantId] ?/${action}`,
		path: (w) => `/sessions/${s(w)}/participants/${w.held.listed.id}`,
		expect: OWN
	})),
	{ key: 'GET /sessions/[id]/participants/letter', path: (w) => `/sessions/${s(w)}/participants/letter`, expect: OWN },
	{ key: 'POST /sessions/[id]/participants/letter ?/default', path: (w) => `/sessions/${s(w)}/participants/letter`, expect: OWN },
	{ key: 'GET /sessions/[id]/report', path: (w) => `/sessions/${s(w)}/report`, expect: REPORT_OWNER },
	...['save', 'recompose', 'send', 'respond', 'remind', 'finalize'].map((action): HttpEntry => ({
		key: `POST /sessions/[id]/report ?/${action}`,
		path: (w) => `/sessions/${s(w)}/report`,
		expect: REPORT_OWNER
	})),
	{ key: 'GET /sessions/[id]/report/compare', path: (w) => `/sessions/${s(w)}/report/compare`, expect: REPORT_OWNER },
	{ key: 'GET /sessions/[id]/report/export/[which].docx', path: (w) => `/sessions/${s(w)}/report/export/1.docx`, expect: REPORT_OWNER },
	{ key: 'GET /sessions/[id]/report/export/[which].pdf', path: (w) => `/sessions/${s(w)}/report/export/1.pdf`, expect: REPORT_OWNER },
	{ key: 'GET /sessions/[id]/report/export/[which].odt', path: (w) => `/sessions/${s(w)}/report/export/1.odt`, expect: REPORT_OWNER },
	{ key: 'GET /sessions/[id]/report/results.csv', path: (w) => `/sessions/${s(w)}/report/results.csv`, expect: REPORT_OWNER },
	{ key: 'GET /sessions/[id]/report/results.json', path: (w) => `/sessions/${s(w)}/report/results.json`, expect: REPORT_OWNER },
	{ key: 'GET /sessions/[id]/report/print/[which]', path: (w) => `/sessions/${s(w)}/report/print/1`, expect: REPORT_OWNER },
	{ key: 'GET /sessions/[id]/report/versions/[number]', path: (w) => `/sessions/${s(w)}/report/versions/1`, expect: REPORT_OWNER },
	{ key: 'GET /sessions/[id]/screen', path: (w) => `/sessions/${live(w)}/screen`, expect: OWN, target: 'live' },
	{ key: 'GET /sessions/[id]/settings', path: (w) => `/sessions/${s(w)}/settings`, expect: OWN },
	{ key: 'POST /sessions/[id]/settings ?/save', path: (w) => `/sessions/${s(w)}/settings`, expect: OWN },
	// An empty form does not call the session off: it asks for the tick.
	{ key: 'POST /sessions/[id]/settings ?/cancel', path: (w) => `/sessions/${s(w)}/settings`, expect: OWN },
	{ key: 'GET /sessions/new', path: () => '/sessions/new', expect: FACILITATORS },
	{ key: 'POST /sessions/new ?/create', path: () => '/sessions/new', expect: FACILITATORS },
	// Exists only before the first account, with the one-time token.
	{ key: 'GET /setup', path: () => '/setup', expect: NOBODY },
	{ key: 'POST /setup ?/default', path: () => '/setup', expect: NOBODY },
	{ key: 'GET /toegankelijkheid', path: () => '/toegankelijkheid', expect: PUBLIC },
	{ key: 'GET /trajectories', path: () => '/trajectories', expect: FACILITATORS },
	{ key: 'POST /trajectories ?/create', path: () => '/trajectories', expect: FACILITATORS },
	{ key: 'GET /trajectories/[id]', path: (w) => `/trajectories/${w.trajectory.id}`, expect: OWN },
	{ key: 'POST /trajectories/[id] ?/plan', path: (w) => `/trajectories/${w.trajectory.id}`, expect: OWN },
	{ key: 'POST /trajectories/[id] ?/update', path: (w) => `/trajectories/${w.trajectory.id}`, expect: OWN }
];

// The API matrix: every documented operation, with the access it documents -----------------------

interface ApiEntry {
	key: string;
	access: ApiAccess;
	path: (w: RolesWorld) => string;
	/** Where the outcome differs from what the access says. */
	expect?: Row;
	fresh?: boolean;
}

const d = (w: RolesWorld) => w.frameworks.draftId;
const API: ApiEntry[] = [
	{ key: 'POST /api/session', access: 'public', path: () => '/api/session' },
	{ key: 'DELETE /api/session', access: 'public', path: () => '/api/session', fresh: true },
	// Public, but only someone with a login or a personal link is somebody.
	{ key: 'GET /api/me', access: 'public', path: () => '/api/me', expect: row(401, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok') },
	{ key: 'GET /api/frameworks', access: 'staff', path: () => '/api/frameworks' },
	{ key: 'GET /api/sessions/{sessionId}/results', access: 'session_facilitator', path: (w) => `/api/sessions/${s(w)}/results` },
	{ key: 'POST /api/frameworks', access: 'quality_manager', path: () => '/api/frameworks' },
	{ key: 'POST /api/frameworks/import', access: 'quality_manager', path: () => '/api/frameworks/import' },
	{ key: 'GET /api/frameworks/{frameworkId}', access: 'staff', path: (w) => `/api/frameworks/${w.frameworks.frameworkId}` },
	{
		key: 'POST /api/frameworks/{frameworkId}/drafts',
		access: 'quality_manager',
		path: (w) => `/api/frameworks/${w.frameworks.frameworkId}/drafts`
	},
	{ key: 'GET /api/versions/{versionId}', access: 'staff', path: (w) => `/api/versions/${w.frameworks.publishedId}` },
	{ key: 'PUT /api/versions/{versionId}', access: 'quality_manager', path: (w) => `/api/versions/${d(w)}` },
	{ key: 'DELETE /api/versions/{versionId}', access: 'quality_manager', path: (w) => `/api/versions/${d(w)}` },
	{ key: 'POST /api/versions/{versionId}/publish', access: 'quality_manager', path: (w) => `/api/versions/${d(w)}/publish` },
	{ key: 'GET /api/versions/{versionId}/export', access: 'staff', path: (w) => `/api/versions/${w.frameworks.publishedId}/export` },
	{
		key: 'GET /api/versions/{versionId}/compare/{otherVersionId}',
		access: 'staff',
		path: (w) => `/api/versions/${w.frameworks.publishedId}/compare/${d(w)}`
	},
	{ key: 'POST /api/versions/{versionId}/themes', access: 'quality_manager', path: (w) => `/api/versions/${d(w)}/themes` },
	{ key: 'PUT /api/themes/{themeId}', access: 'quality_manager', path: (w) => `/api/themes/${w.frameworks.draftThemeId}` },
	{ key: 'DELETE /api/themes/{themeId}', access: 'quality_manager', path: (w) => `/api/themes/${w.frameworks.draftThemeId}` },
	{ key: 'POST /api/themes/{themeId}/move', access: 'quality_manager', path: (w) => `/api/themes/${w.frameworks.draftThemeId}/move` },
	{
		key: 'POST /api/themes/{themeId}/requirements',
		access: 'quality_manager',
		path: (w) => `/api/themes/${w.frameworks.draftThemeId}/requirements`
	},
	{
		key: 'PUT /api/requirements/{requirementId}',
		access: 'quality_manager',
		path: (w) => `/api/requirements/${w.frameworks.draftRequirementId}`
	},
	{
		key: 'DELETE /api/requirements/{requirementId}',
		access: 'quality_manager',
		path: (w) => `/api/requirements/${w.frameworks.draftRequirementId}`
	},
	{
		key: 'POST /api/requirements/{requirementId}/move',
		access: 'quality_manager',
		path: (w) => `/api/requirements/${w.frameworks.draftRequirementId}/move`
	},
	{ key: 'GET /api/search', access: 'staff', path: () => '/api/search?q=regie' },
	{ key: 'GET /api/providers', access: 'quality_reader', path: () => '/api/providers' },
	{ key: 'POST /api/providers', access: 'quality_manager', path: () => '/api/providers' },
	{ key: 'GET /api/providers/{providerId}', access: 'quality_reader', path: (w) => `/api/providers/${w.provider.id}` },
	{ key: 'PUT /api/providers/{providerId}', access: 'quality_manager', path: (w) => `/api/providers/${w.provider.id}` },
	{
		key: 'GET /api/providers/{providerId}/assessments',
		access: 'quality_reader',
		path: (w) => `/api/providers/${w.provider.id}/assessments`
	},
	{ key: 'GET /api/assessments', access: 'quality_reader', path: () => '/api/assessments' },
	{ key: 'POST /api/assessments', access: 'quality_manager', path: () => '/api/assessments' },
	{ key: 'GET /api/assessments/{assessmentId}', access: 'quality_reader', path: (w) => `/api/assessments/${w.assessment.id}` },
	{
		key: 'PUT /api/assessments/{assessmentId}/items/{itemId}',
		access: 'quality_manager',
		path: (w) => `/api/assessments/${w.assessment.id}/items/${w.item.id}`
	},
	{
		key: 'PUT /api/assessments/{assessmentId}/trust/{behaviour}',
		access: 'quality_manager',
		path: (w) => `/api/assessments/${w.assessment.id}/trust/integrity`
	},
	{
		key: 'PUT /api/assessments/{assessmentId}/weighing',
		access: 'quality_manager',
		path: (w) => `/api/assessments/${w.assessment.id}/weighing`
	},
	{
		key: 'POST /api/assessments/{assessmentId}/finalize',
		access: 'quality_manager',
		path: (w) => `/api/assessments/${w.assessment.id}/finalize`
	},
	{
		key: 'POST /api/assessments/{assessmentId}/amendments',
		access: 'quality_manager',
		path: (w) => `/api/assessments/${w.assessment.id}/amendments`
	},
	{
		key: 'GET /api/assessments/{assessmentId}/export.csv',
		access: 'quality_reader',
		path: (w) => `/api/assessments/${w.assessment.id}/export.csv`
	},
	{ key: 'GET /api/openapi.json', access: 'public', path: () => '/api/openapi.json' }
];

// Socket events ---------------------------------------------------------------------------------

/** `accepted`: ack `{ ok: true }`. `refused`: ack `{ ok: false }` with an authorisation code, nothing changed. `noConnection`: the socket is refused. */
type SocketOutcome = 'accepted' | 'refused' | 'noConnection';
type SocketRow = Record<RoleName, SocketOutcome>;
function srow(...outcomes: SocketOutcome[]): SocketRow {
	return Object.fromEntries(ROLE_NAMES.map((r, i) => [r, outcomes[i]!])) as SocketRow;
}
const N = 'noConnection' as const;
const A = 'accepted' as const;
const R = 'refused' as const;
//                        anonymous otherPart observer participant facilitator otherFac manager admin
const S_FACILITATOR = /**/ srow(N, R, R, R, A, R, R, R);
const S_MEMBERS = /*    */ srow(N, R, A, A, A, R, R, R);
/** Stickers are a participant's own; observers and the facilitator (without a proxy participant) have none. */
const S_VOTER = /*      */ srow(N, R, R, A, R, R, R, R);
const S_CONTRIBUTOR = /**/ srow(N, R, R, A, R, R, R, R);

/** Acknowledgement codes that mean "not for you". */
const REFUSALS = new Set(['error.forbidden', 'error.vote.observer', 'error.vote.notProxy']);

interface SocketEntry {
	event: string;
	expect: SocketRow;
	payload: (w: RolesWorld, ctx: SocketContext) => Record<string, unknown>;
	/** Brings the session where the event makes sense (not part of what is tested). */
	before?: (ctx: SocketContext) => void;
}
interface SocketContext {
	themeIds: number[];
	proposalId?: number;
	removable: (origin?: 'list' | 'code') => number;
	goto: (index: number) => void;
}

/** In an order that a session can go through, so that allowed events are accepted. */
const SOCKET: SocketEntry[] = [
	{ event: 'session:join', expect: S_MEMBERS, payload: () => ({}) },
	{ event: 'session:state', expect: S_MEMBERS, payload: () => ({}) },
	{ event: 'join:lock', expect: S_FACILITATOR, payload: () => ({ locked: false }) },
	{ event: 'join:lift', expect: S_FACILITATOR, payload: () => ({}) },
	{ event: 'timer:control', expect: S_FACILITATOR, payload: () => ({ action: 'start', minutes: 5 }) },
	// To the proposals step of the agenda (intro, overview, proposals, voting, result, ...).
	{ event: 'agenda:goto', expect: S_FACILITATOR, payload: () => ({ to: 2 }) },
	{ event: 'proposal:create', expect: S_CONTRIBUTOR, payload: () => ({ title: 'Vervoer', explanation: 'Op tijd opgehaald worden.' }) },
	{
		event: 'proposal:triage',
		expect: S_FACILITATOR,
		payload: (_w, ctx) => ({ action: 'park', proposalId: ctx.proposalId ?? 1, reason: 'Valt buiten de Wmo.' })
	},
	{ event: 'participant:proxy', expect: S_FACILITATOR, payload: () => ({ displayName: 'Zonder telefoon', perspective: 'client' }) },
	{ event: 'participant:remove', expect: S_FACILITATOR, payload: (_w, ctx) => ({ participantId: ctx.removable() }) },
	// "Dit is … van de lijst": a record joined with the code and a list entry, fresh for each try.
	{
		event: 'participant:merge',
		expect: S_FACILITATOR,
		payload: (_w, ctx) => ({ participantId: ctx.removable('code'), intoId: ctx.removable() })
	},
	{ event: 'participant:attended', expect: S_FACILITATOR, payload: (_w, ctx) => ({ participantId: ctx.removable(), attended: true }) },
	{ event: 'participant:device', expect: S_FACILITATOR, payload: (_w, ctx) => ({ participantId: ctx.removable(), withoutDevice: true }) },
	{ event: 'prevote:set', expect: S_FACILITATOR, payload: () => ({ deadline: null }) },
	{ event: 'vote:open', expect: S_FACILITATOR, payload: () => ({}), before: (ctx) => ctx.goto(3) },
	{ event: 'sticker:place', expect: S_VOTER, payload: (_w, ctx) => ({ themeId: ctx.themeIds[0] }) },
	{ event: 'sticker:remove', expect: S_VOTER, payload: (_w, ctx) => ({ themeId: ctx.themeIds[0] }) },
	{ event: 'vote:close', expect: S_FACILITATOR, payload: () => ({}) },
	{ event: 'vote:reveal', expect: S_FACILITATOR, payload: () => ({}) },
	{
		event: 'vote:choose',
		expect: S_FACILITATOR,
		payload: (_w, ctx) => ({ themeIds: ctx.themeIds.slice(0, 1), reason: 'Dit thema eerst.' })
	},
	{ event: 'theme:mark', expect: S_FACILITATOR, payload: (_w, ctx) => ({ themeId: ctx.themeIds[0], criteriaProvisional: true }) },
	{ event: 'session:close', expect: S_FACILITATOR, payload: () => ({}) },
	{ event: 'session:reopen', expect: S_FACILITATOR, payload: () => ({ reason: 'Nog een criterium vergeten.' }) }
];

// Yjs -------------------------------------------------------------------------------------------

type YjsOutcome = 'write' | 'read' | 401 | 403 | 404;
//                                       anonymous otherPart observer participant facilitator otherFac manager admin
const Y_THEME: YjsOutcome[] = /*      */ [401, 403, 'read', 'write', 'write', 403, 403, 403];

// Completeness ----------------------------------------------------------------------------------

const ROUTES = fileURLToPath(new URL('../../src/routes/', import.meta.url));
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback']);

/**
 * Everything the app answers, read from the route files: `GET <route>` for each page (a
 * +page.svelte, +page.ts or a load in +page.server.ts), `POST <route> ?/<action>` for each
 * form action, `<METHOD> <route>` for each handler a +server.ts exports.
 */
function routeKeys(): { pages: string[]; endpoints: string[] } {
	const pages = new Set<string>();
	const endpoints = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				walk(full);
				continue;
			}
			// Route groups `(x)` leave the address; matchers `[id=id]` keep the parameter's name.
			const segments = path
				.relative(ROUTES, dir)
				.split(path.sep)
				.filter((segment) => segment !== '' && !/^\(.+\)$/.test(segment));
			const route = '/' + segments.map((segment) => segment.replace(/\[([^\]=]+)=\w+\]/g, '[$1]')).join('/');
			const id = route === '/' ? '/' : route.replace(/\/$/, '');
			if (entry.name === '+page.svelte' || entry.name === '+page.ts') pages.add(`GET ${id}`);
			if (entry.name !== '+page.server.ts' && entry.name !== '+server.ts') continue;
			const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
			for (const statement of source.statements) {
				const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
				const names: { name: string; init?: ts.Expression }[] = [];
				if (exported && ts.isVariableStatement(statement)) {
					for (const decl of statement.declarationList.declarations)
						names.push({ name: decl.name.getText(source), init: decl.initializer });
				} else if (exported && ts.isFunctionDeclaration(statement) && statement.name) {
					names.push({ name: statement.name.text });
				} else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
					for (const el of statement.exportClause.elements) names.push({ name: el.name.text });
				}
				for (const { name, init } of names) {
					if (entry.name === '+server.ts') {
						if (HTTP_METHODS.has(name)) endpoints.add(`${name} ${id}`);
					} else if (name === 'load') {
						pages.add(`GET ${id}`);
					} else if (name === 'actions') {
						let object = init;
						while (object && (ts.isSatisfiesExpression(object) || ts.isAsExpression(object) || ts.isParenthesizedExpression(object)))
							object = object.expression;
						if (!object || !ts.isObjectLiteralExpression(object))
							throw new Error(`${full}: the form actions are not an object literal; list them in the matrix by hand`);
						for (const p of object.properties) pages.add(`POST ${id} ?/${p.name!.getText(source).replace(/^['"]|['"]$/g, '')}`);
					}
				}
			}
		}
	};
	walk(ROUTES);
	return { pages: [...pages].sort(), endpoints: [...endpoints].sort() };
}

function completeness(what: string, existing: string[], listed: string[], hint: string): string[] {
	const problems: string[] = [];
	const dup = listed.filter((k, i) => listed.indexOf(k) !== i);
	for (const k of dup) problems.push(`${what}: "${k}" is listed twice in the matrix`);
	for (const k of existing)
		if (!listed.includes(k)) problems.push(`${what}: "${k}" exists but the matrix does not list it; add ${hint.replace('$KEY', k)}`);
	for (const k of listed)
		if (!existing.includes(k)) problems.push(`${what}: the matrix lists "${k}", which no longer exists; remove that entry`);
	return problems;
}

// Requests --------------------------------------------------------------------------------------

let server: Server;
let w: RolesWorld;
let requests = 0;

beforeAll(async () => {
	server = await startTestServer({ env: { SECURITY_CONTACT: 'security@gemeente.test' } });
	w = await rolesWorld(server.runtime.db, server.url);
	// Mail of the world goes out now, so the queue does not change things during the checks.
	await server.runtime.mail?.deliverDue();
}, 60_000);
afterAll(async () => {
	console.info(`authorisation matrix: ${requests} requests, events and connections`);
	await server?.close();
});

/** What a page, endpoint or form action answered, as an outcome (or a string describing anything else). */
async function request(
	method: string,
	urlPath: string,
	cookie: string,
	action?: string,
	form: Record<string, string> = {}
): Promise<{ outcome: Outcome | string; detail: string }> {
	requests++;
	const headers: Record<string, string> = { origin: server.url };
	if (cookie) headers.cookie = cookie;
	if (action !== undefined) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		headers['x-sveltekit-action'] = 'true';
		const target = action === 'default' ? urlPath : `${urlPath}${urlPath.includes('?') ? '&' : '?'}/${action}`;
		const response = await fetch(`${server.url}${target}`, {
			method: 'POST',
			headers,
			body: new URLSearchParams(form).toString(),
			redirect: 'manual'
		});
		const text = await response.text();
		if (response.status >= 500) return { outcome: `status ${response.status}`, detail: text.slice(0, 200) };
		let result: { type?: string; status?: number; location?: string };
		try {
			result = JSON.parse(text);
		} catch {
			return { outcome: `status ${response.status}, not JSON`, detail: text.slice(0, 200) };
		}
		if (result.type === 'redirect')
			return { outcome: result.location?.startsWith('/login') ? 'login' : 'ok', detail: `redirect ${result.location}` };
		if (result.type === 'success' || result.type === 'failure') return { outcome: 'ok', detail: `${result.type} ${result.status}` };
		if (result.type === 'error' && [401, 403, 404].includes(response.status))
			return { outcome: response.status as Outcome, detail: text.slice(0, 200) };
		return { outcome: `status ${response.status} ${result.type}`, detail: text.slice(0, 200) };
	}
	const init: RequestInit = { method: method === 'fallback' ? 'GET' : method, headers, redirect: 'manual' };
	if (!['GET', 'HEAD', 'fallback'].includes(method)) {
		headers['content-type'] = 'application/json';
		init.body = '{}';
	}
	const response = await fetch(`${server.url}${urlPath}`, init);
	const body = await response.arrayBuffer();
	const detail = `status ${response.status} ${response.headers.get('location') ?? ''} ${Buffer.from(body).subarray(0, 160).toString()}`;
	if (response.status >= 300 && response.status < 400)
		return { outcome: response.headers.get('location')?.startsWith('/login') ? 'login' : 'ok', detail };
	if ([401, 403, 404].includes(response.status)) return { outcome: response.status as Outcome, detail };
	if (response.status >= 200 && response.status < 300) return { outcome: 'ok', detail };
	// An allowed change with an empty body: refused by validation, past the authorisation.
	if (method !== 'GET' && response.status >= 400 && response.status < 500) return { outcome: 'ok', detail };
	return { outcome: `status ${response.status}`, detail };
}

async function settle(): Promise<void> {
	// Mail queued by an allowed request is delivered before the next "before" picture.
	await server.runtime.mail?.deliverDue();
}

/** Runs one cell: refused cells must change nothing in the database. */
async function cell(
	label: string,
	role: RoleName,
	expected: Outcome,
	run: () => Promise<{ outcome: Outcome | string; detail: string }>,
	failures: string[]
) {
	await settle();
	const before = tableDigests(server.runtime.db);
	const { outcome, detail } = await run();
	if (outcome !== expected) failures.push(`${label} as ${role}: expected ${expected}, got ${outcome} (${detail})`);
	if (expected !== 'ok') {
		const changed = changedTables(before, tableDigests(server.runtime.db));
		if (changed.length > 0) failures.push(`${label} as ${role}: refused, but changed ${changed.join(', ')}`);
	}
}

describe('the matrix is complete', () => {
	it('lists every page, form action and endpoint under src/routes, and nothing else', () => {
		const { pages, endpoints } = routeKeys();
		const nonApi = endpoints.filter((k) => !/ \/api\/(?!\[\.\.\.path\])/.test(k));
		const problems = completeness(
			'route',
			[...pages, ...nonApi].sort(),
			HTTP.map((e) => e.key),
			"an entry { key: '$KEY', path: ..., expect: <row> } to HTTP in tests/integration/authz-matrix.test.ts"
		);
		// Every API route method is a documented operation (and so in the API matrix below).
		const documented = new Set(OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path.replace(/\{([^}]+)\}/g, '[$1]')}`));
		for (const k of endpoints.filter((k) => !nonApi.includes(k))) {
			if (!documented.has(k))
				problems.push(
					`api route: "${k}" is not a documented operation in src/lib/server/api/openapi.ts (OPERATIONS); document it and add it to API in tests/integration/authz-matrix.test.ts`
				);
		}
		expect(problems).toEqual([]);
	});

	it('lists every API operation with the access it documents', () => {
		const ops = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`);
		const problems = completeness(
			'api operation',
			ops,
			API.map((e) => e.key),
			"an entry { key: '$KEY', access: ..., path: ... } to API in tests/integration/authz-matrix.test.ts"
		);
		for (const entry of API) {
			const op = OPERATIONS.find((o) => `${o.method.toUpperCase()} ${o.path}` === entry.key);
			if (op && op.access !== entry.access)
				problems.push(
					`api operation: "${entry.key}" documents access ${op.access}, the matrix says ${entry.access}; decide which is right`
				);
		}
		expect(problems).toEqual([]);
	});

	it('lists every socket event', () => {
		const problems = completeness(
			'socket event',
			['session:join', ...Object.keys(EVENTS)].sort(),
			SOCKET.map((e) => e.event).sort(),
			"an entry { event: '$KEY', expect: <row>, payload: ... } to SOCKET in tests/integration/authz-matrix.test.ts"
		);
		expect(problems).toEqual([]);
	});
});

describe('pages, form actions and endpoints against every role', () => {
	it('answers every cell of the matrix as expected, and refused requests change nothing', async () => {
		const failures: string[] = [];
		for (const entry of HTTP) {
			const [method, , action] = entry.key.split(' ') as [string, string, string | undefined];
			// Refused roles first: allowed changes must not hide a refused one's effect.
			const order = [...ROLE_NAMES].sort((a, b) => Number(entry.expect[a] === 'ok') - Number(entry.expect[b] === 'ok'));
			for (const role of order) {
				const urlPath = entry.path(w);
				const cookie = w.cookie(role, entry.target ?? 'held', entry.fresh);
				await cell(
					`${entry.key} (${urlPath})`,
					role,
					entry.expect[role],
					() => request(method, urlPath, cookie, action?.slice(2), entry.form?.(w)),
					failures
				);
			}
		}
		expect(failures).toEqual([]);
	}, 90_000); // Hundreds of requests: slow on a busy machine.
});

describe('the JSON API against every role', () => {
	it('answers every operation as its access says, and refused calls change nothing', async () => {
		const failures: string[] = [];
		for (const entry of API) {
			const [method] = entry.key.split(' ') as [string];
			const expected = entry.expect ?? API_BY_ACCESS[entry.access];
			const order = [...ROLE_NAMES].sort((a, b) => Number(expected[a] === 'ok') - Number(expected[b] === 'ok'));
			for (const role of order) {
				const cookie = w.cookie(role, 'held', entry.fresh);
				const urlPath = entry.path(w);
				await cell(`${entry.key} (${urlPath})`, role, expected[role], () => request(method, urlPath, cookie), failures);
			}
		}
		expect(failures).toEqual([]);
	});
});

describe('socket events against every role', () => {
	it('acknowledges allowed events and refuses the others without changing anything', async () => {
		const db = server.runtime.db;
		const sessionId = w.live.session.id;
		const sockets = new Map<RoleName, Socket>();
		const failures: string[] = [];
		try {
			for (const role of ROLE_NAMES) {
				const socket = socketClient(server.url, { cookie: w.cookie(role, 'live') });
				const result = await connected(socket).then(
					() => 'connected',
					(e: Error) => e.message
				);
				if (role === 'anonymous') {
					if (result !== 'unauthorized') failures.push(`anonymous socket: expected unauthorized, got ${result}`);
					socket.disconnect();
					continue;
				}
				if (result !== 'connected') failures.push(`${role} socket: ${result}`);
				sockets.set(role, socket);
			}
			const themeIds = server.runtime.db.$client
				.prepare('SELECT id FROM session_themes WHERE dialogue_session_id = ? ORDER BY position')
				.all(sessionId)
				.map((r) => (r as { id: number }).id);
			const ctx: SocketContext = {
				themeIds,
				removable: (origin = 'list') =>
					addParticipant(db, SYSTEM, sessionId, { displayName: 'Tijdelijk', perspective: 'other' }, origin).participant.id,
				goto: (index) => void gotoAgenda(db, { type: 'user', id: w.facilitator.id }, sessionId, index)
			};
			for (const entry of SOCKET) {
				entry.before?.(ctx);
				const order = [...ROLE_NAMES].sort((a, b) => Number(entry.expect[a] === 'accepted') - Number(entry.expect[b] === 'accepted'));
				for (const role of order) {
					const expected = entry.expect[role];
					const socket = sockets.get(role);
					if (expected === 'noConnection') {
						if (socket) failures.push(`${entry.event} as ${role}: expected no connection`);
						continue;
					}
					if (!socket) continue;
					const payload = { sessionId, ...entry.payload(w, ctx) };
					await settle();
					const before = tableDigests(db);
					const ack = (await socket.timeout(5000).emitWithAck(entry.event, payload)) as {
						ok: boolean;
						error?: string;
						proposalId?: number;
					};
					requests++;
					if (ack.ok && typeof ack.proposalId === 'number') ctx.proposalId = ack.proposalId;
					if (expected === 'accepted' && !ack.ok) failures.push(`${entry.event} as ${role}: expected accepted, got ${JSON.stringify(ack)}`);
					if (expected === 'refused') {
						if (ack.ok || !REFUSALS.has(ack.error ?? ''))
							failures.push(`${entry.event} as ${role}: expected refused, got ${JSON.stringify(ack)}`);
						const changed = changedTables(before, tableDigests(db));
						if (changed.length > 0) failures.push(`${entry.event} as ${role}: refused, but changed ${changed.join(', ')}`);
					}
				}
			}
		} finally {
			for (const socket of sockets.values()) socket.disconnect();
		}
		expect(failures).toEqual([]);
	});
});

// Yjs -------------------------------------------------------------------------------------------

function syncUpdateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** Sends `message`, then asks for presence: the answer proves the server handled the message. */
function sendAndConfirm(ws: WebSocket, message: Uint8Array): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no answer')), 5000);
		const onMessage = (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) === 1) {
				clearTimeout(timer);
				ws.off('message', onMessage);
				resolve();
			}
		};
		ws.on('message', onMessage);
		ws.send(message);
		ws.send(Uint8Array.of(3));
	});
}

describe('Yjs documents against every role', () => {
	it('opens the theme documents of a session read-write, read-only or not at all, and drops updates from readers', async () => {
		const realtime = server.runtime.realtime!;
		const failures: string[] = [];
		const docs = server.runtime.db.$client
			.prepare('SELECT key FROM session_themes WHERE dialogue_session_id = ? AND chosen_rank IS NOT NULL')
			.all(w.live.session.id)
			.map((r) => `session/${w.live.session.id}/theme/${(r as { key: string }).key}`);
		expect(docs.length).toBeGreaterThan(0);
		for (const doc of docs) {
			// The document exists, with its starting text stored, before any table is compared.
			await realtime.yjs.document(doc);
			for (const [i, role] of ROLE_NAMES.entries()) {
				const expected = Y_THEME[i]!;
				const cookie = w.cookie(role, 'live');
				const answer = await rawUpgrade(server.url, `/yjs/${doc}`, { origin: server.url, ...(cookie ? { cookie } : {}) });
				requests++;
				if (typeof expected === 'number') {
					if (!('status' in answer) || answer.status !== expected)
						failures.push(`${doc} as ${role}: expected ${expected}, got ${'status' in answer ? answer.status : 'open'}`);
					if ('open' in answer) answer.open.close();
					continue;
				}
				if (!('open' in answer)) {
					failures.push(`${doc} as ${role}: expected ${expected}, got ${answer.status}`);
					continue;
				}
				const ws = answer.open;
				const before = tableDigests(server.runtime.db);
				const mark = `${role}-${Date.now()}`;
				const local = new Y.Doc();
				local.getText('meaning').insert(0, mark);
				await sendAndConfirm(ws, syncUpdateMessage(Y.encodeStateAsUpdate(local)));
				const text = (await realtime.yjs.document(doc)).getText('meaning').toString();
				if (expected === 'write' && !text.includes(mark)) failures.push(`${doc} as ${role}: expected write, the edit did not arrive`);
				if (expected === 'read' && text.includes(mark)) failures.push(`${doc} as ${role}: read-only, but the edit was applied`);
				if (expected === 'read') {
					const changed = changedTables(before, tableDigests(server.runtime.db));
					if (changed.length > 0) failures.push(`${doc} as ${role}: read-only, but changed ${changed.join(', ')}`);
				}
				ws.close();
				await eventually(async () => (await realtime.yjs.connectionCount()) === 0, 5000, 'the connection to close');
			}
		}
		expect(failures).toEqual([]);
	});
});
