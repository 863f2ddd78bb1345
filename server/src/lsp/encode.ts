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
  return pieces(msg).join('');
}

/**
 * The ASCII JSON text of `msg` in pieces: a large publish is one piece per diagnostic, copied straight into the
 * bytes written (no 300 KB string per keystroke for the garbage collector).
 */
function pieces(msg: unknown): string[] {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown } };
  const diagnostics = m.method === 'textDocument/publishDiagnostics' ? m.params?.diagnostics : undefined;
  if (!Array.isArray(diagnostics) || diagnostics.length < SPLIT_FROM) return [ascii(JSON.stringify(msg))];
  const out: string[] = [];
  members(m as Record<string, unknown>, out, (k, v) => {
    if (k !== 'params') return false;
    members(v as Record<string, unknown>, out, (pk) => {
      if (pk !== 'diagnostics') return false;
      out.push('[');
      diagnostics.forEach((d, i) => {
        // The server hands the same object again for a diagnostic that did not change (most of them, while typing).
        let text = d !== null && typeof d === 'object' ? fragments.get(d) : undefined;
        if (text === undefined) {
          text = ascii(JSON.stringify(d) ?? 'null');
          if (d !== null && typeof d === 'object') fragments.set(d, text);
        }
        out.push(i === 0 ? text : ',' + text);
      });
      out.push(']');
      return true;
    });
    return true;
  });
  return out;
}

/**
 * `JSON.stringify` of a plain object into `out`; `own` writes a member itself (after its key) and says so.
 * Members without a JSON form (undefined, functions) are left out, as JSON.stringify leaves them out.
 */
function members(o: Record<string, unknown>, out: string[], own: (k: string, v: unknown) => boolean): void {
  let first = true;
  for (const k of Object.keys(o)) {
    const v = o[k];
    const key = (first ? '{' : ',') + ascii(JSON.stringify(k)) + ':';
    const at = out.length;
    out.push(key);
    if (own(k, v)) {
      first = false;
      continue;
    }
    const text = JSON.stringify(v) as string | undefined;
    if (text === undefined) {
      out.length = at;
      continue;
    }
    out.push(ascii(text));
    first = false;
  }
  out.push(first ? '{}' : '}');
}

/** The bytes of `parts` (ASCII strings) in one buffer. */
function bytesOf(parts: string[]): Buffer {
  let n = 0;
  for (const p of parts) n += p.length;
  const buf = Buffer.allocUnsafe(n);
  let at = 0;
  for (const p of parts) at += buf.write(p, at, 'latin1');
  return buf;
}

export const asciiJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message): Promise<Uint8Array> {
    try {
      return Promise.resolve(bytesOf(pieces(msg)));
    } catch (e) {
      return Promise.reject(e);
    }
  },
};
