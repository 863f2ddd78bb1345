/**
 * UTF-8 byte offsets ↔ UTF-16 code unit offsets. WASM parsers (libpg-query) report byte offsets into the
 * UTF-8 encoding of the text; the rest of Schemawise speaks UTF-16 (JS string indices). Converting here, at
 * the parse boundary, keeps every other layer free of encodings.
 *
 * A lone surrogate is counted as 3 bytes (U+FFFD), like TextEncoder. Text decoded from a file never holds one.
 */

export interface OffsetMap {
  /** True when the text is pure ASCII: both conversions are the identity. */
  readonly ascii: boolean;
  /** UTF-8 length of the whole text in bytes. */
  readonly byteLength: number;
  /** Byte offset → UTF-16 offset. A byte inside a multi-byte character maps to that character's start. Clamped. */
  toUtf16(byte: number): number;
  /** UTF-16 offset → byte offset. An offset between the halves of a surrogate pair maps to the pair's start. Clamped. */
  toUtf8(u16: number): number;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

function clamp(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}

/** Builds the conversion tables for `text` (O(n) once, O(1) per lookup; no tables for ASCII text). */
export function offsetMap(text: string): OffsetMap {
  const n = text.length;
  if (!NON_ASCII.test(text)) {
    return {
      ascii: true,
      byteLength: n,
      toUtf16: (b) => clamp(b, n),
      toUtf8: (u) => clamp(u, n),
    };
  }
  const u16ToByte = new Int32Array(n + 1);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    u16ToByte[i] = bytes;
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
      bytes += 4;
      u16ToByte[i + 1] = u16ToByte[i]; // the low half has no byte position of its own
      i++;
    } else bytes += 3;
  }
  u16ToByte[n] = bytes;
  const byteToU16 = new Int32Array(bytes + 1);
  for (let i = 0, b = 0; i <= n; i++) {
    const at = u16ToByte[i];
    if (i > 0 && at === u16ToByte[i - 1]) continue; // low surrogate
    for (; b < at; b++) byteToU16[b] = lastStart(i);
    byteToU16[at] = i;
    b = at + 1;
  }
  return {
    ascii: false,
    byteLength: bytes,
    toUtf16: (b) => byteToU16[clamp(b, bytes)],
    toUtf8: (u) => u16ToByte[clamp(u, n)],
  };

  /** The UTF-16 start of the character that ends right before UTF-16 index `i`. */
  function lastStart(i: number): number {
    let j = i - 1;
    if (j > 0 && isLow(text.charCodeAt(j)) && u16ToByte[j] === u16ToByte[j - 1]) j--;
    return j;
  }
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** UTF-8 length of `text` in bytes (same surrogate rule as `offsetMap`). */
export function utf8Length(text: string): number {
  return offsetMap(text).byteLength;
}
