/**
 * Text width in pixels for Helvetica/Arial, from approximate per-character
 * advance widths (in em). Vega lays out axes, legends and titles by text
 * width; without a canvas it assumes 0.8 em per character, which leaves wide
 * gaps and cuts labels short. This is close enough for layout (a few percent).
 */
const NARROW = new Set([...'iljft.,:;|!\'()[]{} ']);
const WIDE = new Set([...'mwMW@%']);

export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.3;
    else if (WIDE.has(ch)) em += 0.86;
    else if (ch >= 'A' && ch <= 'Z') em += 0.68;
    else em += 0.56;
  }
  // 10% spare: browsers without Helvetica or Arial fall back to wider faces (DejaVu Sans).
  return em * fontSize * (bold ? 1.07 : 1) * 1.1;
}
