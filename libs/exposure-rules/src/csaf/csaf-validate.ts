// CSAF 2.0 (OASIS Common Security Advisory Framework): the parts of an advisory the hub relies on, checked
// with a path to every fault. Not the whole JSON schema: notes, scores, acknowledgments, aggregate
// severity and the like pass unchecked, since nothing is derived from them. Among the spec's mandatory
// tests (section 6.1), 6.1.1 (product ids defined), 6.1.2 (defined once), 6.1.4 (group ids defined) and,
// for csaf_vex documents, 6.1.27.9 (an impact statement for known_not_affected) and 6.1.27.10 (an action
// statement for known_affected) are run.
import { parseCpe } from '../cpe/wfn';
import { describe, isRecord, type InventoryIssue } from '../inventory/component';
import { parsePurl } from '../purl/purl';

export type CsafIssue = InventoryIssue;

export const PUBLISHER_CATEGORIES = ['coordinator', 'discoverer', 'other', 'translator', 'user', 'vendor'];
export const TRACKING_STATUSES = ['draft', 'final', 'interim'];
export const BRANCH_CATEGORIES = ['architecture', 'host_name', 'language', 'legacy', 'patch_level', 'product_family', 'product_name', 'product_version', 'product_version_range', 'service_pack', 'specification', 'vendor'];
export const RELATIONSHIP_CATEGORIES = ['default_component_of', 'external_component_of', 'installed_on', 'installed_with', 'optional_component_of'];
export const PRODUCT_STATUSES = ['first_affected', 'first_fixed', 'fixed', 'known_affected', 'known_not_affected', 'last_affected', 'recommended', 'under_investigation'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const FLAG_LABELS = ['component_not_present', 'inline_mitigations_already_exist', 'vulnerable_code_cannot_be_controlled_by_adversary', 'vulnerable_code_not_in_execute_path', 'vulnerable_code_not_present'];
export const THREAT_CATEGORIES = ['exploit_status', 'impact', 'target_set'];
export const REMEDIATION_CATEGORIES = ['mitigation', 'no_fix_planned', 'none_available', 'vendor_fix', 'workaround'];
const TLP_LABELS = ['AMBER', 'GREEN', 'RED', 'WHITE'];

const CVE = /^CVE-[0-9]{4}-[0-9]{4,}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const VERSION = /^(?:0|[1-9][0-9]*)$|^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
/** Branches nest; deeper trees are refused rather than walked. */
const MAX_BRANCH_DEPTH = 30;

class Checker {
  readonly issues: CsafIssue[] = [];
  readonly definedProducts = new Set<string>();
  readonly definedGroups = new Set<string>();
  readonly references: { id: string; path: string; group: boolean }[] = [];
  /** Checks that need the product groups, run once the whole document has been read. */
  readonly afterGroups: ((groups: Map<string, string[]>) => void)[] = [];

  error(path: string, message: string): void {
    if (this.issues.length < 100) this.issues.push({ path, message });
  }

  object(value: unknown, path: string, required = true): Record<string, unknown> | undefined {
    if (value === undefined) {
      if (required) this.error(path, 'is required');
      return undefined;
    }
    if (!isRecord(value)) {
      this.error(path, `must be an object (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  array(value: unknown, path: string, required = false, nonEmpty = true): unknown[] {
    if (value === undefined) {
      if (required) this.error(path, 'is required');
      return [];
    }
    if (!Array.isArray(value)) {
      this.error(path, `must be an array (got ${describe(value)})`);
      return [];
    }
    if (nonEmpty && value.length === 0) this.error(path, 'must not be empty');
    return value;
  }

  string(record: Record<string, unknown>, key: string, path: string, required = true): string | undefined {
    const value = record[key];
    const at = `${path}.${key}`;
    if (value === undefined) {
      if (required) this.error(at, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || value === '') {
      this.error(at, `must be a non-empty string (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  oneOf(record: Record<string, unknown>, key: string, path: string, allowed: readonly string[], required = true): string | undefined {
    const value = this.string(record, key, path, required);
    if (value !== undefined && !allowed.includes(value)) {
      this.error(`${path}.${key}`, `must be one of ${allowed.join(', ')} (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  dateTime(record: Record<string, unknown>, key: string, path: string, required = true): void {
    const value = this.string(record, key, path, required);
    if (value !== undefined && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) this.error(`${path}.${key}`, `must be an RFC 3339 date-time such as "2024-01-31T12:00:00Z" (got ${describe(value)})`);
  }

  productIds(record: Record<string, unknown>, key: string, path: string, group = false): void {
    for (const [index, id] of this.array(record[key], `${path}.${key}`).entries()) {
      if (typeof id !== 'string' || id === '') this.error(`${path}.${key}[${index}]`, `must be a non-empty string (got ${describe(id)})`);
      else this.references.push({ id, path: `${path}.${key}[${index}]`, group });
    }
  }

  defineProduct(id: string | undefined, path: string): void {
    if (id === undefined) return;
    if (this.definedProducts.has(id)) this.error(path, `product_id "${id}" is defined more than once (CSAF 6.1.2)`);
    this.definedProducts.add(id);
  }
}

function checkDocument(checker: Checker, document: unknown): string | undefined {
  const doc = checker.object(document, 'document');
  if (!doc) return undefined;
  const category = checker.string(doc, 'category', 'document');
  if (category !== undefined && !/^[^\s\-_.](.*[^\s\-_.])?$/.test(category)) checker.error('document.category', 'must not start or end with whitespace, "-", "_" or "."');
  if (doc.csaf_version !== '2.0') checker.error('document.csaf_version', `must be "2.0" (got ${describe(doc.csaf_version)})`);
  checker.string(doc, 'title', 'document');
  const publisher = checker.object(doc.publisher, 'document.publisher');
  if (publisher) {
    checker.oneOf(publisher, 'category', 'document.publisher', PUBLISHER_CATEGORIES);
    checker.string(publisher, 'name', 'document.publisher');
    const namespace = checker.string(publisher, 'namespace', 'document.publisher');
    if (namespace !== undefined && !URL.canParse(namespace)) checker.error('document.publisher.namespace', `must be a URL (got ${describe(namespace)})`);
  }
  const tracking = checker.object(doc.tracking, 'document.tracking');
  if (tracking) {
    checker.string(tracking, 'id', 'document.tracking');
    checker.oneOf(tracking, 'status', 'document.tracking', TRACKING_STATUSES);
    const version = checker.string(tracking, 'version', 'document.tracking');
    if (version !== undefined && !VERSION.test(version)) checker.error('document.tracking.version', `must be an integer or a semantic version (got ${describe(version)})`);
    checker.dateTime(tracking, 'initial_release_date', 'document.tracking');
    checker.dateTime(tracking, 'current_release_date', 'document.tracking');
    for (const [index, revision] of checker.array(tracking.revision_history, 'document.tracking.revision_history', true).entries()) {
      const path = `document.tracking.revision_history[${index}]`;
      const entry = checker.object(revision, path);
      if (!entry) continue;
      checker.dateTime(entry, 'date', path);
      checker.string(entry, 'number', path);
      checker.string(entry, 'summary', path);
    }
  }
  const distribution = checker.object(doc.distribution, 'document.distribution', false);
  const tlp = distribution && checker.object(distribution.tlp, 'document.distribution.tlp', false);
  if (tlp) checker.oneOf(tlp, 'label', 'document.distribution.tlp', TLP_LABELS);
  for (const [index, reference] of checker.array(doc.references, 'document.references').entries()) {
    const path = `document.references[${index}]`;
    const entry = checker.object(reference, path);
    if (!entry) continue;
    checker.string(entry, 'summary', path);
    const url = checker.string(entry, 'url', path);
    if (url !== undefined && !URL.canParse(url)) checker.error(`${path}.url`, `must be a URL (got ${describe(url)})`);
    checker.oneOf(entry, 'category', path, ['external', 'self'], false);
  }
  return category;
}

function checkHelper(checker: Checker, value: unknown, path: string): void {
  const helper = checker.object(value, path, false);
  if (!helper) return;
  const cpe = checker.string(helper, 'cpe', path, false);
  if (cpe !== undefined) {
    const result = parseCpe(cpe);
    if (!result.ok) checker.error(`${path}.cpe`, `is not a valid CPE: ${result.message}`);
  }
  const purl = checker.string(helper, 'purl', path, false);
  if (purl !== undefined) {
    const result = parsePurl(purl);
    if (!result.ok) checker.error(`${path}.purl`, `is not a valid package URL: ${result.message}`);
  }
  for (const key of ['model_numbers', 'serial_numbers', 'skus']) {
    const list = checker.array(helper[key], `${path}.${key}`);
    const seen = new Set<string>();
    for (const [index, item] of list.entries()) {
      if (typeof item !== 'string' || item === '') checker.error(`${path}.${key}[${index}]`, `must be a non-empty string (got ${describe(item)})`);
      else if (seen.has(item)) checker.error(`${path}.${key}[${index}]`, `repeats "${item}"`);
      else seen.add(item);
    }
  }
}

function checkFullProductName(checker: Checker, value: unknown, path: string): void {
  const product = checker.object(value, path);
  if (!product) return;
  checker.string(product, 'name', path);
  checker.defineProduct(checker.string(product, 'product_id', path), `${path}.product_id`);
  checkHelper(checker, product.product_identification_helper, `${path}.product_identification_helper`);
}

function checkBranches(checker: Checker, value: unknown, path: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 1 }];
  while (stack.length > 0) {
    const next = stack.pop() as { value: unknown; path: string; depth: number };
    if (next.depth > MAX_BRANCH_DEPTH) {
      checker.error(next.path, `is nested more than ${MAX_BRANCH_DEPTH} branches deep`);
      continue;
    }
    const branches = checker.array(next.value, next.path);
    for (let index = branches.length - 1; index >= 0; index--) {
      const branchPath = `${next.path}[${index}]`;
      const branch = checker.object(branches[index], branchPath);
      if (!branch) continue;
      checker.oneOf(branch, 'category', branchPath, BRANCH_CATEGORIES);
      checker.string(branch, 'name', branchPath);
      const hasBranches = branch.branches !== undefined;
      const hasProduct = branch.product !== undefined;
      if (hasBranches === hasProduct) checker.error(branchPath, 'must have either "branches" or "product", not both or neither');
      if (hasProduct) checkFullProductName(checker, branch.product, `${branchPath}.product`);
      if (hasBranches) stack.push({ value: branch.branches, path: `${branchPath}.branches`, depth: next.depth + 1 });
    }
  }
}

function checkProductTree(checker: Checker, value: unknown): void {
  const tree = checker.object(value, 'product_tree', false);
  if (!tree) return;
  if (tree.branches !== undefined) checkBranches(checker, tree.branches, 'product_tree.branches');
  for (const [index, product] of checker.array(tree.full_product_names, 'product_tree.full_product_names').entries()) checkFullProductName(checker, product, `product_tree.full_product_names[${index}]`);
  for (const [index, relationship] of checker.array(tree.relationships, 'product_tree.relationships').entries()) {
    const path = `product_tree.relationships[${index}]`;
    const entry = checker.object(relationship, path);
    if (!entry) continue;
    checker.oneOf(entry, 'category', path, RELATIONSHIP_CATEGORIES);
    checkFullProductName(checker, entry.full_product_name, `${path}.full_product_name`);
    for (const key of ['product_reference', 'relates_to_product_reference']) {
      const id = checker.string(entry, key, path);
      if (id !== undefined) checker.references.push({ id, path: `${path}.${key}`, group: false });
    }
  }
  for (const [index, group] of checker.array(tree.product_groups, 'product_tree.product_groups').entries()) {
    const path = `product_tree.product_groups[${index}]`;
    const entry = checker.object(group, path);
    if (!entry) continue;
    const id = checker.string(entry, 'group_id', path);
    if (id !== undefined) checker.definedGroups.add(id);
    if (!Array.isArray(entry.product_ids) || entry.product_ids.length < 2) checker.error(`${path}.product_ids`, 'must list at least two product ids');
    checker.productIds(entry, 'product_ids', path);
  }
}

function checkVulnerabilities(checker: Checker, value: unknown, category: string | undefined): void {
  for (const [index, item] of checker.array(value, 'vulnerabilities').entries()) {
    const path = `vulnerabilities[${index}]`;
    const vulnerability = checker.object(item, path);
    if (!vulnerability) continue;
    const cve = checker.string(vulnerability, 'cve', path, false);
    if (cve !== undefined && !CVE.test(cve)) checker.error(`${path}.cve`, `must look like "CVE-2024-12345" (got ${describe(cve)})`);
    const ids = checker.array(vulnerability.ids, `${path}.ids`);
    for (const [idIndex, id] of ids.entries()) {
      const entry = checker.object(id, `${path}.ids[${idIndex}]`);
      if (!entry) continue;
      checker.string(entry, 'system_name', `${path}.ids[${idIndex}]`);
      checker.string(entry, 'text', `${path}.ids[${idIndex}]`);
    }
    if (cve === undefined && ids.length === 0 && category === 'csaf_vex') checker.error(path, 'a csaf_vex vulnerability needs a "cve" or "ids" (CSAF 6.1.27.8)');
    const status = checker.object(vulnerability.product_status, `${path}.product_status`, category === 'csaf_vex');
    if (status) {
      for (const key of Object.keys(status)) {
        if (!(PRODUCT_STATUSES as readonly string[]).includes(key)) checker.error(`${path}.product_status.${key}`, `is not a product status (${PRODUCT_STATUSES.join(', ')})`);
        else checker.productIds(status, key, `${path}.product_status`);
      }
    }
    const covered = { impact: new Set<string>(), action: new Set<string>() };
    const flagged = new Map<string, string>();
    const coveredGroups = { impact: new Set<string>(), action: new Set<string>() };
    const statements: [string, readonly string[], 'impact' | 'action' | undefined][] = [
      ['flags', FLAG_LABELS, 'impact'],
      ['threats', THREAT_CATEGORIES, undefined],
      ['remediations', REMEDIATION_CATEGORIES, 'action'],
    ];
    for (const [key, allowed, kind] of statements) {
      for (const [entryIndex, entryValue] of checker.array(vulnerability[key], `${path}.${key}`).entries()) {
        const entryPath = `${path}.${key}[${entryIndex}]`;
        const entry = checker.object(entryValue, entryPath);
        if (!entry) continue;
        const label = checker.oneOf(entry, key === 'flags' ? 'label' : 'category', entryPath, allowed);
        if (key !== 'flags') checker.string(entry, 'details', entryPath);
        if (key === 'flags' && entry.date !== undefined) checker.dateTime(entry, 'date', entryPath);
        // CSAF 6.1.29 and 6.1.32: remediations and flags must say what they are about; threats may concern all.
        if (key !== 'threats' && entry.product_ids === undefined && entry.group_ids === undefined) checker.error(entryPath, 'must name product_ids or group_ids');
        checker.productIds(entry, 'product_ids', entryPath);
        checker.productIds(entry, 'group_ids', entryPath, true);
        if (key === 'flags') {
          // CSAF 6.1.33: one VEX justification per product and vulnerability.
          for (const [idIndex, id] of (Array.isArray(entry.product_ids) ? entry.product_ids : []).entries()) {
            if (typeof id !== 'string') continue;
            if (flagged.has(id)) checker.error(`${entryPath}.product_ids[${idIndex}]`, `product "${id}" already has the flag ${flagged.get(id)} (CSAF 6.1.33: one justification per product)`);
            else flagged.set(id, String(label));
          }
        }
        const statementKind = kind ?? (label === 'impact' ? 'impact' : undefined);
        if (statementKind) {
          for (const id of Array.isArray(entry.product_ids) ? entry.product_ids : []) covered[statementKind].add(String(id));
          for (const id of Array.isArray(entry.group_ids) ? entry.group_ids : []) coveredGroups[statementKind].add(String(id));
        }
      }
    }
    if (category === 'csaf_vex' && status) vexStatements(checker, status, path, covered, coveredGroups);
  }
}

function vexStatements(checker: Checker, status: Record<string, unknown>, path: string, covered: Record<'impact' | 'action', Set<string>>, coveredGroups: Record<'impact' | 'action', Set<string>>): void {
  // CSAF 6.1.27.9 and 6.1.27.10; statements may name groups, resolved once the whole tree is read.
  checker.afterGroups.push((groups) => {
    for (const [kind, statusKey, test] of [
      ['impact', 'known_not_affected', '6.1.27.9: a flag or an impact threat saying why'],
      ['action', 'known_affected', '6.1.27.10: a remediation'],
    ] as const) {
      const inGroups = new Set([...coveredGroups[kind]].flatMap((group) => groups.get(group) ?? []));
      const list = Array.isArray(status[statusKey]) ? (status[statusKey] as unknown[]) : [];
      for (const [index, id] of list.entries()) {
        if (typeof id === 'string' && !covered[kind].has(id) && !inGroups.has(id)) checker.error(`${path}.product_status.${statusKey}[${index}]`, `product "${id}" needs CSAF ${test}`);
      }
    }
  });
}

/** Validates a CSAF 2.0 document (already JSON-parsed); an empty list means it is acceptable. */
export function validateCsaf(input: unknown): CsafIssue[] {
  const checker = new Checker();
  if (!isRecord(input)) return [{ path: '', message: `must be a JSON object (got ${describe(input)})` }];
  const category = checkDocument(checker, input.document);
  checkProductTree(checker, input.product_tree);
  checkVulnerabilities(checker, input.vulnerabilities, category);
  const groups = new Map<string, string[]>();
  const tree = isRecord(input.product_tree) ? input.product_tree : {};
  for (const group of Array.isArray(tree.product_groups) ? tree.product_groups : []) {
    if (isRecord(group) && typeof group.group_id === 'string' && Array.isArray(group.product_ids)) groups.set(group.group_id, group.product_ids.map(String));
  }
  for (const check of checker.afterGroups) check(groups);
  for (const reference of checker.references) {
    const defined = reference.group ? checker.definedGroups : checker.definedProducts;
    if (!defined.has(reference.id)) checker.error(reference.path, `${reference.group ? 'group_id' : 'product_id'} "${reference.id}" is not defined in the product tree (CSAF ${reference.group ? '6.1.4' : '6.1.1'})`);
  }
  return checker.issues;
}
