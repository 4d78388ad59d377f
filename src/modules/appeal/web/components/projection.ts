// An equirectangular projection fitted to some points, with longitude shrunk by cos(latitude): good
// enough inside one district. Goes both ways, so a click on the map becomes a [lng, lat].
import type { LngLat } from '../appeal.api.ts';

export interface Projection {
  project: (p: LngLat) => [number, number];
  invert: (xy: [number, number]) => LngLat;
}

export function fitProjection(points: LngLat[], width: number, height: number, pad: number): Projection {
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const squeeze = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * squeeze, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    project: ([lng, lat]) => [offsetX + (lng - minLng) * squeeze * scale, height - offsetY - (lat - minLat) * scale],
    invert: ([x, y]) => [minLng + (x - offsetX) / (squeeze * scale), minLat + (height - offsetY - y) / scale],
  };
}

export function ringPath(ring: LngLat[], project: Projection['project']): string {
  return ring.map((p, i) => `${i ? 'L' : 'M'}${project(p).map((v) => v.toFixed(1)).join(',')}`).join('') + 'Z';
}

/** The point of an SVG element's user space under a mouse event. */
export function svgPoint(svg: SVGSVGElement, clientX: number, clientY: number): [number, number] {
  const matrix = svg.getScreenCTM();
  if (!matrix) return [0, 0];
  const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
  return [point.x, point.y];
}
