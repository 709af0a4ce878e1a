import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { LruCache } from './lru-cache';

export type QrFormat = 'svg' | 'png';

export interface RenderedQr {
  body: Buffer;
  contentType: string;
  etag: string;
}

const CONTENT_TYPES: Record<QrFormat, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
};

/**
 * Renders a pass's QR on request, never while issuing (a PNG costs ~20 ms of CPU), and keeps
 * the result: a pass's token never changes, so neither does its picture.
 */
@Injectable()
export class QrRenderer {
  private readonly cache: LruCache<string, RenderedQr>;

  constructor(@Inject(PASS_SERVICE_CONFIG) config: PassServiceConfig) {
    this.cache = new LruCache(config.qrCacheEntries);
  }

  async render(passId: string, token: string, format: QrFormat): Promise<RenderedQr> {
    const key = `${passId}:${format}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const rendered: RenderedQr = {
      body: await renderQr(token, format),
      contentType: CONTENT_TYPES[format],
      etag: `"${createHash('sha256').update(format).update(token).digest('base64url').slice(0, 27)}"`,
    };
    this.cache.set(key, rendered);
    return rendered;
  }
}

/**
 * Level M, as DESIGN asks. The segment is given as bytes explicitly: left to itself, qrcode
 * searches for the best mix of modes, which costs about as much as the drawing.
 */
export async function renderQr(token: string, format: QrFormat): Promise<Buffer> {
  const segments = [{ data: Buffer.from(token, 'utf8'), mode: 'byte' as const }];
  const options = { errorCorrectionLevel: 'M' as const, margin: 4 };
  if (format === 'png') return QRCode.toBuffer(segments, { ...options, type: 'png', scale: 8 });
  return Buffer.from(await QRCode.toString(segments, { ...options, type: 'svg' }), 'utf8');
}
