// The appeal module's sample bodies for test/integration/http-hardening.test.ts (which collects this file):
// one body per JSON route that passes validation, so that the test can add one fault at a time (the first
// field gets the wrong type, the first text field a U+0000). GET routes take no body: GET /api/appeals/dashboard's
// query (from, to) is checked field by field in test/integration/appeal-dashboard.test.ts.
const POINT = { lng: 117.147013, lat: 39.1406 }; // in 长华里社区 (nk-ch-01)

export function httpSamples(real: Record<string, string>): Record<string, Record<string, unknown>> {
  return {
    'POST /api/appeals': { description: '探针：单元门门禁坏了', categoryCode: 'property', location: POINT, contact: { phone: '13800138000' } },
    'POST /api/appeals/duplicates': { description: '探针：楼道灯坏了', categoryCode: 'property', location: POINT },
    'POST /api/appeals/staff-intake': { description: '探针：来电反映楼道灯不亮', categoryCode: 'property', location: POINT, contact: { phone: '13800138000' }, channel: 'hotline' },
    'POST /api/appeals/bulk-dispatch': { unitId: real.jurisdiction, caseIds: [real.case] },
    'POST /api/appeals/admin/categories': { nameZh: '探针类别', code: 'probe-category', parentCode: 'community-life', nameEn: 'Probe', slaClass: 'general', level: 'community', active: false },
    'PATCH /api/appeals/admin/categories/{code}': { nameEn: 'Probe' },
    'POST /api/appeals/admin/routing-rules': { note: '探针', categoryCode: 'wages', areaId: real.jurisdiction, targetUnitId: real.district },
    'POST /api/open311/keys': { name: 'probe client' },
    'POST /open311/v2/requests.json': { description: '探针：楼道灯坏了', api_key: 'probe', service_code: 'property', lat: POINT.lat, long: POINT.lng, phone: '13800138000' },
    'POST /open311/v2/requests.xml': { description: '探针：楼道灯坏了', api_key: 'probe', service_code: 'property', lat: POINT.lat, long: POINT.lng, phone: '13800138000' },
  };
}
