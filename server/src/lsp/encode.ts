/**
 * How the server writes messages on stdio: JSON as vscode-jsonrpc writes it, but in ASCII only. A character past
 * U+007F is written as a `\u` escape, which every JSON reader turns back into the same character.
 *
 * Why: a dump's diagnostics make a publish of 300 KB on every keystroke. One `→` in one message makes V8 hold the
 * whole serialized message as a two-byte string. Serializing and UTF-8 encoding it then costs twice as much, and so
 * does the client's decoding. Each diagnostic is serialized on its own, so only the few with such a character are
 * escaped. (Over node-ipc, Node serializes the message itself.)
 */
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/** `s` (JSON text) with every character past U+007F escaped, as a one-byte string. */
function ascii(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  const escaped = s.replace(NON_ASCII_ALL, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  // The replacement of a two-byte string is still two-byte: decode a copy to get the compact form.
  return Buffer.from(escaped, 'latin1').toString('latin1');
}

/** The text of each diagnostic object written (diagnostics are not changed once published). */
const fragments = new WeakMap<object, string>();

/** A publish with at least this many diagnostics is serialized diagnostic by diagnostic. */
const SPLIT_FROM = 32;

/** The JSON text of `msg`, in ASCII; equal, once read, to `JSON.stringify(msg)`. */
export function asciiJson(msg: unknown): string {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown } };
  const diagnostics = m.method === 'textDocument/publishDiagnostics' ? m.params?.diagnostics : undefined;
  if (!Array.isArray(diagnostics) || diagnostics.length < SPLIT_FROM) return ascii(JSON.stringify(msg));
  const parts: string[] = [];
  for (const d of diagnostics) {
    // The server hands the same object again for a diagnostic that did not change (most of them, while typing).
    let text = d !== null && typeof d === 'object' ? fragments.get(d) : undefined;
    if (text === undefined) {
      text = ascii(JSON.stringify(d) ?? 'null');
      if (d !== null && typeof d === 'object') fragments.set(d, text);
    }
    parts.push(text);
  }
  const list = '[' + parts.join(',') + ']';
  return objectJson(m as Record<string, unknown>, (k, v) => (k === 'params' ? objectJson(v as Record<string, unknown>, (pk, pv) => (pk === 'diagnostics' ? list : undefined)) : undefined));
}

/** `JSON.stringify` of a plain object, with the members `member` returns text for written as that text. */
function objectJson(o: Record<string, unknown>, member: (k: string, v: unknown) => string | undefined): string {
  const out: string[] = [];
  for (const k of Object.keys(o)) {
    const v = o[k];
    const own = member(k, v);
    const text = own ?? (JSON.stringify(v) as string | undefined);
    // As JSON.stringify does: members whose value has no JSON form (undefined, functions) are left out.
    if (text === undefined) continue;
    out.push(ascii(JSON.stringify(k)) + ':' + (own ?? ascii(text)));
  }
  return '{' + out.join(',') + '}';
}

export const asciiJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message): Promise<Uint8Array> {
    try {
      return Promise.resolve(Buffer.from(asciiJson(msg), 'latin1'));
    } catch (e) {
      return Promise.reject(e);
    }
  },
};
