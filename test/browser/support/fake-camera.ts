import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const WIDTH = 1280;
const HEIGHT = 720;
const FRAMES = 10;

/**
 * Turns an image (the PNG the portal downloaded) into a Y4M video for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`): the image in the middle of a white 1280×720 frame,
 * grey (U and V planes at 128). The browser decodes the PNG, so Node needs no image library.
 */
export async function writeQrVideo(page: Page, png: Buffer, file: string): Promise<void> {
  const toLuma = readFileSync(path.join(__dirname, 'png-to-luma.js'), 'utf8')
    .replace(/^\s*\/\/.*$/gm, '')
    .trim()
    .replace(/;$/, '');
  const args = { base64: png.toString('base64'), width: WIDTH, height: HEIGHT };
  const luma = await page.evaluate<string>(`(${toLuma})(${JSON.stringify(args)})`);
  const yPlane = Buffer.from(luma, 'base64');
  if (yPlane.length !== WIDTH * HEIGHT) throw new Error(`luma plane of ${yPlane.length} bytes`);
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), yPlane, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array<Buffer>(FRAMES).fill(frame)]));
}
