import { requireSessionParticipant } from '$lib/server/http/guards';
import type { LayoutServerLoad } from './$types';

/**
 * The evaluation and the report are for this session's own participants and observers (the
 * participant cookie); anyone else gets 404, so the session's existence is not told. The live
 * page itself (one level up) is open to anyone: the session arrives over socket.io, for those
 * who are in it. Defence in depth: each page and form action still checks this itself.
 */
export const load: LayoutServerLoad = (event) => {
	requireSessionParticipant(event);
};
