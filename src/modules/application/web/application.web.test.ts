// The web part's pure pieces: the ID number check the form runs before the intake does, the service rebuilt
// for an application whose service left the catalogue, and every label built at run time (states, queues,
// actions, events, documents) present in each language — the dictionary test checks only that the
// languages agree with each other.
import { describe, expect, it } from 'vitest';
import { COMMAND_PERMISSIONS } from '../shared/application.policy.ts';
import { applicationEn } from '../locales/en.ts';
import { applicationZhCN } from '../locales/zh-CN.ts';
import { applicationZhTW } from '../locales/zh-TW.ts';
import { DOCUMENT_KINDS, LEVELS, PAUSE_REASONS, QUEUES, serviceOf, STATES, type ApplicationDetail } from './application.api.ts';
import { idNumberValid } from './components/id-number.ts';

describe('the ID number check', () => {
  it('accepts a number whose check character is right, in either case, and refuses others', () => {
    expect(idNumberValid('11010519491231002X')).toBe(true);
    expect(idNumberValid('11010519491231002x')).toBe(true);
    expect(idNumberValid('120104195803120526')).toBe(true);
    expect(idNumberValid('120104195803120527')).toBe(false);
    expect(idNumberValid('12010419580312052')).toBe(false);
    expect(idNumberValid('')).toBe(false);
  });
});

describe('an application whose service left the catalogue', () => {
  it('shows the service as the application recorded it', () => {
    const detail = {
      case: { title: '居住证明 · 王*兰', handlingUnitId: 'u1', data: { serviceCode: 'JZZM', serviceName: '居住证明', periodDays: 3, statutoryDays: 20, deemedApproval: true, jointUnitIds: [], materialCatalogue: [{ code: 'id_card', name: '申请人居民身份证', required: true }] } },
      service: null,
      materials: [],
    } as unknown as ApplicationDetail;
    const service = serviceOf(detail);
    expect(service).toMatchObject({ code: 'JZZM', nameZh: '居住证明', promisedDays: 3, statutoryDays: 20, deemedApproval: true, handlingUnitId: 'u1' });
    expect(service.materials.map((m) => m.name)).toEqual(['申请人居民身份证']);
  });
});

describe('labels built at run time', () => {
  const staffActions = Object.keys(COMMAND_PERMISSIONS).filter((type) => !['open', 'resubmit', 'withdraw'].includes(type));
  const events = [
    'submitted', 'materials_requested', 'resubmitted', 'accepted', 'deemed_accepted', 'paused', 'resumed', 'extension_requested', 'extension_approved',
    'extension_refused', 'opinion_given', 'approved', 'rejected', 'deemed_approved', 'overdue_flagged', 'withdrawn',
  ];
  const keys = [
    ...STATES.flatMap((s) => [`application.state.${s}`, `application.stateLong.${s}`]),
    ...QUEUES.map((q) => `application.queue.${q}`),
    ...LEVELS.map((l) => `application.level.${l}`),
    ...PAUSE_REASONS.map((r) => `application.pause.${r}`),
    ...DOCUMENT_KINDS.map((k) => `application.document.${k}`),
    ...['approved', 'rejected', 'deemed_approved'].flatMap((o) => [`application.document.decision.${o}`, `application.outcome.short.${o}`]),
    ...staffActions.flatMap((a) => [`application.action.${a}`, `application.action.${a}.submit`]),
    ...events.map((e) => `application.event.${e}`),
    ...['pending', 'approved', 'refused'].map((s) => `application.extension.${s}`),
    ...['online', 'counter'].map((c) => `application.channel.${c}`),
    ...['onTime', 'late', 'deemedApproved', 'overdueNow'].map((k) => `application.lapses.${k}`),
  ];
  for (const [language, dictionary] of Object.entries({ 'zh-CN': applicationZhCN, 'zh-TW': applicationZhTW, en: applicationEn })) {
    it(`${language} has every one`, () => {
      expect(keys.filter((k) => !(k in dictionary))).toEqual([]);
    });
  }
});
