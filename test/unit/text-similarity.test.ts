import { describe, expect, it } from 'vitest';
import { cosine, haversineMeters, jaccard, termFrequencies } from '../../src/shared/text/similarity.ts';

describe('jaccard', () => {
  it.each([
    [['噪音', '扰民'], ['噪音', '扰民'], 1],
    [['噪音', '扰民'], ['暖气', '不热'], 0],
    [['噪音', '扰民', '装修'], ['噪音', '装修', '施工', '晚上'], 2 / 5],
    [['噪音', '噪音', '扰民'], ['噪音'], 1 / 2],
    [[], [], 0],
    [['噪音'], [], 0],
  ])('%j vs %j = %d', (a, b, expected) => {
    expect(jaccard(a, b)).toBeCloseTo(expected, 12);
    expect(jaccard(b, a)).toBeCloseTo(expected, 12);
  });
});

describe('cosine', () => {
  it('counts term frequencies', () => {
    expect(termFrequencies(['噪音', '扰民', '噪音'])).toEqual(new Map([['噪音', 2], ['扰民', 1]]));
  });

  it.each([
    [['噪音', '扰民'], ['噪音', '扰民'], 1],
    [['噪音'], ['暖气'], 0],
    // (2,1,0)·(1,0,1) = 2; |a| = √5, |b| = √2
    [['噪音', '噪音', '扰民'], ['噪音', '装修'], 2 / Math.sqrt(10)],
    [['噪音', '扰民'], ['噪音', '噪音', '扰民', '扰民'], 1],
    [[], ['噪音'], 0],
  ])('%j vs %j = %d', (a, b, expected) => {
    expect(cosine(termFrequencies(a), termFrequencies(b))).toBeCloseTo(expected, 12);
  });
});

describe('haversineMeters', () => {
  const tianjinStation = [117.2106, 39.1362] as const;
  const tianjinEye = [117.1807, 39.1532] as const;
  const tiananmen = [116.3975, 39.9087] as const;

  it('is 0 for the same point', () => {
    expect(haversineMeters(tianjinStation, tianjinStation)).toBe(0);
  });

  it('measures a hundredth of a degree of latitude in Tianjin as 1111.95 m', () => {
    expect(haversineMeters([117.2, 39.13], [117.2, 39.14])).toBeCloseTo(1111.95, 1);
  });

  it('shrinks a degree of longitude by the cosine of the latitude', () => {
    expect(haversineMeters([117.2, 0], [118.2, 0])).toBeCloseTo(111_195.08, 1);
    expect(haversineMeters([117.2, 39.13], [117.21, 39.13])).toBeCloseTo(1111.95 * Math.cos((39.13 * Math.PI) / 180), 0);
  });

  it('agrees with the spherical law of cosines between Tianjin Station and the Tianjin Eye (~3.1 km)', () => {
    const radians = (degrees: number) => (degrees * Math.PI) / 180;
    const [lng1, lat1] = tianjinStation.map(radians) as [number, number];
    const [lng2, lat2] = tianjinEye.map(radians) as [number, number];
    const lawOfCosines = 6_371_008.8 * Math.acos(Math.sin(lat1) * Math.sin(lat2) + Math.cos(lat1) * Math.cos(lat2) * Math.cos(lng2 - lng1));
    const distance = haversineMeters(tianjinStation, tianjinEye);
    expect(distance).toBeCloseTo(lawOfCosines, 0);
    expect(distance).toBeGreaterThan(3_000);
    expect(distance).toBeLessThan(3_300);
  });

  it('puts Tianjin Station about 110.6 km from Tiananmen, the same both ways', () => {
    expect(haversineMeters(tianjinStation, tiananmen)).toBeCloseTo(110_644, -1);
    expect(haversineMeters(tiananmen, tianjinStation)).toBeCloseTo(haversineMeters(tianjinStation, tiananmen), 6);
  });
});
