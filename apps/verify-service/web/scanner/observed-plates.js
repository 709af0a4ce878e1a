// @ts-check
// The plates the officer typed beside a scan: optional, and sent only when they are plates.
import { parsePlate } from '../offline-verify.js';

/** @typedef {{ ok: true, plate: string | undefined } | { ok: false }} Observed */

/** The vehicle's plate as typed: none, a plate, or not a plate. @param {string} text @returns {Observed} */
export function observedPlate(text) {
  const raw = text.trim();
  if (!raw) return { ok: true, plate: undefined };
  const parsed = parsePlate(raw);
  return parsed.ok ? { ok: true, plate: parsed.plate } : { ok: false };
}

/** The trailer's plate as typed: only a trailer plate (豫B1234挂) is one. @param {string} text @returns {Observed} */
export function observedTrailer(text) {
  const raw = text.trim();
  if (!raw) return { ok: true, plate: undefined };
  const parsed = parsePlate(raw);
  return parsed.ok && parsed.kind === 'trailer' ? { ok: true, plate: parsed.plate } : { ok: false };
}
