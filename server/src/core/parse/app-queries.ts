/**
 * Application code's ORM calls → the query model, so index advice covers the queries an ORM issues as it covers
 * SQL ones. TypeScript/JavaScript is read with the TypeScript parser (syntax only: no Program, no type checker,
 * nothing executed or imported) and only after a text pre-check finds something that may be an ORM call: a file
 * without one costs a regular expression.
 *
 * What is read (each call one statement with one `query` fact, `QueryDef.orm` saying which call it was):
 * - Prisma Client: `<client>.<model>.<method>(…)` for the read, update and delete methods (app-queries-prisma.ts),
 *   on a client recognised by its declaration (`new PrismaClient()`, a `PrismaClient`/`PrismaService`/
 *   `TransactionClient` type, a `$transaction` callback's parameter) or its name (`prisma`, `db`, `tx`, …);
 *   `$queryRaw`/`$executeRaw` tagged templates, `Prisma.sql` and the `…Unsafe` variants as SQL.
 * - TypeORM: repositories (`getRepository(E)`, `dataSource.getRepository(E)`, `@InjectRepository(E)`, a
 *   `Repository<E>` type, a `fooRepository` named after its entity), the EntityManager (`manager.find(E, …)`) and
 *   active records (`E.find(…)`): finds, counts, updates and deletes; query builder chains, also built up through a
 *   variable; `query("SELECT …")` raw SQL (app-queries-typeorm.ts).
 * - Loops (for N+1 detection): the loop each call runs in (in the same function, or a `map`/`forEach` callback),
 *   whether its filter uses the loop's variable (or a value declared from it), and TypeORM lazy relations of a loop
 *   element awaited in the loop.
 * Never throws: half-typed code yields what it can.
 */
import type * as TS from 'typescript';
import type { Dialect, OrmCall, QueryDef, Span } from '../model/types';
import type { ParsedStatement } from './file';
import { collectComments } from './ts-comments';
import type { OrmModel, OrmModels, OrmRelation } from './app-queries-models';
import { FindBuilder, prop, props, unwrap } from './app-queries-find';
import { PRISMA_METHODS, prismaQuery } from './app-queries-prisma';
import { TYPEORM_FIND, builderQuery, typeormFind, type BuilderCall, type BuilderStart } from './app-queries-typeorm';
import { SqlWriter, tsApi, writeLiteral, writtenQuery } from './app-queries-sql';

export { buildOrmModels, type OrmModel, type OrmModels, type OrmRelation } from './app-queries-models';

export interface AppQueries {
  path: string;
  /** One statement per ORM call, in file order. */
  statements: ParsedStatement[];
  /**
   * The file's comments, for `// schemawise-ignore` directives: empty when it has no ORM call or no directive (the
   * engine reads only directives from them).
   */
  comments: Span[];
}

const memo = new WeakMap<OrmModels, Map<string, { text: string; dialect: Dialect; result: AppQueries }>>();

/**
 * The ORM calls of one script file as query facts, spans in UTF-16 offsets into `text`. The same result object is
 * returned while the text, the models and the dialect stay the same. Never throws.
 */
export function readAppQueries(path: string, text: string, models: OrmModels, dialect: Dialect): AppQueries {
  let byPath = memo.get(models);
  if (!byPath) memo.set(models, (byPath = new Map()));
  const hit = byPath.get(path);
  if (hit && hit.text === text && hit.dialect === dialect) return hit.result;
  let result: AppQueries = { path, statements: [], comments: [] };
  if (precheck(models)(text) && !text.slice(0, 8192).includes('\0')) {
    try {
      result = new Reader(path, text, models, dialect).read();
    } catch {
      // The parser recovers from any text; this guards the walk over what it made of it.
    }
  }
  byPath.set(path, { text, dialect, result });
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// The pre-check: a file is parsed only if it may hold an ORM call of these models.

const prechecks = new WeakMap<OrmModels, (text: string) => boolean>();

function words(names: Iterable<string>): string {
  return [...names].map((n) => n.replace(/[$]/g, '\\$')).join('|');
}

/**
 * Prisma: `.<delegate>.<method>` or a raw query. TypeORM: an entity's name and a repository method, or a query
 * builder, a `…Repository.` receiver, `.query('…')`. Each a single pass of a regular expression over the text.
 */
function precheck(models: OrmModels): (text: string) => boolean {
  let test = prechecks.get(models);
  if (test) return test;
  const tests: ((text: string) => boolean)[] = [];
  if (models.delegates.size) {
    const re = new RegExp(`\\.\\s*(?:${words(models.delegates.keys())})\\s*\\.\\s*(?:${words(PRISMA_METHODS.keys())})\\b|\\$(?:queryRaw|executeRaw)`);
    tests.push((t) => re.test(t));
  }
  if (models.typeorm.size) {
    const entity = new RegExp(`\\b(?:${words(models.typeorm.keys())})\\b`);
    const method = new RegExp(`\\b(?:${words(TYPEORM_FIND.keys())})\\s*[(<]`);
    const other = /\bcreateQueryBuilder\s*\(|\w(?:Repo|Repository)\s*\.\s*\w+\s*\(|\.query\s*(?:<[^>]*>)?\s*\(\s*['"`]/;
    tests.push((t) => other.test(t) || (method.test(t) && entity.test(t)));
  }
  test = (text) => tests.some((f) => f(text));
  prechecks.set(models, test);
  return test;
}

// ---------------------------------------------------------------------------------------------------------
// The walk

interface Loop {
  kind: NonNullable<OrmCall['loop']>['kind'];
  head: Span;
  /** The loop's variables and the names declared in its body from them (a `while` loop: every name declared in it). */
  names: Set<string>;
  whileLike: boolean;
  parent?: Loop;
  /** The walk's visitor for nodes in this loop. */
  visit?: (n: TS.Node) => void;
  /** The variable iterated (`users` of `for (const u of users)`, `users.map(…)`). */
  over?: string;
}

interface Builder {
  start: BuilderStart;
  calls: BuilderCall[];
  span: Span;
  /** The loop the builder runs in: where its terminal call (`getMany()`) is, else where it was created. */
  loop?: Loop;
}

/** A link of a call chain: `.name` or `.name(args)`. */
interface Link {
  name: string;
  nameNode: TS.MemberName;
  /** The property access ending with this name (`prisma.user.findMany`). */
  access: TS.PropertyAccessExpression;
  call?: TS.CallExpression;
}

interface Chain {
  root: TS.Expression;
  links: Link[];
}

const PRISMA_CLIENT_NAMES = /prisma|^(?:db|tx|trx|client|database|dbClient|transaction|orm)$/i;
const PRISMA_CLIENT_TYPES = /\b(?:PrismaClient|PrismaService|TransactionClient|PrismaTransaction|ExtendedPrismaClient)\b/;
const REPOSITORY_TYPES = /^(?:Repository|TreeRepository|MongoRepository)$/;
const MANAGER_NAMES = /manager|^em$|dataSource|connection|^tx$|^trx$|queryRunner|^db$/i;
const RAW_SQL = /^\s*\(?\s*(?:SELECT|WITH|UPDATE|DELETE|INSERT)\b/i;
/** Builder methods that run the query. */
const TERMINALS = new Set(['getMany', 'getOne', 'getOneOrFail', 'getRawOne', 'getRawMany', 'getCount', 'getManyAndCount', 'getRawAndEntities', 'getExists', 'stream', 'execute']);
const ITERATE_METHODS: ReadonlyMap<string, 'map' | 'forEach'> = new Map([
  ['map', 'map'],
  ['flatMap', 'map'],
  ['forEach', 'forEach'],
  ['reduce', 'forEach'],
]);
const ITERATE_FUNCTIONS = /^(?:map|mapSeries|mapLimit|pMap|each|eachSeries|forEach)$/;

let skipKinds: ReadonlySet<TS.SyntaxKind> | undefined;
/** Nodes the walk never enters: they hold no call that runs (types, imports, decorators, literals, names). */
function skipped(ts: typeof TS): ReadonlySet<TS.SyntaxKind> {
  const K = ts.SyntaxKind;
  return (skipKinds ??= new Set([
    K.ImportDeclaration,
    K.ImportEqualsDeclaration,
    K.ExportDeclaration,
    K.InterfaceDeclaration,
    K.TypeAliasDeclaration,
    K.EnumDeclaration,
    K.ModuleDeclaration,
    K.Decorator,
    K.HeritageClause,
    K.TypeParameter,
    K.Identifier,
    K.PrivateIdentifier,
    K.StringLiteral,
    K.NumericLiteral,
    K.NoSubstitutionTemplateLiteral,
    K.RegularExpressionLiteral,
    K.EndOfFileToken,
  ]));
}

class Reader {
  private readonly ts = tsApi();
  private readonly skip = skipped(this.ts);
  private readonly K = this.ts.SyntaxKind;
  private readonly forEachChild = this.ts.forEachChild;
  private readonly sf: TS.SourceFile;
  private readonly out: ParsedStatement[] = [];
  private readonly clients = new Set<string>();
  private readonly repos = new Map<string, OrmModel>();
  /** Call nodes already read as part of a longer chain. */
  private readonly consumed = new Set<TS.Node>();
  private readonly builders: Map<string, Builder>[] = [new Map()];
  /** TypeORM lazy relations by property name (the first entity declaring one of that name). */
  private readonly lazy = new Map<string, { owner: OrmModel; rel: OrmRelation }>();
  /** `map` calls that are the argument of `Promise.all`: parallel loops. */
  private readonly promiseAllArgs = new Set<TS.Node>();
  /** Variables holding rows read with their relations (`relations: ['posts']`, `leftJoinAndSelect('u.posts', …)`): name → relations. */
  private readonly loaded = new Map<string, Set<string>>();
  /** Inside a class that extends `Repository<E>`: E. */
  private thisRepository: OrmModel | undefined;
  /** The variable the chain being read is assigned to (`const qb = repo.createQueryBuilder('u')`). */
  private pendingDeclaration: { init: TS.Node; name: string } | undefined;

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly models: OrmModels,
    private readonly dialect: Dialect,
  ) {
    const ts = this.ts;
    const p = path.toLowerCase();
    const kind = p.endsWith('.tsx') ? ts.ScriptKind.TSX : p.endsWith('.jsx') ? ts.ScriptKind.JSX : /\.[cm]?js$/.test(p) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    this.sf = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, kind);
    for (const m of models.typeorm.values()) for (const r of m.relations.values()) if (r.lazy && !this.lazy.has(r.name)) this.lazy.set(r.name, { owner: m, rel: r });
  }

  read(): AppQueries {
    this.visit(this.sf, undefined);
    this.flush(this.builders[0]);
    this.out.sort((a, b) => a.span.start - b.span.start);
    // Comments serve `// schemawise-ignore` directives only: a file without one needs no list of them.
    const comments = this.out.length && this.text.includes('schemawise-ignore') ? collectComments(this.sf) : [];
    return { path: this.path, statements: this.out, comments };
  }

  private span(n: TS.Node): Span {
    return { start: n.getStart(this.sf), end: n.end };
  }

  // -------------------------------------------------------------------------------------------------------
  // Names bound to a Prisma client or a repository. Read as the walk meets their declarations; a class's fields and
  // constructor parameters, and a module's top-level variables, before anything else of the class or module.

  private declared(n: TS.Node): void {
    const ts = this.ts;
    if (!(ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isPropertyDeclaration(n)) || !ts.isIdentifier(n.name)) return;
    const name = n.name.text;
    const type = n.type;
    if (type && PRISMA_CLIENT_TYPES.test(this.text.slice(type.pos, type.end))) this.clients.add(name);
    let model: OrmModel | undefined;
    if (type && ts.isTypeReferenceNode(type) && REPOSITORY_TYPES.test(type.typeName.getText(this.sf))) {
      const arg = type.typeArguments?.[0];
      model = arg && ts.isTypeReferenceNode(arg) ? this.models.typeorm.get(arg.typeName.getText(this.sf)) : undefined;
    }
    for (const d of (ts.canHaveDecorators(n) && ts.getDecorators(n)) || []) {
      const e = d.expression;
      if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'InjectRepository') model ??= this.entityArg(e.arguments[0]);
    }
    const init = n.initializer && unwrap(ts, n.initializer);
    if (init && !model) model = this.repositoryOf(init);
    if (model) this.repos.set(name, model);
    else if (init && (this.isNewPrismaClient(init) || this.clientName(init) !== undefined)) this.clients.add(name);
  }

  /** The entity of `class X extends Repository<E>`. */
  private extendedRepository(c: TS.ClassLikeDeclaration): OrmModel | undefined {
    const ts = this.ts;
    const base = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const arg = base && REPOSITORY_TYPES.test(base.expression.getText(this.sf)) ? base.typeArguments?.[0] : undefined;
    return arg && ts.isTypeReferenceNode(arg) ? this.models.typeorm.get(arg.typeName.getText(this.sf)) : undefined;
  }

  /** A class's fields and constructor parameters (`@InjectRepository(User) private repo`, `private prisma: PrismaService`). */
  private classMembers(c: TS.ClassLikeDeclaration): void {
    const ts = this.ts;
    for (const m of c.members) {
      if (ts.isPropertyDeclaration(m)) this.declared(m);
      else if (ts.isConstructorDeclaration(m)) for (const p of m.parameters) this.declared(p);
    }
  }

  private isNewPrismaClient(e: TS.Expression): boolean {
    const ts = this.ts;
    for (let x: TS.Expression = e; ; ) {
      x = unwrap(ts, x);
      if (ts.isNewExpression(x)) return /PrismaClient$/.test(x.expression.getText(this.sf));
      if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) x = x.expression.expression;
      else return false;
    }
  }

  /** `prisma`, `this.prisma`: the name an expression calls a Prisma client by, when it is one. */
  private clientName(e: TS.Expression): string | undefined {
    const ts = this.ts;
    const x = unwrap(ts, e);
    const name = ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? x.name.text : ts.isCallExpression(x) ? (ts.isIdentifier(x.expression) ? x.expression.text : ts.isPropertyAccessExpression(x.expression) ? x.expression.name.text : undefined) : undefined;
    return name !== undefined && (this.clients.has(name) || PRISMA_CLIENT_NAMES.test(name)) ? name : undefined;
  }

  /** An entity named by an argument: `User`, `'User'`. */
  private entityArg(n: TS.Expression | undefined): OrmModel | undefined {
    const ts = this.ts;
    const x = n && unwrap(ts, n);
    return x && (ts.isIdentifier(x) || ts.isStringLiteral(x)) ? this.models.typeorm.get(x.text) : undefined;
  }

  /** The entity of an expression that is a repository: `getRepository(User)`, `this.userRepo`, `usersRepository`. */
  private repositoryOf(e: TS.Expression): OrmModel | undefined {
    const ts = this.ts;
    const x = unwrap(ts, e);
    if (ts.isCallExpression(x)) {
      const callee = ts.isIdentifier(x.expression) ? x.expression.text : ts.isPropertyAccessExpression(x.expression) ? x.expression.name.text : '';
      // The entity may follow a context argument (vendure's `connection.getRepository(ctx, Order)`).
      if (!/^get(?:Tree|Mongo)?Repository$/.test(callee)) return undefined;
      for (const a of x.arguments) {
        const m = this.entityArg(a);
        if (m) return m;
      }
      return undefined;
    }
    if (x.kind === ts.SyntaxKind.ThisKeyword) return this.thisRepository;
    const name = ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? x.name.text : undefined;
    if (name === undefined) return undefined;
    const bound = this.repos.get(name);
    if (bound) return bound;
    // Named after its entity: `usersRepository`, `userRepo`, `this.orderItemRepository`.
    const m = /^(\w+?)(?:Repo|Repository)$/i.exec(name);
    if (!m) return undefined;
    const base = m[1].toLowerCase();
    for (const cand of [base, base.replace(/ies$/, 'y'), base.replace(/e?s$/, '')]) {
      for (const model of this.models.typeorm.values()) if (model.name.toLowerCase() === cand) return model;
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // The walk, with the loops around each node

  /** One visitor per loop (and one outside any), so the walk allocates no closure per node. */
  private visitor(loop: Loop | undefined): (n: TS.Node) => void {
    if (!loop) return (this.outside ??= (n) => this.visit(n, undefined));
    return (loop.visit ??= (n) => this.visit(n, loop));
  }

  private outside: ((n: TS.Node) => void) | undefined;

  private visit(n: TS.Node, loop: Loop | undefined): void {
    const ts = this.ts;
    const K = this.K;
    const kind = n.kind;
    // Types, imports and literals hold no call.
    if ((kind >= K.FirstTypeNode && kind <= K.LastTypeNode) || this.skip.has(kind)) return;
    switch (kind) {
      case K.SourceFile:
        for (const st of (n as TS.SourceFile).statements) if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) this.declared(d);
        break;
      case K.ClassDeclaration:
      case K.ClassExpression: {
        // A custom repository (`class UserRepository extends Repository<User>`): `this.find(…)` reads its entity.
        const c = n as TS.ClassLikeDeclaration;
        this.classMembers(c);
        const outer = this.thisRepository;
        this.thisRepository = this.extendedRepository(c);
        this.forEachChild(n, this.visitor(loop));
        this.thisRepository = outer;
        return;
      }
      case K.Parameter:
        this.declared(n);
        break;
      case K.ForOfStatement:
      case K.ForInStatement: {
        const f = n as TS.ForOfStatement | TS.ForInStatement;
        this.visit(f.expression, loop);
        const inner = this.loop(kind === K.ForOfStatement ? 'for-of' : 'for-in', f, f.statement, loop);
        const over = this.awaited(f.expression);
        if (ts.isIdentifier(over)) inner.over = over.text;
        this.bind(f.initializer, inner.names);
        this.visit(f.statement, inner);
        return;
      }
      case K.ForStatement: {
        const f = n as TS.ForStatement;
        if (f.initializer) this.visit(f.initializer, loop);
        const inner = this.loop('for', f, f.statement, loop);
        if (f.initializer) this.bind(f.initializer, inner.names);
        for (const x of [f.condition, f.incrementor, f.statement]) if (x) this.visit(x, inner);
        return;
      }
      case K.WhileStatement:
      case K.DoStatement: {
        const w = n as TS.WhileStatement | TS.DoStatement;
        const inner = this.loop('while', w, w.statement, loop, true);
        this.visit(w.expression, inner);
        this.visit(w.statement, inner);
        return;
      }
      case K.FunctionDeclaration:
      case K.FunctionExpression:
      case K.ArrowFunction:
      case K.MethodDeclaration:
      case K.Constructor:
      case K.GetAccessor:
      case K.SetAccessor:
        // Another function: it runs when called, not per iteration of a loop around its definition.
        this.builders.push(new Map());
        this.forEachChild(n, this.visitor(undefined));
        this.flush(this.builders.pop()!);
        return;
      case K.CallExpression: {
        const c = n as TS.CallExpression;
        if (!this.consumed.has(c)) this.call(c, loop);
        const iterated = this.iteration(c, loop);
        if (!iterated) break;
        this.visit(c.expression, loop);
        for (const a of c.arguments) {
          if (a !== iterated.fn) this.visit(a, loop);
          else {
            for (const p of iterated.fn.parameters) this.visit(p, loop);
            this.builders.push(new Map());
            this.visit(iterated.fn.body, iterated.loop);
            this.flush(this.builders.pop()!);
          }
        }
        return;
      }
      case K.TaggedTemplateExpression:
        this.tagged(n as TS.TaggedTemplateExpression, loop);
        break;
      case K.AwaitExpression:
        if (loop) this.lazyRead(n as TS.AwaitExpression, loop);
        break;
      case K.VariableDeclaration: {
        const d = n as TS.VariableDeclaration;
        const init = d.initializer;
        const outer = this.pendingDeclaration;
        this.pendingDeclaration = init && ts.isIdentifier(d.name) ? { init: this.awaited(init), name: d.name.text } : undefined;
        if (init) this.visit(init, loop);
        this.pendingDeclaration = outer;
        this.declared(d);
        if (init && ts.isIdentifier(d.name)) {
          const relations = this.relationsLoaded(this.awaited(init));
          if (relations.size) this.loaded.set(d.name.text, relations);
        }
        // A name declared from a loop variable (`const id = user.id`) is one too; in a `while` loop, every name declared.
        if (loop && (loop.whileLike || (init && this.dependent(init, loop)))) this.bind(d.name, loop.names);
        return;
      }
      case K.BinaryExpression: {
        const b = n as TS.BinaryExpression;
        if (loop && b.operatorToken.kind === K.EqualsToken && ts.isIdentifier(b.left) && this.dependent(b.right, loop)) loop.names.add(b.left.text);
        break;
      }
      default:
    }
    this.forEachChild(n, this.visitor(loop));
  }

  private loop(kind: Loop['kind'], n: TS.Node, body: TS.Node, parent: Loop | undefined, whileLike = false): Loop {
    const start = n.getStart(this.sf);
    const head = this.ts.isDoStatement(n) ? { start, end: start + 2 } : { start, end: start + this.text.slice(start, body.getStart(this.sf)).trimEnd().length };
    return { kind, head, names: new Set(), whileLike, parent };
  }

  /** Adds the names a binding (`u`, `{ id, name }`, `[k, v]`, `const x = …` list) declares. */
  private bind(n: TS.Node, into: Set<string>): void {
    const ts = this.ts;
    if (ts.isIdentifier(n)) into.add(n.text);
    else if (ts.isVariableDeclarationList(n)) for (const d of n.declarations) this.bind(d.name, into);
    else if (ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) for (const e of n.elements) if (ts.isBindingElement(e)) this.bind(e.name, into);
  }

  /** `await x`, `(x)`, `x as T` → `x`. */
  private awaited(e: TS.Expression): TS.Expression {
    const ts = this.ts;
    let x = unwrap(ts, e);
    while (ts.isAwaitExpression(x)) x = unwrap(ts, x.expression);
    return x;
  }

  /**
   * When `n` iterates with a callback (`xs.map(fn)`, `xs.forEach(fn)`, `pMap(xs, fn)`): the callback, which runs
   * once per element, and the loop it is.
   */
  private iteration(n: TS.CallExpression, outer: Loop | undefined): { fn: TS.ArrowFunction | TS.FunctionExpression; loop: Loop } | undefined {
    const ts = this.ts;
    const callee = n.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const isFn = (a: TS.Expression | undefined) => !!a && (ts.isArrowFunction(a) || ts.isFunctionExpression(a));
    let kind: Loop['kind'] | undefined = ts.isPropertyAccessExpression(callee) ? ITERATE_METHODS.get(name) : undefined;
    let fn = kind ? n.arguments[0] : undefined;
    // `pMap(xs, fn)`, `_.map(xs, fn)`, `Bluebird.each(xs, fn)`: the list first, the callback after it.
    if (!isFn(fn) && ITERATE_FUNCTIONS.test(name) && n.arguments.length >= 2) {
      kind = /each|forEach/i.test(name) ? 'forEach' : 'map';
      fn = n.arguments.find((a, i) => i > 0 && isFn(a));
    }
    if (!kind || !fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
    if (kind === 'map' && this.promiseAllArgs.has(n)) kind = 'promise-all-map';
    const start = n.getStart(this.sf);
    const loop: Loop = { kind, head: { start, end: start + this.text.slice(start, fn.body.getStart(this.sf)).trimEnd().length }, names: new Set(), whileLike: false, parent: outer };
    for (const p of fn.parameters.slice(0, 1)) this.bind(p.name, loop.names);
    const over = fn === n.arguments[0] && ts.isPropertyAccessExpression(callee) ? unwrap(ts, callee.expression) : n.arguments[0] && unwrap(ts, n.arguments[0]);
    if (over && ts.isIdentifier(over)) loop.over = over.text;
    return { fn, loop };
  }

  /**
   * The innermost loop (around `loop`, inclusive) whose names one of `nodes` uses. A list compared with `in` /
   * `In(…)` does not count: reading a batch per iteration (`for (const chunk of chunks)`) is the remedy, not N+1.
   */
  private loopUsedBy(nodes: readonly (TS.Node | undefined)[], loop: Loop | undefined): Loop | undefined {
    const used = new Set<string>();
    const ts = this.ts;
    const visit = (n: TS.Node): void => {
      if (ts.isIdentifier(n)) used.add(n.text);
      else if (ts.isPropertyAccessExpression(n)) visit(n.expression);
      else if (ts.isPropertyAssignment(n)) {
        if (!/^(?:in|notIn|hasSome|hasEvery)$/.test(n.name.getText(this.sf))) visit(n.initializer);
      } else if (ts.isShorthandPropertyAssignment(n)) used.add(n.name.text);
      else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && /^(?:In|Any|ArrayContains|ArrayOverlap)$/.test(n.expression.text)) return;
      else ts.forEachChild(n, visit);
    };
    for (const n of nodes) if (n) visit(n);
    for (let l = loop; l; l = l.parent) for (const name of used) if (l.names.has(name)) return l;
    return undefined;
  }

  private dependent(n: TS.Node, loop: Loop): boolean {
    return !!this.loopUsedBy([n], loop);
  }

  /** The loop facts of a call in `loop` whose filter is `filters`. */
  private loopOf(loop: Loop | undefined, filters: readonly (TS.Node | undefined)[]): OrmCall['loop'] {
    if (!loop) return undefined;
    const by = this.loopUsedBy(filters, loop);
    const l = by ?? loop;
    return { span: l.head, kind: l.kind, byLoopVariable: !!by };
  }

  // -------------------------------------------------------------------------------------------------------
  // Calls

  private chain(outer: TS.CallExpression): Chain {
    const ts = this.ts;
    const links: Link[] = [];
    let e: TS.Expression = outer;
    let call: TS.CallExpression | undefined;
    for (;;) {
      if (ts.isCallExpression(e)) {
        call = e;
        e = e.expression;
      } else if (ts.isPropertyAccessExpression(e)) {
        links.unshift({ name: e.name.text, nameNode: e.name, access: e, call });
        call = undefined;
        e = e.expression;
      } else if (ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e)) {
        e = e.expression;
      } else break;
    }
    return { root: call ?? e, links };
  }

  /** What link `k` of a chain is called on: `this.prisma`, `dataSource.getRepository(User)`. */
  private receiver(ch: Chain, k: number): TS.Expression {
    const before = ch.links[k - 1];
    return !before ? ch.root : (before.call ?? before.access);
  }

  private call(n: TS.CallExpression, loop: Loop | undefined): void {
    const ts = this.ts;
    const ch = this.chain(n);
    for (const l of ch.links) if (l.call) this.consumed.add(l.call);
    // `prisma.$transaction(async (tx) => …)`: the callback's parameter is a client.
    const last = ch.links[ch.links.length - 1];
    if (last?.name === '$transaction') {
      for (const a of n.arguments) if ((ts.isArrowFunction(a) || ts.isFunctionExpression(a)) && a.parameters[0] && ts.isIdentifier(a.parameters[0].name)) this.clients.add(a.parameters[0].name.text);
    }
    // Promise.all(xs.map(…)): the map is a parallel loop.
    if (ch.links.length === 1 && ts.isIdentifier(ch.root) && ch.root.text === 'Promise' && /^all(?:Settled)?$/.test(ch.links[0].name)) {
      for (const a of n.arguments) this.promiseAllArgs.add(unwrap(ts, a));
    }
    if (this.prismaCall(ch, loop)) return;
    if (!this.models.typeorm.size) return;
    if (this.builderCall(ch, loop)) return;
    this.typeormCall(ch, loop);
  }

  private emit(node: TS.Node, def: QueryDef | undefined, orm: OrmCall, parser: 'prisma' | 'typeorm', span = this.span(node)): void {
    if (!def || !def.blocks.length) return;
    def.span = { start: span.start, end: span.end };
    // Absent, not undefined: facts compare by shape (an edit that changes nothing keeps them).
    for (const k of ['model', 'loop'] as const) if (orm[k] === undefined) delete orm[k];
    def.orm = orm;
    this.out.push({
      span,
      facts: [{ kind: 'query', query: def, span: { start: span.start, end: span.end } }],
      status: 'parsed',
      parser,
      file: this.path,
      text: this.text.slice(span.start, span.end),
      leadingComments: [],
      spans: [],
    });
  }

  /** `<client>.<model>.<method>(…)`, `<client>.$queryRawUnsafe(…)`, `<client>.$queryRaw(Prisma.sql\`…\`)`. */
  private prismaCall(ch: Chain, loop: Loop | undefined): boolean {
    const ts = this.ts;
    if (!this.models.delegates.size) return false;
    for (let k = 0; k < ch.links.length; k++) {
      const link = ch.links[k];
      const client = this.receiver(ch, k);
      if (/^\$(?:query|execute)Raw(?:Unsafe)?$/.test(link.name) && link.call && this.clientName(client) !== undefined) {
        const a0 = link.call.arguments[0] && unwrap(ts, link.call.arguments[0]);
        const sql = a0 && ts.isTaggedTemplateExpression(a0) ? a0.template : a0;
        if (sql) this.raw(link.call, sql, 'prisma', link.name, loop, link.call.arguments);
        return true;
      }
      const model = this.models.delegates.get(link.name);
      const method = ch.links[k + 1];
      if (!model || !method?.call || !PRISMA_METHODS.has(method.name) || this.clientName(client) === undefined) continue;
      const call = method.call;
      const arg = call.arguments[0];
      const b = new FindBuilder(this.sf, this.models.prisma, this.dialect, this.span(call));
      const def = prismaQuery(b, model, method.name, arg, this.span(method.access), this.span(call), this.span(method.nameNode));
      const o = arg && unwrap(ts, arg);
      const filters = o && ts.isObjectLiteralExpression(o) ? [prop(ts, o, 'where')?.node, prop(ts, o, 'cursor')?.node] : [o];
      this.emit(call, def, { client: 'prisma', method: method.name, model: model.name, loop: this.loopOf(loop, filters) }, 'prisma');
      return true;
    }
    return false;
  }

  /** `prisma.$queryRaw\`…\``, `Prisma.sql\`…\`` passed to it: the template as SQL. */
  private tagged(n: TS.TaggedTemplateExpression, loop: Loop | undefined): void {
    const ts = this.ts;
    const tag = unwrap(ts, n.tag);
    if (!ts.isPropertyAccessExpression(tag) || !/^\$(?:query|execute)Raw$/.test(tag.name.text) || this.clientName(tag.expression) === undefined) return;
    const subs = ts.isTemplateExpression(n.template) ? n.template.templateSpans.map((s) => s.expression) : [];
    this.raw(n, n.template, 'prisma', tag.name.text, loop, subs);
  }

  /** Raw SQL in a string or template literal. */
  private raw(node: TS.Node, sql: TS.Node, client: 'prisma' | 'typeorm', method: string, loop: Loop | undefined, params: readonly TS.Node[]): void {
    const w = new SqlWriter(this.dialect, this.span(node));
    if (!writeLiteral(w, sql, this.sf) || !RAW_SQL.test(w.sql)) return;
    this.emit(node, writtenQuery(w), { client, method, loop: this.loopOf(loop, params) }, client);
  }

  /** A query builder chain: from `createQueryBuilder`, or continuing a builder variable. */
  private builderCall(ch: Chain, loop: Loop | undefined): boolean {
    const ts = this.ts;
    const k = ch.links.findIndex((l) => l.name === 'createQueryBuilder' && l.call);
    if (k >= 0) {
      const start = this.builderStart(ch, k);
      const calls = ch.links.slice(k + 1).flatMap((l) => (l.call ? [{ name: l.name, node: l.call }] : []));
      const outer = ch.links[ch.links.length - 1].call!;
      const decl = this.declarationOf(outer);
      const b: Builder = { start, calls, span: this.span(outer), loop };
      if (decl) this.builders[this.builders.length - 1].set(decl, b);
      else this.runBuilder(b);
      return true;
    }
    if (!ts.isIdentifier(ch.root)) return false;
    const b = this.builderNamed(ch.root.text);
    if (!b) return false;
    const calls = ch.links.flatMap((l) => (l.call ? [{ name: l.name, node: l.call }] : []));
    b.calls.push(...calls);
    const outer = ch.links[ch.links.length - 1]?.call;
    if (outer) b.span = { start: b.span.start, end: Math.max(b.span.end, outer.end) };
    if (calls.some((c) => TERMINALS.has(c.name))) b.loop = loop;
    return true;
  }

  /** The builder a `createQueryBuilder` chain starts: its entity and alias. */
  private builderStart(ch: Chain, k: number): BuilderStart {
    const ts = this.ts;
    const link = ch.links[k];
    const args = link.call!.arguments;
    const at = this.span(link.access);
    const alias = (n: TS.Expression | undefined) => (n && ts.isStringLiteral(n) ? n.text : undefined);
    const receiver = this.receiver(ch, k);
    const repo = this.repositoryOf(receiver) ?? (k === 0 && ts.isIdentifier(ch.root) ? this.models.typeorm.get(ch.root.text) : undefined);
    if (repo) return { model: repo, alias: alias(args[0]), at };
    const entity = this.entityArg(args[0]);
    return entity ? { model: entity, alias: alias(args[1]), at } : { at };
  }

  /** `const qb = …` / `let qb = …`: the variable a builder chain is kept in. */
  private declarationOf(outer: TS.CallExpression): string | undefined {
    return this.pendingDeclaration?.init === outer ? this.pendingDeclaration.name : undefined;
  }

  private builderNamed(name: string): Builder | undefined {
    for (let i = this.builders.length - 1; i >= 0; i--) {
      const b = this.builders[i].get(name);
      if (b) return b;
    }
    return undefined;
  }

  private flush(scope: Map<string, Builder>): void {
    for (const b of scope.values()) this.runBuilder(b);
    scope.clear();
  }

  private runBuilder(b: Builder): void {
    const span = b.span;
    const fb = new FindBuilder(this.sf, this.models.typeorm, this.dialect, span);
    const built = builderQuery(fb, b.start, b.calls);
    const last = [...b.calls].reverse().find((c) => TERMINALS.has(c.name)) ?? b.calls[b.calls.length - 1];
    const filters = b.calls.flatMap((c) => [...c.node.arguments]);
    this.emit(this.sf, built?.query, { client: 'typeorm', method: last?.name ?? 'createQueryBuilder', model: built?.model.name, loop: this.loopOf(b.loop, filters) }, 'typeorm', span);
  }

  /** Repository, EntityManager and active-record finds; `query(…)` raw SQL. */
  private typeormCall(ch: Chain, loop: Loop | undefined): void {
    const ts = this.ts;
    for (let k = 0; k < ch.links.length; k++) {
      const link = ch.links[k];
      if (!link.call) continue;
      const receiver = this.receiver(ch, k);
      const args = link.call.arguments;
      if (link.name === 'query') {
        const a0 = args[0] && unwrap(ts, args[0]);
        const named = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
        if (a0 && (MANAGER_NAMES.test(named) || this.repositoryOf(receiver))) this.raw(link.call, a0, 'typeorm', 'query', loop, args.slice(1));
        return;
      }
      const m = TYPEORM_FIND.get(link.name);
      if (!m) continue;
      let model = this.repositoryOf(receiver) ?? (k === 0 && ts.isIdentifier(ch.root) ? this.models.typeorm.get(ch.root.text) : undefined);
      let rest: readonly TS.Expression[] = args;
      if (!model) {
        // EntityManager: the entity comes first.
        const named = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
        const entity = this.entityArg(args[0]);
        if (!entity || (!MANAGER_NAMES.test(named) && !ts.isIdentifier(unwrap(ts, args[0])))) continue;
        model = entity;
        rest = args.slice(1);
      }
      const call = link.call;
      const b = new FindBuilder(this.sf, this.models.typeorm, this.dialect, this.span(call));
      const def = typeormFind(b, model, link.name, rest, this.span(link.access), this.span(call), this.span(link.nameNode));
      const first = rest[0] && unwrap(ts, rest[0]);
      const filters = m.args === 'options' && first && ts.isObjectLiteralExpression(first) ? [prop(ts, first, 'where')?.node] : m.args === 'aggregate' ? [rest[1]] : [first];
      this.emit(call, def, { client: 'typeorm', method: link.name, model: model.name, loop: this.loopOf(loop, filters) }, 'typeorm');
      return;
    }
  }

  /** The relations a read loads with its rows: `find({ relations: ['posts', 'posts.tags'] })`, `leftJoinAndSelect('u.posts', 'p')`. */
  private relationsLoaded(e: TS.Expression): Set<string> {
    const ts = this.ts;
    const out = new Set<string>();
    if (!ts.isCallExpression(e)) return out;
    for (const link of this.chain(e).links) {
      if (!link.call) continue;
      const [a0] = link.call.arguments;
      if (/^(?:left|inner)JoinAndSelect$/.test(link.name) && a0 && ts.isStringLiteral(a0)) out.add(a0.text.slice(a0.text.indexOf('.') + 1));
      for (const a of link.call.arguments) {
        const rel = prop(ts, unwrap(ts, a), 'relations')?.value;
        const add = (v: TS.Expression | undefined): void => {
          if (!v) return;
          if (ts.isArrayLiteralExpression(v)) for (const x of v.elements) if (ts.isStringLiteral(x)) x.text.split('.').forEach((r) => out.add(r));
          if (ts.isObjectLiteralExpression(v)) {
            for (const p of props(ts, v)) {
              out.add(p.key);
              add(p.value);
            }
          }
        };
        add(rel && unwrap(ts, rel));
      }
    }
    return out;
  }

  /** `await user.posts` in a loop over users, `posts` a lazy relation: one query per element. */
  private lazyRead(n: TS.AwaitExpression, loop: Loop): void {
    const ts = this.ts;
    const x = unwrap(ts, n.expression);
    if (!ts.isPropertyAccessExpression(x)) return;
    const lazy = this.lazy.get(x.name.text);
    if (!lazy || !this.dependent(x.expression, loop)) return;
    const target = this.models.typeorm.get(lazy.rel.target);
    if (!target || lazy.rel.through || !lazy.rel.remote.length) return;
    const b = new FindBuilder(this.sf, this.models.typeorm, this.dialect, this.span(x));
    const q = b.query('select', target, this.span(x));
    for (const c of lazy.rel.remote) {
      const e = b.op('=', this.span(x), (glue) => {
        const col = b.col(q.main, c, this.span(x.name));
        glue(' = ');
        return [col, { k: 'param', span: b.w.param(this.span(x.expression)) }];
      });
      if (e) q.where.push(e);
    }
    q.selectAll();
    const by = this.loopUsedBy([x.expression], loop)!;
    // Rows read with the relation (`relations: ['posts']`) hold it already: awaiting it reads nothing.
    if (by.over && this.loaded.get(by.over)?.has(lazy.rel.name)) return;
    this.emit(x, b.lower(q.select(this.span(x))), { client: 'typeorm', method: 'lazy', model: lazy.owner.name, relation: lazy.rel.name, loop: { span: by.head, kind: by.kind, byLoopVariable: true, lazyRelation: true } }, 'typeorm');
  }
}
