// The committed openapi.json is the API as the code describes it now; the web client and outside
// integrators read the file, so a route change without `npm run openapi` fails here.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/cli/main.ts';

const COMMITTED = fileURLToPath(new URL('../../openapi.json', import.meta.url));
const HOW_TO_FIX = 'openapi.json is out of date with the routes: run `npm run openapi` and commit the file';

describe('openapi.json', () => {
  it('equals the document the code generates now', async () => {
    expect(existsSync(COMMITTED), `openapi.json is missing: run \`npm run openapi\` and commit the file`).toBe(true);
    const generated = await openApiDocument();
    const committed = readFileSync(COMMITTED, 'utf8');
    // Compare the parsed documents first for a readable diff, then the text (formatting included).
    expect(JSON.parse(committed), HOW_TO_FIX).toEqual(JSON.parse(generated));
    expect(committed, HOW_TO_FIX).toBe(generated);
  }, 30_000);

  it('is an OpenAPI 3.1 document describing the error shape and the routes', async () => {
    const document = JSON.parse(await openApiDocument()) as { openapi: string; info: { description: string }; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.description).toContain('{ error: { code, message, details, requestId } }');
    for (const path of ['/api/auth/login', '/api/jurisdictions/{id}', '/api/calendar/due', '/api/audit/verify', '/api/people/{id}/reveal', '/health']) {
      expect(Object.keys(document.paths), path).toContain(path);
    }
    // The internal document route itself is hidden.
    expect(Object.keys(document.paths)).not.toContain('/api/openapi.json');
  }, 30_000);
});
