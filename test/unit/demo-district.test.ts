import { describe, expect, it } from 'vitest';
import {
  DEMO_JURISDICTIONS,
  DEMO_PASSWORD,
  DEMO_RESIDENTS,
  DEMO_STAFF,
  DEMO_TENANT,
  type DemoJurisdiction,
} from '../../src/server/core/jurisdictions/demo-district.data.ts';

type Pt = [number, number];

/** Ray casting; the ring is closed (first = last). */
function pointInPolygon([x, y]: Pt, ring: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Absolute shoelace area (degrees², fine for comparisons). */
function area(ring: Pt[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    s += x1 * y2 - x2 * y1;
  }
  return Math.abs(s) / 2;
}

function isoChecksum(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * w[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

const byCode = new Map(DEMO_JURISDICTIONS.map((j) => [j.code, j]));
const ofKind = (kind: DemoJurisdiction['kind']) => DEMO_JURISDICTIONS.filter((j) => j.kind === kind);
const streets = ofKind('street');
const communities = ofKind('community');
const streetByName = (nameZh: string) => {
  const s = streets.find((x) => x.nameZh === nameZh);
  if (!s) throw new Error(`no street ${nameZh}`);
  return s;
};
const inBbox = ([lng, lat]: Pt) => lng >= 117.09 && lng <= 117.21 && lat >= 39.08 && lat <= 39.17;

describe('demo district data', () => {
  it('has a tenant and the documented password', () => {
    expect(DEMO_TENANT.code).toBeTruthy();
    expect(DEMO_TENANT.nameZh).toContain('南开区');
    expect(DEMO_PASSWORD).toBe('Minsheng#2026');
  });

  it('has one district, the 12 real streets and 165 communities (8–20 per street)', () => {
    expect(ofKind('district')).toHaveLength(1);
    expect(streets.map((s) => s.nameZh).sort()).toEqual(
      [
        '长虹街', '鼓楼街', '兴南街', '广开街', '万兴街', '学府街',
        '向阳路街', '嘉陵道街', '王顶堤街', '水上公园街', '体育中心街', '华苑街',
      ].sort(),
    );
    expect(communities).toHaveLength(165);
    for (const s of streets) {
      const n = communities.filter((c) => c.parentCode === s.code).length;
      expect(n, s.nameZh).toBeGreaterThanOrEqual(8);
      expect(n, s.nameZh).toBeLessThanOrEqual(20);
    }
  });

  it('has unique codes and names, and every parent exists and precedes its child', () => {
    expect(byCode.size).toBe(DEMO_JURISDICTIONS.length);
    expect(new Set(communities.map((c) => c.nameZh)).size).toBe(communities.length);
    expect(new Set(communities.map((c) => c.nameEn)).size).toBe(communities.length);
    const seen = new Set<string>();
    for (const j of DEMO_JURISDICTIONS) {
      if (j.kind === 'district') expect(j.parentCode).toBeNull();
      else {
        expect(j.parentCode, j.code).not.toBeNull();
        expect(seen.has(j.parentCode!), `${j.code} after ${j.parentCode}`).toBe(true);
        expect(j.code.startsWith(`${j.parentCode}-`), j.code).toBe(true);
      }
      seen.add(j.code);
    }
  });

  it('names communities in Chinese with 社区 and in English with Community', () => {
    for (const c of communities) {
      expect(c.nameZh).toMatch(/^[\u4e00-\u9fff]+社区$/);
      expect(c.nameEn).toMatch(/^[A-Z][A-Za-z' ]+ Community$/);
    }
  });

  it('places the seed model communities in the right streets', () => {
    const expected: [string, string][] = [
      ['长华里社区', '长虹街'],
      ['欣苑社区', '华苑街'],
      ['嘉陵北里社区', '嘉陵道街'],
      ['学湖里社区', '学府街'],
    ];
    for (const [community, street] of expected) {
      const c = communities.find((x) => x.nameZh === community);
      expect(c, community).toBeDefined();
      expect(c!.parentCode).toBe(streetByName(street).code);
    }
  });

  it('has departments at district level and two service centres per street', () => {
    const depts = ofKind('department');
    const districtDepts = depts.filter((d) => d.parentCode === 'nk');
    expect(districtDepts.length).toBeGreaterThanOrEqual(13);
    for (const name of ['民政局', '司法局', '信访办', '社区建设办公室', '南开公安分局', '行政审批局']) {
      expect(districtDepts.some((d) => d.nameZh === name), name).toBe(true);
    }
    for (const s of streets) {
      const own = depts.filter((d) => d.parentCode === s.code);
      expect(own.some((d) => d.nameZh.endsWith('综治信访服务中心')), s.nameZh).toBe(true);
      expect(own.some((d) => d.nameZh.endsWith('市民社会事务一门式服务中心')), s.nameZh).toBe(true);
    }
  });

  it('has 2–4 grid cells for the first three communities of 鼓楼街 and 长虹街', () => {
    for (const street of ['鼓楼街', '长虹街']) {
      const own = communities.filter((c) => c.parentCode === streetByName(street).code).slice(0, 3);
      for (const c of own) {
        const grids = DEMO_JURISDICTIONS.filter((j) => j.kind === 'grid' && j.parentCode === c.code);
        expect(grids.length, c.nameZh).toBeGreaterThanOrEqual(2);
        expect(grids.length, c.nameZh).toBeLessThanOrEqual(4);
        for (const g of grids) expect(pointInPolygon(g.centroid!, c.polygon!), g.code).toBe(true);
      }
    }
  });

  it('keeps geometry consistent: closed rings, centroids inside their street and the district box', () => {
    const district = ofKind('district')[0]!;
    for (const j of [district, ...streets, ...communities]) {
      const ring = j.polygon!;
      expect(ring.length, j.code).toBeGreaterThanOrEqual(4);
      expect(ring[0], j.code).toEqual(ring[ring.length - 1]);
      for (const p of ring) expect(inBbox(p), `${j.code} vertex ${p.join(',')}`).toBe(true);
      expect(pointInPolygon(j.centroid!, ring), j.code).toBe(true);
    }
    for (const s of streets) expect(pointInPolygon(s.centroid!, district.polygon!), s.code).toBe(true);
    for (const c of communities) {
      const street = byCode.get(c.parentCode!)!;
      expect(pointInPolygon(c.centroid!, street.polygon!), c.code).toBe(true);
      expect(inBbox(c.centroid!), c.code).toBe(true);
    }
  });

  it('tiles: communities cover their street and streets cover the district', () => {
    const district = ofKind('district')[0]!;
    const streetSum = streets.reduce((acc, s) => acc + area(s.polygon!), 0);
    expect(streetSum / area(district.polygon!)).toBeCloseTo(1, 3);
    for (const s of streets) {
      const sum = communities
        .filter((c) => c.parentCode === s.code)
        .reduce((acc, c) => acc + area(c.polygon!), 0);
      expect(sum / area(s.polygon!), s.nameZh).toBeCloseTo(1, 3);
    }
  });

  it('places streets roughly where they are', () => {
    const lng = (name: string) => streetByName(name).centroid![0];
    const lat = (name: string) => streetByName(name).centroid![1];
    expect(lng('鼓楼街')).toBeGreaterThan(lng('华苑街'));
    expect(lng('鼓楼街')).toBeGreaterThan(lng('王顶堤街'));
    expect(lat('华苑街')).toBeLessThan(lat('鼓楼街'));
    expect(lat('水上公园街')).toBeLessThan(lat('长虹街'));
  });

  it('has staff with existing jurisdictions, unique usernames, test phones and demo-marked names', () => {
    expect(new Set(DEMO_STAFF.map((s) => s.username)).size).toBe(DEMO_STAFF.length);
    expect(new Set(DEMO_STAFF.map((s) => s.displayName)).size).toBe(DEMO_STAFF.length);
    for (const s of DEMO_STAFF) {
      expect(byCode.has(s.jurisdictionCode), `${s.username} → ${s.jurisdictionCode}`).toBe(true);
      expect(s.displayName, s.username).toMatch(/（演示）$/);
      expect(s.phone, s.username).toMatch(/^1990000\d{4}$/);
      expect(s.username).toMatch(/^[a-z][a-z0-9.]*$/);
    }
    const role = (u: string) => DEMO_STAFF.find((s) => s.username === u);
    expect(role('admin')).toMatchObject({ role: 'admin', jurisdictionCode: 'nk' });
    expect(role('auditor')).toMatchObject({ role: 'auditor', jurisdictionCode: 'nk' });
    expect(role('leader')).toMatchObject({ role: 'leader', jurisdictionCode: 'nk' });
    expect(role('dispatcher')).toMatchObject({ role: 'district_dispatcher', jurisdictionCode: 'nk' });
    expect(role('gulou.handler')).toMatchObject({ role: 'street_handler', jurisdictionCode: streetByName('鼓楼街').code });
    expect(role('changhong.handler')).toMatchObject({ role: 'street_handler', jurisdictionCode: streetByName('长虹街').code });
    expect(role('civil.handler')).toMatchObject({ role: 'department_handler', jurisdictionCode: 'nk-dept-civil' });
    expect(byCode.get(role('changhuali.worker')!.jurisdictionCode)!.nameZh).toBe('长华里社区');
    const gulouFirst = communities.find((c) => c.parentCode === streetByName('鼓楼街').code)!;
    expect(role('gulou.worker')).toMatchObject({ role: 'community_worker', jurisdictionCode: gulouFirst.code });
  });

  it('staffs every street, district department and grid cell', () => {
    for (const s of streets) {
      expect(DEMO_STAFF.some((x) => x.role === 'street_handler' && x.jurisdictionCode === s.code), s.nameZh).toBe(true);
      const workers = DEMO_STAFF.filter(
        (x) => x.role === 'community_worker' && byCode.get(x.jurisdictionCode)!.parentCode === s.code,
      );
      expect(workers.length, s.nameZh).toBeGreaterThanOrEqual(2);
    }
    for (const d of ofKind('department').filter((x) => x.parentCode === 'nk')) {
      expect(DEMO_STAFF.some((x) => x.role === 'department_handler' && x.jurisdictionCode === d.code), d.code).toBe(true);
    }
    for (const g of ofKind('grid')) {
      expect(DEMO_STAFF.some((x) => x.role === 'grid_worker' && x.jurisdictionCode === g.code), g.code).toBe(true);
    }
    expect(DEMO_STAFF.filter((x) => x.role === 'leader' && byCode.get(x.jurisdictionCode)!.kind === 'street').length).toBe(2);
  });

  it('has about 40 synthetic residents with valid-shaped IDs and test phones', () => {
    expect(DEMO_RESIDENTS.length).toBeGreaterThanOrEqual(35);
    expect(DEMO_RESIDENTS.length).toBeLessThanOrEqual(45);
    expect(new Set(DEMO_RESIDENTS.map((r) => r.idNumber)).size).toBe(DEMO_RESIDENTS.length);
    expect(new Set(DEMO_RESIDENTS.map((r) => r.phone)).size).toBe(DEMO_RESIDENTS.length);
    for (const r of DEMO_RESIDENTS) {
      expect(r.idNumber, r.name).toMatch(/^120104\d{11}[\dX]$/);
      expect(r.idNumber[17], r.name).toBe(isoChecksum(r.idNumber.slice(0, 17)));
      const y = Number(r.idNumber.slice(6, 10));
      const m = Number(r.idNumber.slice(10, 12));
      const d = Number(r.idNumber.slice(12, 14));
      expect(y, r.name).toBeGreaterThanOrEqual(1940);
      expect(y, r.name).toBeLessThanOrEqual(2000);
      const date = new Date(Date.UTC(y, m - 1, d));
      expect(date.getUTCMonth() + 1, r.name).toBe(m);
      expect(date.getUTCDate(), r.name).toBe(d);
      expect(r.phone, r.name).toMatch(/^199\d{8}$/);
      const community = byCode.get(r.communityCode);
      expect(community?.kind, r.name).toBe('community');
      expect(r.address.startsWith(`南开区${community!.nameZh.replace(/社区$/, '')}`), r.address).toBe(true);
    }
    const seeded = new Set(DEMO_RESIDENTS.map((r) => byCode.get(r.communityCode)!.parentCode));
    expect(seeded.size).toBe(12);
  });
});
