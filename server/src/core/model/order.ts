/**
 * Migration file ordering. Frameworks name migrations by a version that sorts numerically:
 *   golang-migrate `000012_add_users.up.sql`, dbmate/Rails-style `20230101120000_x.sql`, Flyway `V1_2__x.sql`,
 *   Prisma `migrations/20231010123456_init/migration.sql` (version in the folder), kratos `2019…_x.postgres.up.sql`.
 * The version is the numeric run at the start of the file name (after an optional `V`), else of its folder name.
 * Versioned files sort by version (numerically, component by component), then by path; unversioned files follow
 * in path order.
 */

/** Version components as digit strings without leading zeros (compared by length, then lexically: any size). */
const versions = new Map<string, string[] | undefined>();

export function migrationVersion(path: string): string[] | undefined {
  // Sorting calls this O(n log n) times per analysis; paths are few and stable.
  if (versions.has(path)) return versions.get(path);
  if (versions.size > 100_000) versions.clear();
  const v = computeVersion(path);
  versions.set(path, v);
  return v;
}

function computeVersion(path: string): string[] | undefined {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  const dir = parts.length > 1 ? parts[parts.length - 2] : '';
  return versionOf(name) ?? versionOf(dir);
}

function versionOf(name: string): string[] | undefined {
  // Flyway: V1__x, V1_2__x, V1.2.3__x (R__ repeatable migrations are unversioned and sort last)
  const flyway = /^[Vv](\d+(?:[._]\d+)*)__/.exec(name);
  const digits = flyway ? flyway[1].split(/[._]/) : /^(\d+)/.exec(name)?.slice(1, 2);
  return digits?.map((d) => d.replace(/^0+(?=\d)/, ''));
}

function compareDigits(x: string, y: string): number {
  return x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
}

export function isDownMigration(path: string): boolean {
  return /(?:^|[._/-])down\.sql$/i.test(path);
}

/** A version that is a date or timestamp (`20250625`, `20250409154352`): at least a year, month and day. */
const DATE = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/;

export function compareMigrations(a: string, b: string): number {
  const va = migrationVersion(a);
  const vb = migrationVersion(b);
  if (va && !vb) return -1;
  if (!va && vb) return 1;
  if (va && vb) {
    for (let i = 0; i < Math.max(va.length, vb.length); i++) {
      let x = va[i] ?? '0';
      let y = vb[i] ?? '0';
      // Timestamps of different precision (`20250625_x` beside `20250409154352_y`, both in one Prisma folder) are
      // times: the shorter one is that day at midnight, not a smaller number (Prisma itself sorts the names as text).
      if (x.length !== y.length && DATE.test(x) && DATE.test(y)) {
        const n = Math.max(x.length, y.length);
        x = x.padEnd(n, '0');
        y = y.padEnd(n, '0');
      }
      const c = compareDigits(x, y);
      if (c !== 0) return c;
    }
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
