/**
 * The Yjs process (build/yjs-worker.js): started by the server with its options as the one
 * argument; serves the co-edited documents whose connections the server hands it. See
 * src/lib/server/realtime/yjs/host.ts.
 */
import { runYjsWorker, type WorkerOptions } from '../src/lib/server/realtime/yjs/host';

runYjsWorker(JSON.parse(process.argv[2] ?? '{}') as WorkerOptions);
