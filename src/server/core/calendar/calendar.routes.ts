import { z } from 'zod';
import type { App } from '../../platform/http/app-types.ts';
import type { Deps } from '../../deps.ts';
import { isLocalDate } from '../../../shared/time/local-date.ts';
import { calendarYear, deleteOverride, dueDate, importOverrides, putOverride, putStatutoryYear, statutoryYears } from './calendar.service.ts';

const localDate = z.string().refine(isLocalDate, 'A real date in the form YYYY-MM-DD');

export async function calendarRoutes(app: App, deps: Deps) {
  const tags = ['calendar'];
  app.get('/api/calendar', {
    schema: { tags, summary: 'Holidays, make-up workdays and overrides of one year for a jurisdiction', querystring: z.strictObject({ jurisdictionId: z.uuid(), year: z.coerce.number().int().min(1990).max(2100) }) },
  }, async (request) => calendarYear(deps, request.actor, request.query.jurisdictionId, request.query.year));

  app.put('/api/calendar/overrides', {
    schema: { tags, summary: 'Make one day a workday or a rest day for a jurisdiction and the units under it', body: z.strictObject({ jurisdictionId: z.uuid(), date: localDate, kind: z.enum(['workday', 'restday']), note: z.string().trim().max(200).optional() }) },
  }, async (request) => putOverride(deps, request.actor, request.body, request.id));

  app.delete('/api/calendar/overrides/:id', { schema: { tags, summary: 'Remove an override', params: z.strictObject({ id: z.uuid() }) } }, async (request, reply) => {
    await deleteOverride(deps, request.actor, request.params.id, request.id);
    return reply.status(204).send();
  });

  app.post('/api/calendar/overrides/import', {
    schema: { tags, summary: 'Import overrides from CSV lines "date,kind,note" (all or nothing)', body: z.strictObject({ jurisdictionId: z.uuid(), csv: z.string().min(1).max(100_000) }) },
  }, async (request) => importOverrides(deps, request.actor, request.body.jurisdictionId, request.body.csv, request.id));

  app.get('/api/calendar/due', {
    schema: {
      tags, summary: 'The due date of a period counted on this jurisdiction\'s calendar (start day not counted)',
      querystring: z.strictObject({ jurisdictionId: z.uuid(), from: localDate, amount: z.coerce.number().int().min(0).max(3650), unit: z.enum(['working_day', 'calendar_day']) }),
    },
  }, async (request) => dueDate(deps, request.actor, request.query));

  app.get('/api/calendar/statutory', { schema: { tags, summary: 'Years with a statutory holiday arrangement, and whether next year\'s is still missing' } }, async (request) =>
    statutoryYears(deps, request.actor));

  app.put('/api/calendar/statutory/:year', {
    schema: {
      tags, summary: 'Enter a year\'s official holiday arrangement (holidays and make-up working days) when the holiday data does not have it yet',
      params: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
      body: z.strictObject({
        source: z.string().trim().min(2).max(200),
        days: z.array(z.strictObject({ date: localDate, kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1).max(50) })).min(1).max(120),
      }),
    },
  }, async (request) => putStatutoryYear(deps, request.actor, request.params.year, request.body, request.id));
}
