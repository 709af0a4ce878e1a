// Runs inside the page (page.evaluate): decodes a PNG with the browser's own decoder and returns
// the luma plane (base64) of a white width×height frame with the image in its middle. One
// expression, read as text (fake-camera.ts); tsconfig.web.json checks it with the DOM's types.
async (
  /** @type {{ base64: string, width: number, height: number }} */ { base64, width, height },
) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context on an OffscreenCanvas');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  // Nearest-neighbour scaling keeps the modules sharp; whole pixels per module when it fits.
  const side = Math.min(width, height) - 40;
  const factor = Math.floor(side / bitmap.width);
  const size = factor >= 1 ? bitmap.width * factor : side;
  context.imageSmoothingEnabled = false;
  context.drawImage(bitmap, (width - size) / 2, (height - size) / 2, size, size);
  const rgba = context.getImageData(0, 0, width, height).data;
  const y = new Uint8Array(width * height);
  for (let i = 0; i < y.length; i++)
    y[i] = Math.round(0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]);
  let binary = '';
  for (let i = 0; i < y.length; i += 0x8000)
    binary += String.fromCharCode(...y.subarray(i, i + 0x8000));
  return btoa(binary);
};
