// A QR code's text: from the camera where the browser has BarcodeDetector, or from a photo
// (BarcodeDetector, else jsQR from npm, `npm ci` in web/, loaded only when needed).

export const hasCamera = () => 'BarcodeDetector' in globalThis && !!navigator.mediaDevices;

const detector = () => new globalThis.BarcodeDetector({ formats: ['qr_code'] });

let jsQR = null;
function loadJsQR() {
  jsQR ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('../node_modules/jsqr/dist/jsQR.js', import.meta.url).href;
    script.onload = () => resolve(globalThis.jsQR);
    script.onerror = () => reject(new Error('the QR decoder could not be loaded'));
    document.head.append(script);
  });
  return jsQR;
}

// The text of the QR code in an image file.
export async function decodeImage(file) {
  const bitmap = await createImageBitmap(file);
  if ('BarcodeDetector' in globalThis) {
    const [code] = await detector().detect(bitmap);
    if (code) return code.rawValue;
  } else {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const code = (await loadJsQR())(data, width, height);
    if (code) return code.data;
  }
  throw new Error('no QR code found in this image');
}

// The text of the first QR code the camera sees within a minute, shown in `video` meanwhile.
export async function scanCamera(video) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  try {
    const d = detector();
    for (const until = Date.now() + 60000; Date.now() < until;) {
      const [code] = await d.detect(video);
      if (code) return code.rawValue;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('no QR code seen within a minute');
  } finally {
    stream.getTracks().forEach((t) => t.stop());
    video.hidden = true;
  }
}
