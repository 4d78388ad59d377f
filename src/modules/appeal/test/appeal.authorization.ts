// The appeal module's rows of the authorization matrix (test/integration/authorization-matrix.test.ts, which
// collects this file): the public door, staff intake, the mailbox, the inbox, the leaders' dashboard, dispatch, the
// catalogue and routing rules, and Open311 (GeoReport v2) with its keys. Case A of the matrix's world is an appeal (see the test's header).
import { randomUUID } from 'node:crypto';
import { ALL, row, type Build, type MatrixContribution, type MatrixWorld, type Row } from '../../../../test/support/authorization-matrix.ts';

const OPEN311_KEY = `o311_matrix_${randomUUID()}`;

const letter = (subject: string) => Buffer.from([
  'From: =?UTF-8?B?' + Buffer.from('写信居民').toString('base64') + '?= <letter@example.com>', 'To: mailbox@nankai.example', `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
  'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', '长华里社区5号楼门口的路灯坏了很久，晚上很黑，请尽快修理。', '',
].join('\r\n'));

export function authorization(w: MatrixWorld): MatrixContribution {
  /** Removes the routing rule for this category and area, if a probe left one (a second is refused with 409). */
  async function withoutRule(categoryCode: string, areaId: string) {
    const rules = w.ok(await w.asAdmin()('GET', '/api/appeals/admin/routing-rules'), 200).items as Array<{ id: string; categoryCode: string; areaId: string }>;
    for (const rule of rules.filter((r) => r.categoryCode === categoryCode && r.areaId === areaId)) {
      const removed = await w.asAdmin()('DELETE', `/api/appeals/admin/routing-rules/${rule.id}`);
      if (removed.statusCode !== 204) throw new Error(`setup: removing a routing rule answered ${removed.statusCode} ${removed.body}`);
    }
  }

  /* eslint-disable no-multi-spaces */
  const rows: Record<string, Row> = {
    //                                                  anon  owner other wOwn  wSib  wOth  sOwn  sOth  dept  disp  lead  admin audit tokIn tokOut
    // appeals: the public door
    'GET /api/appeals/categories':               ALL('200'),
    'GET /api/appeals/categories/suggest':       ALL('200'),
    'POST /api/appeals':                         ALL('201'),
    'POST /api/appeals/duplicates':              ALL('200'),
    'GET /api/appeals/track/{code}':             ALL('200'),
    // staff intake: case.act where the appeal lies (長华里)
    'POST /api/appeals/staff-intake':            row('401   403   403   201   404   404   201   404   404   201   403   403   403   201   403'),
    // the mailbox gateway: case.act; the letter itself names the place
    'POST /api/appeals/mailbox':                 row('401   403   403   201   201   201   201   201   201   201   403   403   403   201   403'),
    'GET /api/appeals/inbox':                    row('401   403   403   L+    L-    L-    L+    L-    L-    L+    L+    403   403   L+    403'),
    // the leaders' dashboard: case.supervise (the leader); counts only, within the leader's reach
    'GET /api/appeals/dashboard':                row('401   403   403   403   403   403   403   403   403   403   200   403   403   200   403', { holder: 'leader' }),
    'GET /api/appeals/callers':                  row('401   403   403   L+    L-    L-    L+    L-    L-    L+    403   403   403   L+    403'),
    // case.dispatch; a registered district-level appeal located in 长华里 is dispatched by the district only
    'POST /api/appeals/bulk-dispatch':           row('401   403   403   403   403   403   I3    I4    403   I+    403   403   403   I+    403', { holder: 'dispatcher' }),
    // settings.manage at the district (admin)
    'GET /api/appeals/admin/categories':         row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
    'POST /api/appeals/admin/categories':        row('401   403   403   403   403   403   403   403   403   403   403   201   403   201   403', { holder: 'admin' }),
    'PATCH /api/appeals/admin/categories/{code}': row('401  403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
    'GET /api/appeals/admin/routing-rules':      row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
    'POST /api/appeals/admin/routing-rules':     row('401   403   403   403   403   403   403   403   403   403   403   201   403   201   403', { holder: 'admin' }),
    'DELETE /api/appeals/admin/routing-rules/{id}': row('401 403   403   403   403   403   403   403   403   403   403   204   403   204   403', { holder: 'admin' }),
    'GET /api/open311/keys':                     row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
    'POST /api/open311/keys':                    row('401   403   403   403   403   403   403   403   403   403   403   201   403   201   403', { holder: 'admin' }),
    'DELETE /api/open311/keys/{id}':             row('401   403   403   403   403   403   403   403   403   403   403   204   403   204   403', { holder: 'admin' }),
    // Open311 GeoReport v2: public; a POST is authorised by its api_key, whoever sends it
    'GET /open311/v2/discovery.json':            ALL('200'),
    'GET /open311/v2/discovery.xml':             ALL('200'),
    'GET /open311/v2/services.json':             ALL('200'),
    'GET /open311/v2/services.xml':              ALL('200'),
    'GET /open311/v2/services/{file}':           ALL('200'),
    'POST /open311/v2/requests.json':            ALL('201'),
    'POST /open311/v2/requests.xml':             ALL('201'),
    'GET /open311/v2/requests.json':             ALL('200'),
    'GET /open311/v2/requests.xml':              ALL('200'),
    'GET /open311/v2/requests/{file}':           ALL('200'),
    'GET /open311/v2/tokens/{file}':             ALL('200'),
  };
  /* eslint-enable no-multi-spaces */

  const requests: Record<string, Build> = {
    'GET /api/appeals/categories': () => ({ method: 'GET', url: '/api/appeals/categories' }),
    'GET /api/appeals/categories/suggest': () => ({ method: 'GET', url: `/api/appeals/categories/suggest?text=${encodeURIComponent('楼道灯坏了')}` }),
    'POST /api/appeals': () => ({ method: 'POST', url: '/api/appeals', payload: { categoryCode: 'property', description: '矩阵：单元门门禁坏了', location: { communityId: w.ids['nk-ch-02'] }, contact: { phone: w.freshPhone() } } }),
    'POST /api/appeals/duplicates': () => ({ method: 'POST', url: '/api/appeals/duplicates', payload: { categoryCode: 'property', description: '楼道灯坏了', location: w.POINT } }),
    'GET /api/appeals/track/{code}': () => ({ method: 'GET', url: `/api/appeals/track/${w.A.trackingCode}` }),
    'POST /api/appeals/staff-intake': () => ({ method: 'POST', url: '/api/appeals/staff-intake', payload: { categoryCode: 'property', description: '矩阵：来电反映楼道灯不亮', location: w.POINT, contact: { phone: w.freshPhone() }, channel: 'hotline' } }),
    'POST /api/appeals/mailbox': () => ({ method: 'POST', url: '/api/appeals/mailbox', payload: letter('路灯不亮'), headers: { 'content-type': 'message/rfc822' } }),
    'GET /api/appeals/inbox': () => ({ method: 'GET', url: `/api/appeals/inbox?queue=all_open&q=${w.A.trackingCode}` }),
    'GET /api/appeals/dashboard': () => ({ method: 'GET', url: '/api/appeals/dashboard?from=2026-01-01&to=2026-12-31' }),
    'GET /api/appeals/callers': () => ({ method: 'GET', url: `/api/appeals/callers?phone=${w.OWNER_PHONE}` }),
    'POST /api/appeals/bulk-dispatch': async () => {
      // A gas leak is the district's to route: registered with the dispatchers, located in 长华里.
      const fresh = w.ok(await w.as(null)('POST', '/api/appeals', { categoryCode: 'gas-leak', description: '矩阵：楼道里有燃气味', location: w.POINT, contact: { phone: w.freshPhone() } }), 201);
      if (fresh.state !== 'registered') throw new Error(`setup: a gas leak should wait for the dispatcher, got ${String(fresh.state)}`);
      return { method: 'POST', url: '/api/appeals/bulk-dispatch', payload: { caseIds: [fresh.id], unitId: w.ids['nk-ch-01'] } };
    },
    'GET /api/appeals/admin/categories': () => ({ method: 'GET', url: '/api/appeals/admin/categories' }),
    'POST /api/appeals/admin/categories': () => ({ method: 'POST', url: '/api/appeals/admin/categories', payload: { code: w.unique('matrix-cat').toLowerCase(), parentCode: 'community-life', nameZh: '矩阵类别', nameEn: 'Matrix', slaClass: 'general', level: 'community', active: false } }),
    'PATCH /api/appeals/admin/categories/{code}': () => ({ method: 'PATCH', url: `/api/appeals/admin/categories/${w.ids.probeCategory}`, payload: { nameEn: 'Matrix probe' } }),
    'GET /api/appeals/admin/routing-rules': () => ({ method: 'GET', url: '/api/appeals/admin/routing-rules' }),
    // One rule per category and area: an earlier probe's rule is removed first.
    'POST /api/appeals/admin/routing-rules': async () => {
      await withoutRule('wages', w.ids['nk-gl-03']!);
      return { method: 'POST', url: '/api/appeals/admin/routing-rules', payload: { categoryCode: 'wages', areaId: w.ids['nk-gl-03'], targetUnitId: w.ids['nk-gl'], note: '矩阵' } };
    },
    'DELETE /api/appeals/admin/routing-rules/{id}': async () => {
      await withoutRule('wages', w.ids['nk-gl-02']!);
      const rule = w.ok(await w.asAdmin()('POST', '/api/appeals/admin/routing-rules', { categoryCode: 'wages', areaId: w.ids['nk-gl-02'], targetUnitId: w.ids['nk-gl'] }), 201);
      return { method: 'DELETE', url: `/api/appeals/admin/routing-rules/${rule.id}` };
    },
    'GET /api/open311/keys': () => ({ method: 'GET', url: '/api/open311/keys' }),
    'POST /api/open311/keys': () => ({ method: 'POST', url: '/api/open311/keys', payload: { name: w.unique('matrix client') } }),
    'DELETE /api/open311/keys/{id}': async () => {
      const key = w.ok(await w.asAdmin()('POST', '/api/open311/keys', { name: w.unique('doomed client') }), 201);
      return { method: 'DELETE', url: `/api/open311/keys/${key.id}` };
    },
    'GET /open311/v2/discovery.json': () => ({ method: 'GET', url: '/open311/v2/discovery.json' }),
    'GET /open311/v2/discovery.xml': () => ({ method: 'GET', url: '/open311/v2/discovery.xml' }),
    'GET /open311/v2/services.json': () => ({ method: 'GET', url: '/open311/v2/services.json' }),
    'GET /open311/v2/services.xml': () => ({ method: 'GET', url: '/open311/v2/services.xml' }),
    'GET /open311/v2/services/{file}': () => ({ method: 'GET', url: '/open311/v2/services/noise.json' }),
    'POST /open311/v2/requests.json': () => ({ method: 'POST', url: '/open311/v2/requests.json', payload: { api_key: OPEN311_KEY, service_code: 'property', lat: w.POINT.lat, long: w.POINT.lng, description: '矩阵：楼道灯坏了', phone: w.freshPhone() } }),
    'POST /open311/v2/requests.xml': () => ({ method: 'POST', url: '/open311/v2/requests.xml', payload: { api_key: OPEN311_KEY, service_code: 'property', lat: w.POINT.lat, long: w.POINT.lng, description: '矩阵：楼道灯坏了', phone: w.freshPhone() } }),
    'GET /open311/v2/requests.json': () => ({ method: 'GET', url: `/open311/v2/requests.json?service_request_id=${w.A.trackingCode}` }),
    'GET /open311/v2/requests.xml': () => ({ method: 'GET', url: `/open311/v2/requests.xml?service_request_id=${w.A.trackingCode}` }),
    'GET /open311/v2/requests/{file}': () => ({ method: 'GET', url: `/open311/v2/requests/${w.A.trackingCode}.json` }),
    'GET /open311/v2/tokens/{file}': () => ({ method: 'GET', url: `/open311/v2/tokens/${w.A.id}.json` }),
  };

  return {
    rows,
    requests,
    env: { MINSHENG_OPEN311_KEYS: OPEN311_KEY }, // read by the Open311 routes when the app is built
    setup: async () => {
      const probe = w.ok(await w.asAdmin()('POST', '/api/appeals/admin/categories', { code: 'matrix-probe', parentCode: 'community-life', nameZh: '矩阵探针', nameEn: 'Probe', slaClass: 'general', level: 'community', active: false }), 201);
      w.ids.probeCategory = probe.code as string;
    },
  };
}
