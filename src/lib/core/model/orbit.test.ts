import { describe, expect, it } from 'vitest';
import { fitDistance, orbitKey } from './orbit';

describe('orbitKey', () => {
  it('turns the opposite ways for left and right, and tilts for up and down', () => {
    const left = orbitKey('ArrowLeft');
    const right = orbitKey('ArrowRight');
    expect(left).toMatchObject({ kind: 'turn', polar: 0 });
    expect(right).toMatchObject({ kind: 'turn', polar: 0 });
    if (left?.kind !== 'turn' || right?.kind !== 'turn') throw new Error('not turns');
    expect(left.azimuth).toBeCloseTo(-right.azimuth);
    expect(left.azimuth).not.toBe(0);
    const up = orbitKey('ArrowUp');
    const down = orbitKey('ArrowDown');
    if (up?.kind !== 'turn' || down?.kind !== 'turn') throw new Error('not tilts');
    expect([up.azimuth, down.azimuth]).toEqual([0, 0]);
    expect(up.polar).toBeCloseTo(-down.polar);
  });

  it('zooms in with + or = and out by the inverse with -, resets with 0 or Home, ignores other keys', () => {
    const closer = orbitKey('+');
    const farther = orbitKey('-');
    if (closer?.kind !== 'zoom' || farther?.kind !== 'zoom') throw new Error('not zooms');
    expect(closer.factor).toBeLessThan(1);
    expect(closer.factor * farther.factor).toBeCloseTo(1);
    expect(orbitKey('=')).toEqual(closer);
    expect(orbitKey('0')).toEqual({ kind: 'reset' });
    expect(orbitKey('Home')).toEqual({ kind: 'reset' });
    expect(orbitKey('a')).toBeUndefined();
    expect(orbitKey('Tab')).toBeUndefined();
  });
});

describe('fitDistance', () => {
  it('keeps the sphere inside the narrower of the two fields of view', () => {
    const fits = (radius: number, fov: number, aspect: number) => {
      const distance = fitDistance(radius, fov, aspect);
      const vertical = (fov * Math.PI) / 360;
      const horizontal = Math.atan(Math.tan(vertical) * aspect);
      // The sphere's angular radius seen from that distance is within both half-angles.
      const seen = Math.asin(radius / distance);
      return seen <= vertical && seen <= horizontal;
    };
    expect(fits(1, 35, 16 / 9)).toBe(true);
    expect(fits(1, 35, 0.5)).toBe(true);
    expect(fits(3, 50, 1)).toBe(true);
    // A tall, narrow viewer needs to stand farther back than a wide one.
    expect(fitDistance(1, 35, 0.5)).toBeGreaterThan(fitDistance(1, 35, 2));
    expect(fitDistance(2, 35, 1)).toBeCloseTo(2 * fitDistance(1, 35, 1));
  });
});
