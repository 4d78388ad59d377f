// The authorization matrix's vocabulary (test/integration/authorization-matrix.test.ts), shared with the case
// modules: each module places its own routes in src/modules/<kind>/test/<kind>.authorization.ts, exporting
// `authorization(world)`, which the core test collects with import.meta.glob. Removing a module removes its rows;
// a route in the OpenAPI document that no row places still fails the test.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestDatabase } from './test-deps.ts';
import type { Session } from './http.ts';

export const WHO = ['anon', 'owner', 'other', 'wOwn', 'wSib', 'wOth', 'sOwn', 'sOth', 'dept', 'disp', 'lead', 'admin', 'audit', 'tokIn', 'tokOut'] as const;
export type Who = (typeof WHO)[number];
/**
 * An HTTP status; L+ / L- a 200 list that does / does not contain the row's subject (nor any secret); I+ / I3 / I4
 * a 200 bulk answer whose item succeeded / was refused (forbidden) / was not found.
 */
export type Cell = '200' | '201' | '204' | '401' | '403' | '404' | '409' | 'L+' | 'L-' | 'I+' | 'I3' | 'I4';
/** A demo staff username whose tokens are tokIn / tokOut. */
export type Holder = string;

export interface Row {
  cells: Record<Who, Cell>;
  /** whose tokens are tokIn / tokOut */
  holder: Holder;
  /** the permission tokOut's scopes leave out (a scope the holder has that the route does not need is kept) */
  keep: string;
  /** the key in world.subjects of the case an L+ / L- cell looks for (default 'A') */
  subject: string;
}

export function row(cells: string, options: { holder?: Holder; keep?: string; subject?: string } = {}): Row {
  const list = cells.trim().split(/\s+/);
  if (list.length !== WHO.length) throw new Error(`a matrix row needs ${WHO.length} cells: ${cells}`);
  return {
    cells: Object.fromEntries(WHO.map((w, i) => [w, list[i] as Cell])) as Record<Who, Cell>,
    holder: options.holder ?? 'changhong.handler', keep: options.keep ?? 'calendar.read', subject: options.subject ?? 'A',
  };
}

export const ALL = (cell: Cell) => row(Array(WHO.length).fill(cell).join(' '));

export interface Credentials { session: Session | null; token?: string | undefined }
export interface Request { method: string; url: string; payload?: unknown; headers?: Record<string, string> }
export type Build = (who: Who, creds: Credentials) => Promise<Request> | Request;
export type Send = (method: string, url: string, payload?: unknown, extra?: Record<string, string>) => Promise<LightMyRequestResponse>;

/**
 * The world the matrix runs in, on the demo district (南开区): see the test's header for the relations. Its fields
 * are filled in the test's beforeAll; a module reads them when its requests are built or its setup runs.
 */
export interface MatrixWorld {
  readonly db: TestDatabase;
  readonly app: FastifyInstance;
  /** case A, raised by the owner in 长华里 */
  readonly A: { id: string; trackingCode: string };
  /** jurisdiction ids by code (nk, nk-ch, nk-gl, nk-ch-01, nk-ch-02, nk-gl-01..03), and other ids a setup adds */
  ids: Record<string, string>;
  /** sessions by Who and by username */
  sessions: Map<string, Session>;
  /** the ids of the cases L+ / L- cells look for, by name; 'A' is A */
  subjects: Record<string, string>;
  /** what no refused or out-of-reach answer may show, by label; a module's setup adds its own */
  secrets: Record<string, string>;
  /** requests as a session or a bearer token (neither: anonymous), each from a fresh address */
  as(session: Session | null, token?: string): Send;
  asAdmin(): Send;
  /** the response's JSON when it has this status, else a setup error */
  ok(response: LightMyRequestResponse, status: number): Record<string, unknown> & { id: string };
  freshPhone(): string;
  unique(prefix: string): string;
  /** a point in 长华里社区 (nk-ch-01) */
  POINT: { lng: number; lat: number };
  OWNER_PHONE: string;
  OTHER_PHONE: string;
}

export interface MatrixContribution {
  /** route ("GET /api/x/{id}") → who → expected */
  rows: Record<string, Row>;
  /** one valid request per route, so that the check under test is access, not validation */
  requests: Record<string, Build>;
  /** cells where the code answers otherwise today: they fail until the code changes, and then the note goes */
  notes?: Record<string, string>;
  /** environment variables set while the app is built */
  env?: Record<string, string>;
  /** runs after the core world (sessions, A) exists; adds the module's subjects, secrets and ids */
  setup?: () => Promise<void>;
  /** runs after every cell: what the module's world must still look like */
  verify?: () => Promise<void>;
}

/** A valid 1×1 PNG, built byte by byte (signature, IHDR, IDAT, IEND with their CRCs). */
export function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // one scanline: filter byte 0, then one red pixel; zlib stored block (no compression) with its Adler-32
  const raw = Buffer.from([0x00, 0xff, 0x00, 0x00]);
  let a = 1;
  let b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  const idat = Buffer.concat([Buffer.from([0x78, 0x01, 0x01, raw.length, 0x00, ~raw.length & 0xff, 0xff]), raw, adler]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
