/**
 * `node --import tsx bench/app-queries.ts` — the cost of reading ORM calls out of application code
 * (server/src/core/parse/app-queries.ts), on a generated project: 1,000 service files (half Prisma, half TypeORM,
 * ~150 lines each, a dozen ORM calls and the code around them: DTO checks, mapping, logging, loops) and 1,000 files
 * without ORM calls (controllers, DTOs, modules). Prints the time per phase; asserts nothing (shared machine).
 */
import { parsePrismaFile, lowerPrisma } from '../server/src/core/parse/prisma';
import { lowerTypeorm, parseEntityFile } from '../server/src/core/parse/typeorm';
import { buildSchema } from '../server/src/core/model/schema';
import { initPostgres } from '../server/src/core/parse/postgres';
import type { ParsedFile } from '../server/src/core/parse/file';
import { buildOrmModels, readAppQueries, type OrmModels } from '../server/src/core/parse/app-queries';
import { typescript } from '../server/src/core/parse/ts-api';

const MODELS = ['User', 'Order', 'Product', 'Invoice', 'Customer', 'Shipment', 'Review', 'Coupon', 'Payment', 'Address'];
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function prismaSchema(): string {
  let s = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n';
  for (const m of MODELS) {
    s += `model ${m} {\n  id Int @id @default(autoincrement())\n  name String\n  email String? @unique\n  status String\n  ownerId Int? @map("owner_id")\n  createdAt DateTime @default(now()) @map("created_at")\n  amount Decimal?\n`;
    s += `  @@index([status, createdAt])\n  @@map("${lower(m)}s")\n}\n`;
  }
  return s;
}

export function entities(): string {
  let s = "import { Entity, PrimaryGeneratedColumn, Column, CreateDateColumn, Index, ManyToOne, OneToMany } from 'typeorm';\n";
  for (const m of MODELS) {
    s += `@Entity('${lower(m)}s')\n@Index(['status', 'createdAt'])\nexport class ${m} {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() name: string;\n  @Column({ nullable: true }) email: string;\n  @Column() status: string;\n  @Column({ name: 'owner_id', nullable: true }) ownerId: number;\n  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;\n  @Column('decimal', { nullable: true }) amount: string;\n}\n`;
  }
  return s;
}

function method(i: number, body: string): string {
  return `
  /** Lists the records of the current tenant, paged; see ticket #${i}. */
  async method${i}(dto: ListDto, user: CurrentUser): Promise<Page<Row>> {
    if (!dto || dto.page < 0) throw new BadRequestException('page must be positive');
    const started = Date.now();
    this.logger.debug(\`method${i} called by \${user.id} with \${JSON.stringify(dto)}\`);
    const filters = { status: dto.status ?? 'active', from: dto.from ? new Date(dto.from) : undefined };
${body}
    const mapped = rows.map((r) => ({ id: r.id, label: \`\${r.name} (\${r.status})\`, created: r.createdAt?.toISOString() }));
    this.metrics.observe('method${i}', Date.now() - started);
    return { items: mapped, page: dto.page, size: mapped.length };
  }
`;
}

export function prismaService(n: number): string {
  const a = MODELS[n % MODELS.length];
  const b = MODELS[(n + 3) % MODELS.length];
  const bodies = [
    `    const rows = await this.prisma.${lower(a)}.findMany({ where: { status: filters.status, createdAt: { gte: filters.from } }, orderBy: { createdAt: 'desc' }, take: 20, skip: dto.page * 20 });`,
    `    const rows = await this.prisma.${lower(b)}.findMany({ where: { OR: [{ email: dto.q }, { name: { contains: dto.q, mode: 'insensitive' } }] } });`,
    `    const one = await this.prisma.${lower(a)}.findUnique({ where: { id: dto.id } });\n    const rows = one ? [one] : [];`,
    `    const rows = await this.prisma.${lower(a)}.findMany({ where: { ownerId: user.id } });\n    for (const r of rows) {\n      const extra = await this.prisma.${lower(b)}.findFirst({ where: { ownerId: r.id } });\n      if (extra) r.name = extra.name;\n    }`,
    `    const count = await this.prisma.${lower(b)}.count({ where: { status: filters.status } });\n    const rows = await this.prisma.${lower(b)}.findMany({ where: { status: filters.status }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 10 });`,
    `    await this.prisma.${lower(a)}.updateMany({ where: { id: { in: dto.ids } }, data: { status: 'archived' } });\n    const rows = await this.prisma.$queryRaw<Row[]>\`SELECT id, name, status, created_at FROM ${lower(a)}s WHERE owner_id = \${user.id} ORDER BY created_at DESC LIMIT 10\`;`,
  ];
  let s = `import { Injectable, Logger, BadRequestException } from '@nestjs/common';\nimport { PrismaService } from '../prisma/prisma.service';\nimport type { ListDto, CurrentUser, Page, Row } from './types';\n\n@Injectable()\nexport class ${a}Service${n} {\n  private readonly logger = new Logger(${a}Service${n}.name);\n  constructor(private readonly prisma: PrismaService, private readonly metrics: Metrics) {}\n`;
  for (let i = 0; i < 6; i++) s += method(i, bodies[(n + i) % bodies.length]);
  return s + '}\n';
}

export function typeormService(n: number): string {
  const a = MODELS[n % MODELS.length];
  const b = MODELS[(n + 3) % MODELS.length];
  const bodies = [
    `    const rows = await this.repo.find({ where: { status: filters.status, createdAt: MoreThan(filters.from) }, order: { createdAt: 'DESC' }, take: 20, skip: dto.page * 20 });`,
    `    const rows = await this.repo.find({ where: [{ email: dto.q }, { name: ILike(\`%\${dto.q}%\`) }] });`,
    `    const one = await this.repo.findOneBy({ id: dto.id });\n    const rows = one ? [one] : [];`,
    `    const rows = await this.repo.findBy({ ownerId: user.id });\n    for (const r of rows) {\n      const extra = await this.others.findOne({ where: { ownerId: r.id } });\n      if (extra) r.name = extra.name;\n    }`,
    `    const qb = this.repo.createQueryBuilder('x').where('x.status = :status', { status: filters.status });\n    if (dto.q) qb.andWhere('x.name ILIKE :q', { q: \`%\${dto.q}%\` });\n    const rows = await qb.orderBy('x.createdAt', 'DESC').take(10).getMany();`,
    `    await this.repo.update({ id: In(dto.ids) }, { status: 'archived' });\n    const rows = await this.dataSource.query('SELECT id, name, status, created_at FROM ${lower(a)}s WHERE owner_id = $1 ORDER BY created_at DESC LIMIT 10', [user.id]);`,
  ];
  let s = `import { Injectable, Logger, BadRequestException } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository, DataSource, In, MoreThan, ILike } from 'typeorm';\nimport { ${a}, ${b === a ? '' : b} } from '../entities';\n\n@Injectable()\nexport class ${a}Service${n} {\n  private readonly logger = new Logger(${a}Service${n}.name);\n  constructor(\n    @InjectRepository(${a}) private readonly repo: Repository<${a}>,\n    @InjectRepository(${b}) private readonly others: Repository<${b}>,\n    private readonly dataSource: DataSource,\n    private readonly metrics: Metrics,\n  ) {}\n`;
  for (let i = 0; i < 6; i++) s += method(i, bodies[(n + i) % bodies.length]);
  return s + '}\n';
}

export function plainFile(n: number): string {
  return `import { Controller, Get, Query, Param } from '@nestjs/common';\nimport { IsInt, IsOptional, IsString } from 'class-validator';\n\nexport class ListDto${n} {\n  @IsInt() page: number;\n  @IsOptional() @IsString() q?: string;\n  @IsOptional() @IsString() status?: string;\n}\n\n@Controller('items${n}')\nexport class ItemsController${n} {\n  constructor(private readonly service: ItemsService) {}\n  @Get()\n  list(@Query() dto: ListDto${n}) {\n    const items = [1, 2, 3].map((x) => x * 2).filter((x) => x > 2);\n    return this.service.list(dto, items.find((x) => x === 4));\n  }\n  @Get(':id')\n  one(@Param('id') id: string) {\n    return this.service.get(Number(id));\n  }\n}\n`.repeat(3);
}

function models(kind: 'prisma' | 'typeorm'): OrmModels {
  const files = new Map<string, ParsedFile>();
  if (kind === 'prisma') {
    const r = lowerPrisma([parsePrismaFile('/b/prisma/schema.prisma', prismaSchema())]);
    for (const f of r.files) files.set(f.path, { path: f.path, text: f.text, dialect: 'postgresql', statements: f.statements, comments: f.comments, source: 'prisma' });
  } else {
    const r = lowerTypeorm([parseEntityFile('/b/src/entities.ts', entities())], { dialect: 'postgresql' });
    for (const f of r.files) files.set(f.path, { path: f.path, text: f.text, dialect: 'postgresql', statements: f.statements, comments: f.comments, source: 'typeorm' });
  }
  const schema = buildSchema('b', 'postgresql', [...files.values()].map((f) => ({ path: f.path, isMigration: false, statements: f.statements })));
  return buildOrmModels(schema, files);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

async function main(): Promise<void> {
  await initPostgres();
  typescript(); // loaded before timing: its first load is the engine's cost for any TypeScript file
  const prisma = models('prisma');
  const typeorm = models('typeorm');
  const services = Array.from({ length: 1000 }, (_, i) => ({ path: `/b/src/s${i}.service.ts`, text: i % 2 ? typeormService(i) : prismaService(i), models: i % 2 ? typeorm : prisma }));
  const plain = Array.from({ length: 1000 }, (_, i) => ({ path: `/b/src/c${i}.controller.ts`, text: plainFile(i), models: i % 2 ? typeorm : prisma }));
  const bytes = services.reduce((n, f) => n + f.text.length, 0);
  const lines = services.reduce((n, f) => n + f.text.split('\n').length, 0);
  console.log(`services: ${services.length} files, ${(bytes / 1e6).toFixed(2)} MB, ${lines} lines`);
  for (let round = 1; round <= 3; round++) {
    // A fresh models object per round: nothing of the last round's per-file memo is reused.
    const fresh = { prisma: models('prisma'), typeorm: models('typeorm') };
    let queries = 0;
    // CPU time of this process (wall time too): on a shared machine the wall clock also counts other processes' turns.
    let cpu = process.cpuUsage();
    let t = performance.now();
    for (const f of services) queries += readAppQueries(f.path, f.text, f.models === prisma ? fresh.prisma : fresh.typeorm, 'postgresql').statements.length;
    const read = performance.now() - t;
    const readCpu = cpuMs(cpu);
    cpu = process.cpuUsage();
    t = performance.now();
    const ts = typescript();
    for (const f of services) ts.createSourceFile(f.path, f.text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.TS);
    const parseOnly = performance.now() - t;
    const parseCpu = cpuMs(cpu);
    t = performance.now();
    let none = 0;
    for (const f of plain) none += readAppQueries(f.path, f.text, f.models === prisma ? fresh.prisma : fresh.typeorm, 'postgresql').statements.length;
    const plainMs = performance.now() - t;
    console.log(
      `round ${round}: 1,000 service files → ${queries} queries in ${read.toFixed(0)} ms, CPU ${readCpu.toFixed(0)} ms (TypeScript's parse alone: ${parseOnly.toFixed(0)} ms, CPU ${parseCpu.toFixed(0)} ms); ` +
        `1,000 files without ORM calls: ${plainMs.toFixed(1)} ms, ${none} queries`,
    );
  }
}

if (require.main === module) void main();
