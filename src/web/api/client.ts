// The one way the web shell talks to the server: JSON in and out, the session cookie, and the
// CSRF header on every unsafe method (docs/api-shell.md). Failures become an ApiError.
import type { FormInstance } from 'antd';

export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}, requestId: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** Field-level problems: `details.issues`, or the single `details.field` a conflict names. */
  get issues(): FieldIssue[] {
    const issues = this.details.issues;
    if (Array.isArray(issues)) return issues.filter((i): i is FieldIssue => typeof i?.field === 'string' && typeof i?.message === 'string');
    return typeof this.details.field === 'string' ? [{ field: this.details.field, message: this.message }] : [];
  }
}

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request made with a session answers 401: the session expired or was ended elsewhere. */
export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  const error = (payload as { error?: { code?: string; message?: string; details?: Record<string, unknown>; requestId?: string } } | null)?.error;
  if (response.status === 401 && !path.startsWith('/api/auth/')) onSessionLost?.();
  throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText, error?.details ?? {}, error?.requestId ?? null);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

/** `body.grants.0.role` → ['grants', 0, 'role'] (antd Form name path). */
export function formNamePath(field: string): Array<string | number> {
  return field.split('.').slice(field.startsWith('body.') || field.startsWith('query.') ? 1 : 0).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The longest leading part of `path` that names a field the form holds. */
function fieldOnForm(values: unknown, path: Array<string | number>): Array<string | number> {
  let node = values;
  let depth = 0;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) break;
    node = (node as Record<string | number, unknown>)[part];
    depth += 1;
  }
  return path.slice(0, depth);
}

/**
 * Shows the server's field issues on the form's fields. An issue deeper than any field (`body.csv.line3`)
 * goes on the field above it, prefixed with the rest of its path. Returns the issues that match no
 * field of the form, so the caller can show them elsewhere.
 */
export function showFieldIssues(form: FormInstance, error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError)) return [];
  const values: unknown = form.getFieldsValue();
  const byField = new Map<string, { name: Array<string | number>; errors: string[] }>();
  const unplaced: FieldIssue[] = [];
  for (const issue of error.issues) {
    const path = formNamePath(issue.field);
    const name = fieldOnForm(values, path);
    if (name.length === 0) {
      unplaced.push(issue);
      continue;
    }
    const rest = path.slice(name.length).join('.');
    const entry = byField.get(JSON.stringify(name)) ?? { name, errors: [] };
    entry.errors.push(rest ? `${rest}: ${issue.message}` : issue.message);
    byField.set(JSON.stringify(name), entry);
  }
  form.setFields([...byField.values()]);
  return unplaced;
}
