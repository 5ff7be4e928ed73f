import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { AdminOnly, HubError } from '@hub/platform';
import { z } from 'zod';
import { AuditLogConnection, AuditLogEntryType, toAuditLogEntryType } from './audit-log-entry.type';
import { AuditService, decodeSeq } from './audit.service';
import type { AuditLogFilter } from './audit.service';
import { AuditLogFilterInput, auditLogFilterSchema, pageSizeSchema } from './dto/audit-log-filter.input';

const DEFAULT_PAGE_SIZE = 50;

function parse<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: [path, ...issue.path.map(String)].join('.'), message: issue.message }));
  throw HubError.badInput(`Invalid input: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`, issues);
}

@Resolver(() => AuditLogEntryType)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @AdminOnly()
  @Query(() => AuditLogConnection, { description: 'ADMIN: the audit log, newest first' })
  async auditLog(
    @Args('filter', { type: () => AuditLogFilterInput, nullable: true }) filterInput?: AuditLogFilterInput,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 200 (default 50)' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AuditLogConnection> {
    const parsed = parse(auditLogFilterSchema, filterInput, 'filter') ?? {};
    const filter: AuditLogFilter = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== null && value !== undefined));
    const size = first === undefined || first === null ? DEFAULT_PAGE_SIZE : parse(pageSizeSchema, first, 'first');
    const page = await this.audit.page(filter, size, after ? decodeSeq(after) : undefined);
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toAuditLogEntryType(edge.node) })) };
  }
}
