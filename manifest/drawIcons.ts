/**
 * Draws the Teams app icons for Partner Support: a life ring (support) on the brand colour.
 *   color.png   192x192, rounded blue square with a white life ring whose bands are light blue.
 *   outline.png  32x32, white life ring (four segments) on a fully transparent background.
 * Shapes are sampled 4x4 per pixel for smooth edges. Run: `npx tsx manifest/drawIcons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];
/** Returns the colour at (x, y) in unit coordinates [0,1]², or null for transparent. */
type Shader = (x: number, y: number) => Rgb | null;

const BRAND: Rgb = [0x0f, 0x6c, 0xbd];
const BAND: Rgb = [0x9c, 0xd0, 0xf5];
const WHITE: Rgb = [255, 255, 255];
const SS = 4;

function render(size: number, shade: Shader): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, hits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = shade((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; hits++;
        }
      }
      const i = (py * size + px) * 4;
      if (hits === 0) { png.data[i] = png.data[i + 1] = png.data[i + 2] = png.data[i + 3] = 0; continue; }
      png.data[i] = Math.round(r / hits);
      png.data[i + 1] = Math.round(g / hits);
      png.data[i + 2] = Math.round(b / hits);
      png.data[i + 3] = Math.round((255 * hits) / (SS * SS));
    }
  }
  return png;
}

function insideRoundedSquare(x: number, y: number, inset: number, radius: number): boolean {
  const lo = inset + radius, hi = 1 - inset - radius;
  const dx = x < lo ? lo - x : x > hi ? x - hi : 0;
  const dy = y < lo ? lo - y : y > hi ? y - hi : 0;
  return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= radius * radius;
}

/** Which part of a life ring centred at (0.5, 0.5) the point is in. */
function ringPart(x: number, y: number, outer: number, inner: number, bandHalfAngle: number): 'ring' | 'band' | null {
  const dx = x - 0.5, dy = y - 0.5;
  const d = Math.hypot(dx, dy);
  if (d > outer || d < inner) return null;
  // Bands sit on the diagonals (45°, 135°, ...), like the stripes of a life buoy.
  const a = Math.atan2(dy, dx) - Math.PI / 4;
  const toBand = Math.abs(((a % (Math.PI / 2)) + Math.PI / 2) % (Math.PI / 2) - Math.PI / 4) - Math.PI / 4;
  return Math.abs(toBand) < bandHalfAngle ? 'band' : 'ring';
}

const color = render(192, (x, y) => {
  if (!insideRoundedSquare(x, y, 0, 0.18)) return null;
  const part = ringPart(x, y, 0.34, 0.17, 0.2);
  if (part === 'ring') return WHITE;
  if (part === 'band') return BAND;
  return BRAND;
});

const outline = render(32, (x, y) => (ringPart(x, y, 0.44, 0.2, 0.16) === 'ring' ? WHITE : null));

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'color.png'), PNG.sync.write(color));
writeFileSync(join(here, 'outline.png'), PNG.sync.write(outline));
console.log('wrote manifest/color.png and manifest/outline.png');
