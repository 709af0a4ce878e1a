// @ts-check
// The camera: getUserMedia, a frame every ~150 ms drawn on a canvas and read by jsQR (loaded by
// index.html as a classic script, `defer`: absent until then).

/** @typedef {import('./types.js').ScannerStore} ScannerStore */
/**
 * jsQR, which /vendor/jsQR.js sets as a global.
 * @typedef {(data: Uint8ClampedArray, width: number, height: number,
 *   options: { inversionAttempts: 'dontInvert' }) => { data: string } | null} JsQr
 */

const FRAME_EVERY_MS = 150;
/** A code held in front of the camera counts once: out of sight this long, it counts again. */
const SAME_CODE_DEBOUNCE_MS = 3000;
const jsQR = () => /** @type {{ jsQR?: JsQr }} */ (globalThis).jsQR;

/**
 * @param {{ store: ScannerStore, video: () => HTMLVideoElement | null,
 *   busy: () => boolean, onCode: (text: string) => void }} deps `busy` while a check runs
 */
export function createCamera({ store, video, busy, onCode }) {
  /** @type {MediaStream | null} */
  let stream = null;
  let lastFrameAt = 0;
  const canvas = document.createElement('canvas');
  /**
   * The code the camera saw last, and since when frames have not shown it (null: in sight).
   * Out of sight in the frames read, not merely unread: a busy phone may read a frame only
   * every few seconds, or none while a check runs.
   * @type {{ text: string, goneAt: number | null }}
   */
  let lastCode = { text: '', goneAt: 0 };

  /** @param {boolean} on @param {import('./types.js').Message} message */
  const show = (on, message) => store.update({ camera: { on, message } });

  async function start() {
    if (!navigator.mediaDevices?.getUserMedia) return show(false, { key: 'camera.insecure' });
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: {
          facingMode: { ideal: 'environment' },
          width: { ideal: 1280 },
          height: { ideal: 720 },
        },
        audio: false,
      });
    } catch (error) {
      const e = error instanceof Error ? error.name || error.message : String(error);
      return show(false, { key: 'camera.denied', vars: { e } });
    }
    const element = video();
    if (!element) return stop();
    element.srcObject = stream;
    await element.play();
    show(true, { key: 'camera.scanning' });
    requestAnimationFrame(tick);
  }

  function stop() {
    lastCode.goneAt ??= Date.now();
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    const element = video();
    if (element) element.srcObject = null;
    show(false, { key: 'camera.off' });
  }

  /** @param {DOMHighResTimeStamp} time */
  function tick(time) {
    if (!stream) return;
    requestAnimationFrame(tick);
    const element = video();
    const read = jsQR();
    if (time - lastFrameAt < FRAME_EVERY_MS || !element || element.readyState < 2) return;
    if (busy() || !read) return;
    lastFrameAt = time;
    const scale = Math.min(1, 960 / element.videoWidth);
    canvas.width = Math.round(element.videoWidth * scale);
    canvas.height = Math.round(element.videoHeight * scale);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return;
    context.drawImage(element, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const text = read(image.data, canvas.width, canvas.height, {
      inversionAttempts: 'dontInvert',
    })?.data.trim();
    if (!text) {
      lastCode.goneAt ??= Date.now();
      return;
    }
    const seenRecently =
      text === lastCode.text &&
      (lastCode.goneAt === null || Date.now() - lastCode.goneAt < SAME_CODE_DEBOUNCE_MS);
    lastCode = { text, goneAt: null };
    if (!seenRecently) onCode(text);
  }

  return {
    start,
    stop,
    get on() {
      return stream !== null;
    },
  };
}
