// The application module's sample bodies for test/integration/http-hardening.test.ts (which collects this file):
// one body per JSON route that passes validation, so that the test can add one fault at a time.
export function httpSamples(_real: Record<string, string>): Record<string, Record<string, unknown>> {
  return {
    'POST /api/services': {
      code: 'PROBE', nameZh: '探针服务', nameEn: 'Probe', content: '探针', procedure: ['申请'], fees: '不收费', legalBasis: ['依据'],
      materials: [{ code: 'id_card', name: '身份证', required: true }], promisedDays: 5, level: 'community',
    },
    'PATCH /api/services/{code}': { nameZh: '探针' },
    'POST /api/applications': { serviceCode: 'JZZM', applicant: { kind: 'person', name: '探针', phone: '13800138000' }, materials: [] },
    'POST /api/applications/counter': { serviceCode: 'JZZM', applicant: { kind: 'person', name: '探针', phone: '13800138000' }, materials: [] },
    'POST /api/applications/{id}/opinion': { agree: true, text: '探针意见' },
  };
}
