// Generated from apps/hub-web/schema.graphql by tests/support/console-schema.ts (npm run console:schema). Do not edit.

/** A new object or version that matched one of your watch filters, a false positive reported on an indicator of your organisation, an object that mentions one of your organisation's assets, or an advisory that matches what your organisation runs */
export interface Alert {
  __typename?: 'Alert';
  assetMatch: AssetMatch | null;
  createdAt: string;
  id: string;
  kind: AlertKind;
  object: StixObject;
  readAt: string | null;
  watchFilterId: string | null;
  watchFilterName: string;
}

export interface AlertConnection {
  __typename?: 'AlertConnection';
  edges: AlertEdge[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface AlertEdge {
  __typename?: 'AlertEdge';
  cursor: string;
  node: Alert;
}

/** WATCH: a new object or version matched one of your watch filters; FALSE_POSITIVE: someone reported an indicator of your organisation as a false positive (the object is that sighting); ASSET_MATCH: a shared object mentions an entry of your organisation's asset list (see assetMatch); EXPOSURE: a shared advisory matches what your organisation declared it runs (the object is the vulnerability, see exposures) */
export type AlertKind = 'ASSET_MATCH' | 'EXPOSURE' | 'FALSE_POSITIVE' | 'WATCH';

/** An API key of an organisation. The key itself is shown only once, by createApiKey. */
export interface ApiKey {
  __typename?: 'ApiKey';
  active: boolean;
  createdAt: string;
  createdByEmail: string;
  createdByUserId: string;
  distribution: KeyDistribution;
  expiresAt: string | null;
  id: string;
  lastUsedAt: string | null;
  name: string;
  organizationId: string;
  prefix: string;
  revokedAt: string | null;
}

export interface ApiKeyCreated {
  __typename?: 'ApiKeyCreated';
  apiKey: ApiKey;
  key: string;
}

/** DOMAIN: the domain and every name under it; HOSTNAME: that exact name; CIDR: every address in the block; IP: one address */
export type AssetKind = 'CIDR' | 'DOMAIN' | 'HOSTNAME' | 'IP';

/** Which entry of your asset list a shared object mentions */
export interface AssetMatch {
  __typename?: 'AssetMatch';
  assetComment: string | null;
  assetKind: AssetKind;
  assetValue: string;
  matchedType: string;
  matchedValue: string;
}

/** Who an AMBER, AMBER+STRICT or RED submission is shared with */
export interface AudienceInput {
  audiences?: BuiltInAudience[] | null;
  organizationIds?: string[] | null;
  recipientEmails?: string[] | null;
  sharingGroupIds?: string[] | null;
  userIds?: string[] | null;
}

export interface AuditLogConnection {
  __typename?: 'AuditLogConnection';
  edges: AuditLogEntryEdge[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** One audited action */
export interface AuditLogEntry {
  __typename?: 'AuditLogEntry';
  action: string;
  actorKeyId: string | null;
  actorKind: string;
  actorOrganizationId: string | null;
  actorUserId: string | null;
  details: unknown;
  id: string;
  ip: string | null;
  occurredAt: string;
  outcome: string;
  targetId: string | null;
  targetType: string | null;
}

export interface AuditLogEntryEdge {
  __typename?: 'AuditLogEntryEdge';
  cursor: string;
  node: AuditLogEntry;
}

export interface AuditLogFilterInput {
  action?: string | null;
  actorUserId?: string | null;
  organizationId?: string | null;
  outcome?: string | null;
  since?: string | null;
  targetId?: string | null;
  until?: string | null;
}

export interface AuthPayload {
  __typename?: 'AuthPayload';
  expiresAt: string;
  token: string;
  user: User;
}

/** All PUBLIC, or all PRIVATE, member organisations */
export type BuiltInAudience = 'PRIVATE_SECTOR' | 'PUBLIC_SECTOR';

/** A value that never links objects (exact, or with * and ? wildcards; case-insensitive) */
export interface CorrelationExclusion {
  __typename?: 'CorrelationExclusion';
  comment: string | null;
  createdAt: string;
  id: string;
  type: string | null;
  value: string;
}

export interface CorrelationExclusionInput {
  comment?: string | null;
  type?: string | null;
  value: string;
}

export interface CreateApiKeyInput {
  distribution?: KeyDistribution | null;
  expiresAt?: string | null;
  name: string;
}

export interface CreateOrganizationInput {
  country: string;
  kind: OrganizationKind;
  name: string;
  sector: Sector;
  size?: OrganizationSize | null;
}

export interface CreateSharingGroupInput {
  description?: string | null;
  name: string;
  organizationIds: string[];
}

export interface CreateUserInput {
  email: string;
  organizationId: string;
  password: string;
  role: Role;
}

export interface CreateWatchFilterInput {
  criteria: WatchCriteriaInput;
  email?: string | null;
  name: string;
  webhookSecret?: string | null;
  webhookUrl?: string | null;
}

/** A CSV column mapping saved for the organisation, usable by name in POST /import?mapping= */
export interface CsvMapping {
  __typename?: 'CsvMapping';
  mapping: unknown;
  name: string;
}

export interface DeclareInventoryInput {
  document: string;
  format: InventoryFormat;
  name: string;
}

export type DeliveryChannel = 'EMAIL' | 'WEBHOOK';

/** PENDING: not sent yet, or to be retried at nextAttemptAt; DELIVERED: the receiver answered 2xx; FAILED: given up */
export type DeliveryStatus = 'DELIVERED' | 'FAILED' | 'PENDING';

/** An advisory that matches something your organisation runs */
export interface Exposure {
  __typename?: 'Exposure';
  component: string;
  componentKey: string;
  id: string;
  inventory: string;
  matchedAt: string;
  matchedBy: string;
  silenced: boolean;
  status: ExposureStatus;
  triagedAt: string | null;
  verdict: string;
  vulnerability: ExposureVulnerability;
}

export interface ExposureConnection {
  __typename?: 'ExposureConnection';
  edges: ExposureEdge[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface ExposureCountBucket {
  __typename?: 'ExposureCountBucket';
  groups: ExposureCountCell[];
  start: string;
}

export interface ExposureCountCell {
  __typename?: 'ExposureCountCell';
  count: number | null;
  key: string;
  suppressed: boolean;
}

/** Organisations found exposed to one vulnerability, first matched per week, by sector; cells under k organisations suppressed */
export interface ExposureCounts {
  __typename?: 'ExposureCounts';
  buckets: ExposureCountBucket[];
  k: number;
  vulnerabilityId: string;
}

export interface ExposureEdge {
  __typename?: 'ExposureEdge';
  cursor: string;
  node: Exposure;
}

/** How the member triaged an exposure (UNTRIAGED until it does) */
export type ExposureStatus = 'ACCEPTED_RISK' | 'AFFECTED' | 'FIXED' | 'NOT_AFFECTED' | 'UNTRIAGED';

/** The advisory that matched, as your organisation may read it now */
export interface ExposureVulnerability {
  __typename?: 'ExposureVulnerability';
  id: string;
  stix: unknown;
}

/** An observable found in free text, for review before sharing */
export interface ExtractedObservable {
  __typename?: 'ExtractedObservable';
  column: number;
  defanged: boolean;
  hashAlgorithm: string | null;
  line: number;
  original: string;
  pattern: string | null;
  type: string;
  value: string;
}

export interface FieldIssueModel {
  __typename?: 'FieldIssueModel';
  list: string | null;
  message: string;
  path: string;
}

/** What this hub is and which standards it speaks */
export interface HubInfo {
  __typename?: 'HubInfo';
  name: string;
  stixVersion: string;
  taxiiVersion: string;
  version: string;
}

/** What incidents did to patient care in one quarter: the range totals of impact trends by week (so the same suppression) */
export interface ImpactBriefing {
  __typename?: 'ImpactBriefing';
  from: string;
  k: number;
  measures: ImpactBriefingMeasure[];
  quarter: string;
  scope: TrendScope;
  to: string;
}

/** A human-impact briefing: one calendar quarter (the last complete one ending at or before `at`, default now) */
export interface ImpactBriefingInput {
  at?: string | null;
  scope?: TrendScope | null;
}

/** One measure over the quarter: its total and its figure per incident type, sector, country and organisation size */
export interface ImpactBriefingMeasure {
  __typename?: 'ImpactBriefingMeasure';
  byCountry: ImpactGroup[];
  byIncidentType: ImpactGroup[];
  bySector: ImpactGroup[];
  bySize: ImpactGroup[];
  measure: ImpactMeasure;
  total: ImpactCount;
}

/** One time bucket; an incident falls in the bucket of the first version of it the hub received (that counts for you) */
export interface ImpactBucket {
  __typename?: 'ImpactBucket';
  complete: boolean;
  countsUnreadable: boolean;
  end: string;
  groups: ImpactGroup[];
  start: string;
  total: ImpactCount;
}

/** A figure that may be suppressed (sector-wide answers and the public summary) */
export interface ImpactCount {
  __typename?: 'ImpactCount';
  count: number | null;
  suppressed: boolean;
}

export interface ImpactGroup {
  __typename?: 'ImpactGroup';
  count: number | null;
  key: string;
  suppressed: boolean;
}

/** How incidents are grouped: their incident_types ("(none)" without), or the sector or country of the reporting organisation (for an anonymous report, what its pseudonym names, "(none)" when nothing), or the size band of the reporting organisation when the hub stored the report ("(none)" without one, and always for an anonymous report) */
export type ImpactGroupBy = 'COUNTRY' | 'INCIDENT_TYPE' | 'ORGANIZATION_SIZE' | 'SECTOR';

/** What is summed per cell: incidents, days of disrupted care and emergency-department diversion hours (patient-care extension), records of patients exposed (current confidentiality impacts that lost data) */
export type ImpactMeasure = 'DISRUPTED_CARE_DAYS' | 'DIVERSION_HOURS' | 'INCIDENTS' | 'RECORDS_EXPOSED';

/** An impact trends question: the trends question without filters, plus what to measure. The range is widened to whole buckets; at most 366 buckets. */
export interface ImpactTrendInput {
  bucket: TrendBucketSize;
  from: string;
  groupBy: ImpactGroupBy;
  measure?: ImpactMeasure | null;
  scope?: TrendScope | null;
  to: string;
}

/** Care-impact figures over time, under the same k-anonymity and anti-differencing rules as trends */
export interface ImpactTrendReport {
  __typename?: 'ImpactTrendReport';
  bucket: TrendBucketSize;
  buckets: ImpactBucket[];
  from: string;
  groupBy: ImpactGroupBy;
  k: number;
  measure: ImpactMeasure;
  scope: TrendScope;
  to: string;
  total: ImpactCount;
  totals: ImpactGroup[];
}

/** What is wrong, and where (a path such as `row 7.confidence` or `objects[3].pattern`) */
export interface ImportIssue {
  __typename?: 'ImportIssue';
  message: string;
  path: string;
}

/** An import of a file (POST /import), visible to its organisation only */
export interface ImportJob {
  __typename?: 'ImportJob';
  accepted: number;
  cancelRequested: boolean;
  created: string;
  duplicates: number;
  errors: ImportIssue[];
  finished: string | null;
  format: string;
  id: string;
  read: number;
  rejected: number;
  started: string | null;
  status: string;
  tlp: string;
}

export interface ImportJobConnection {
  __typename?: 'ImportJobConnection';
  edges: ImportJobEdge[];
  pageInfo: ImportJobPageInfo;
}

export interface ImportJobEdge {
  __typename?: 'ImportJobEdge';
  cursor: string;
  node: ImportJob;
}

export interface ImportJobPageInfo {
  __typename?: 'ImportJobPageInfo';
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Indicators you may read that the hub received during the period */
export interface IndicatorValidity {
  __typename?: 'IndicatorValidity';
  indicators: number;
  share: number | null;
  valid: number;
}

/** One version of what your organisation runs; only your organisation's people read it */
export interface Inventory {
  __typename?: 'Inventory';
  componentCount: number;
  createdAt: string;
  current: boolean;
  format: InventoryFormat;
  id: string;
  name: string;
  retiredAt: string | null;
  version: number;
}

export interface InventoryComponent {
  __typename?: 'InventoryComponent';
  cpes: string[];
  key: string;
  model: string | null;
  name: string;
  occurrences: number;
  purls: string[];
  vendor: string | null;
  version: string | null;
}

/** CycloneDX 1.4–1.6 or SPDX 2.3 JSON; or one entry a line: CPE 2.3 names, package URLs, or vendor,product,model,version rows */
export type InventoryFormat = 'CPE_LIST' | 'CYCLONEDX' | 'DEVICE_LIST' | 'PURL_LIST' | 'SPDX';

/** INTERNAL: used inside the organisation; CLIENTS: forwarded to its clients, so never given AMBER+STRICT or RED */
export type KeyDistribution = 'CLIENTS' | 'INTERNAL';

export interface Mutation {
  __typename?: 'Mutation';
  addCorrelationExclusion: CorrelationExclusion;
  addSharingGroupMembers: SharingGroup;
  cancelImportJob: ImportJob;
  changePassword: AuthPayload;
  changeUserEmail: User;
  changeUserRole: User;
  createApiKey: ApiKeyCreated;
  createOrganization: Organization;
  createSharingGroup: SharingGroup;
  createUser: User;
  createWatchFilter: WatchFilter;
  deactivateOrganization: Organization;
  deactivateUser: User;
  declareInventory: Inventory;
  deleteInventory: boolean;
  deleteWatchFilter: boolean;
  liftAddressSignInLock: string;
  liftSignInLock: User;
  login: AuthPayload;
  markAlertsRead: number;
  reactivateOrganization: Organization;
  reactivateUser: User;
  removeCorrelationExclusion: boolean;
  removeSharingGroupMembers: SharingGroup;
  renewToken: AuthPayload;
  reportSighting: StixObject;
  resetUserPassword: User;
  retireInventory: Inventory;
  revokeApiKey: boolean;
  revokeObject: StixObject;
  saveCsvMapping: CsvMapping;
  setOrganizationAssets: OrganizationAsset[];
  setScoreDecay: ScoreDecayRule;
  submitBundle: SubmissionResult;
  submitIndicator: StixObject;
  triageExposure: Exposure;
  updateOrganization: Organization;
  updateSharingGroup: SharingGroup;
}

/** The audience an object was shared with; shown to its source organisation only */
export interface ObjectAudience {
  __typename?: 'ObjectAudience';
  audiences: BuiltInAudience[];
  organizationIds: string[];
  sharingGroupIds: string[];
  userIds: string[];
}

export interface ObjectFilterInput {
  excludeDecayed?: boolean | null;
  excludeWarned?: boolean | null;
  labels?: string[] | null;
  minScore?: number | null;
  observable?: ObservableInput | null;
  revoked?: boolean | null;
  search?: string | null;
  sectors?: Sector[] | null;
  since?: string | null;
  sourceOrganizationId?: string | null;
  tlp?: Tlp[] | null;
  types?: string[] | null;
  until?: string | null;
}

export interface ObjectResult {
  __typename?: 'ObjectResult';
  errors: FieldIssueModel[];
  index: number;
  pseudonym: Pseudonym | null;
  status: SubmissionStatus;
  stixId: string | null;
  warnings: FieldIssueModel[];
}

/** Who shared an object. For an anonymous submission seen from outside its source: its pseudonym, fixed when the object was first submitted (a group of at least k member organisations). */
export interface ObjectSource {
  __typename?: 'ObjectSource';
  anonymous: boolean;
  country: string | null;
  identityId: string;
  kind: string | null;
  name: string;
  organizationId: string | null;
  pseudonym: Pseudonym | null;
  sector: string | null;
}

export interface ObservableInput {
  type: string;
  value: string;
}

export interface ObservableMatch {
  __typename?: 'ObservableMatch';
  indicators: StixObject[];
  observables: StixObject[];
  sightingCount: number;
  sightings: StixObject[];
  type: string;
  value: string;
  warninglistHits: WarninglistHit[];
}

/** A member organisation of the hub */
export interface Organization {
  __typename?: 'Organization';
  active: boolean;
  country: string | null;
  createdAt: string;
  deactivatedAt: string | null;
  id: string;
  identity: unknown;
  identityId: string;
  kind: OrganizationKind;
  name: string;
  sector: Sector;
  size: OrganizationSize | null;
}

/** An entry of your organisation's private asset list; nobody outside the organisation can read it */
export interface OrganizationAsset {
  __typename?: 'OrganizationAsset';
  comment: string | null;
  createdAt: string;
  id: string;
  kind: AssetKind;
  value: string;
}

export interface OrganizationAssetEntryInput {
  comment?: string | null;
  kind: AssetKind;
  value: string;
}

export interface OrganizationFilterInput {
  active?: boolean | null;
  country?: string | null;
  kind?: OrganizationKind | null;
  search?: string | null;
  sector?: Sector | null;
}

/** PUBLIC (ministries, CSIRTs, public hospitals) or PRIVATE */
export type OrganizationKind = 'PRIVATE' | 'PUBLIC';

/** Staff head count: MICRO under 10, SMALL 10 to 49, MEDIUM 50 to 249, LARGE 250 or more (the EU SME bands) */
export type OrganizationSize = 'LARGE' | 'MEDIUM' | 'MICRO' | 'SMALL';

/** An observable of this object found in more readable objects than the correlation limit: not linked */
export interface OverCorrelatingObservable {
  __typename?: 'OverCorrelatingObservable';
  type: string;
  value: string;
}

export interface PageInfo {
  __typename?: 'PageInfo';
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The identity that stands for an anonymous source: a group of at least k member organisations (hub setting HUB_TREND_K) */
export interface Pseudonym {
  __typename?: 'Pseudonym';
  country: string | null;
  identityId: string;
  name: string;
  sector: string | null;
}

export interface Query {
  __typename?: 'Query';
  alerts: AlertConnection;
  apiKeys: ApiKey[];
  auditLog: AuditLogConnection;
  correlationExclusions: CorrelationExclusion[];
  csvMappings: CsvMapping[];
  exposureCounts: ExposureCounts;
  exposures: ExposureConnection;
  extractObservables: ExtractedObservable[];
  hubInfo: HubInfo;
  impactBriefing: ImpactBriefing;
  impactTrends: ImpactTrendReport;
  importJob: ImportJob;
  importJobs: ImportJobConnection;
  inventories: Inventory[];
  inventoryComponents: InventoryComponent[];
  inventoryVersions: Inventory[];
  lookupObservable: ObservableMatch;
  me: User;
  object: StixObject | null;
  objects: StixObjectConnection;
  organization: Organization | null;
  organizationAssets: OrganizationAsset[];
  organizations: Organization[];
  scoreDecayRules: ScoreDecayRule[];
  sharingGroup: SharingGroup | null;
  sharingGroups: SharingGroup[];
  trendBriefing: TrendBriefing;
  trends: TrendReport;
  user: User | null;
  users: UserConnection;
  vendorExposure: VendorExposure;
  watchFilterDeliveries: WatchFilterDelivery[];
  watchFilters: WatchFilter[];
}

export interface ReportSightingInput {
  anonymous?: boolean | null;
  audience?: AudienceInput | null;
  count?: number | null;
  description?: string | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  sightingOfRef: string;
  tlp: Tlp;
  type?: SightingType | null;
}

/** A group that grew from the previous period to this one */
export interface RisingGroup {
  __typename?: 'RisingGroup';
  change: number;
  changeRatio: number | null;
  current: number;
  key: string;
  previous: number;
}

/** MEMBER submits and reads; ANALYST curates; FOCAL_POINT follows trends; ADMIN runs the hub. No role reads more content than another. */
export type Role = 'ADMIN' | 'ANALYST' | 'FOCAL_POINT' | 'MEMBER';

/** How indicator scores decay for one observable type: score = base × (1 − (t / L)^(1/δ)) */
export interface ScoreDecayRule {
  __typename?: 'ScoreDecayRule';
  lifetimeDays: number;
  observableType: string;
  speed: number;
  updatedAt: string;
}

/** The member sector of an organisation */
export type Sector = 'GOVERNMENT' | 'HEALTHCARE_PROVIDER' | 'HEALTH_INSURANCE' | 'IT_SUPPLIER' | 'MEDICAL_DEVICES' | 'OTHER' | 'PHARMA' | 'PUBLIC_HEALTH';

export interface SetOrganizationAssetsInput {
  entries: OrganizationAssetEntryInput[];
}

/** A named set of organisations that can be the audience of AMBER objects */
export interface SharingGroup {
  __typename?: 'SharingGroup';
  createdAt: string;
  description: string | null;
  id: string;
  memberCount: number;
  name: string;
  organizations: Organization[] | null;
}

/** Totals of the sightings of an object that you may read, by type (sums of their counts) */
export interface SightingTotals {
  __typename?: 'SightingTotals';
  expirations: number;
  falsePositives: number;
  sightings: number;
}

/** SIGHTING: it was seen; FALSE_POSITIVE: it matched something harmless; EXPIRATION: it is no longer in use (stored as x_hub_sighting_type) */
export type SightingType = 'EXPIRATION' | 'FALSE_POSITIVE' | 'SIGHTING';

/** One version of a STIX object, as the viewer may see it */
export interface StixObject {
  __typename?: 'StixObject';
  audience: ObjectAudience | null;
  correlated: StixObjectConnection;
  created: string | null;
  dateAdded: string;
  id: string;
  labels: string[];
  modified: string | null;
  overCorrelating: OverCorrelatingObservable[];
  relationships: StixObjectConnection;
  revoked: boolean;
  score: number | null;
  sightingTotals: SightingTotals;
  sightings: StixObjectConnection;
  source: ObjectSource | null;
  specVersion: string;
  stix: unknown;
  tlp: Tlp;
  type: string;
  versionCount: number;
  versions: StixObject[];
  warninglistHits: WarninglistHit[];
}

export interface StixObjectConnection {
  __typename?: 'StixObjectConnection';
  edges: StixObjectEdge[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface StixObjectEdge {
  __typename?: 'StixObjectEdge';
  cursor: string;
  node: StixObject;
}

export interface SubmissionResult {
  __typename?: 'SubmissionResult';
  accepted: number;
  duplicates: number;
  rejected: number;
  results: ObjectResult[];
}

/** ACCEPTED: stored as a new object or version; DUPLICATE: this exact version was already stored; REJECTED: nothing stored */
export type SubmissionStatus = 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';

export interface SubmitBundleInput {
  anonymous?: boolean | null;
  audience?: AudienceInput | null;
  bundle: unknown;
  tlp: Tlp;
}

export interface SubmitIndicatorInput {
  anonymous?: boolean | null;
  audience?: AudienceInput | null;
  confidence?: number | null;
  description?: string | null;
  indicatorTypes?: string[] | null;
  labels?: string[] | null;
  name: string;
  pattern: string;
  patternType?: string | null;
  tlp: Tlp;
  validFrom?: string | null;
  validUntil?: string | null;
}

export interface Subscription {
  __typename?: 'Subscription';
  alertRaised: Alert;
  importJobProgress: ImportJob;
  objectAdded: StixObject;
}

/** How soon another organisation saw the indicators received during the period (readable indicators and sightings only) */
export interface TimeToFirstSighting {
  __typename?: 'TimeToFirstSighting';
  medianHours: number | null;
  sightedIndicators: number;
}

/** TLP 2.0 marking; AMBER_STRICT is AMBER+STRICT */
export type Tlp = 'AMBER' | 'AMBER_STRICT' | 'CLEAR' | 'GREEN' | 'RED';

/** What a briefing needs about one period */
export interface TrendBriefing {
  __typename?: 'TrendBriefing';
  groupBy: TrendGroupBy;
  indicatorValidity: IndicatorValidity;
  k: number;
  period: TrendPeriod;
  previousPeriod: TrendPeriod;
  rising: RisingGroup[];
  scope: TrendScope;
  sightingsPerWeek: TrendPoint[];
  timeToFirstSighting: TimeToFirstSighting;
}

/** The figures of a briefing for one period (the last complete week or month by default) */
export interface TrendBriefingInput {
  at?: string | null;
  groupBy?: TrendGroupBy | null;
  period?: TrendBucketSize | null;
  scope?: TrendScope | null;
  top?: number | null;
  weeks?: number | null;
}

/** One time bucket; buckets are counted by the time the hub received each object (date_added) */
export interface TrendBucket {
  __typename?: 'TrendBucket';
  complete: boolean;
  countsUnreadable: boolean;
  end: string;
  groups: TrendGroup[];
  start: string;
  total: TrendCount;
}

/** DAY, WEEK (ISO week: Monday 00:00 to Monday 00:00) or calendar MONTH, all in UTC */
export type TrendBucketSize = 'DAY' | 'MONTH' | 'WEEK';

/** A count that may be suppressed (sector-wide answers only) */
export interface TrendCount {
  __typename?: 'TrendCount';
  count: number | null;
  suppressed: boolean;
}

/** The count of one group */
export interface TrendGroup {
  __typename?: 'TrendGroup';
  count: number | null;
  key: string;
  suppressed: boolean;
}

/** What the counts of a bucket are split by */
export type TrendGroupBy = 'INDICATOR_TYPE' | 'LABEL' | 'MALWARE_FAMILY' | 'OBJECT_TYPE' | 'SECTOR' | 'SOURCE_KIND' | 'TLP';

/** A trends question. The range is widened to whole buckets; at most 366 buckets. */
export interface TrendInput {
  bucket: TrendBucketSize;
  from: string;
  groupBy: TrendGroupBy;
  labels?: string[] | null;
  scope?: TrendScope | null;
  sectors?: Sector[] | null;
  to: string;
  types?: string[] | null;
}

export interface TrendPeriod {
  __typename?: 'TrendPeriod';
  end: string;
  start: string;
}

export interface TrendPoint {
  __typename?: 'TrendPoint';
  count: number | null;
  start: string;
  suppressed: boolean;
}

/** Counts over time. Each object counts once, in the bucket of the version that counts: for what you may read, its latest version you may read; for sector-wide unreadable objects, their latest AMBER version. */
export interface TrendReport {
  __typename?: 'TrendReport';
  bucket: TrendBucketSize;
  buckets: TrendBucket[];
  from: string;
  groupBy: TrendGroupBy;
  k: number;
  scope: TrendScope;
  to: string;
  total: TrendCount;
  totals: TrendGroup[];
}

/** What is counted */
export type TrendScope = 'READABLE' | 'SECTOR_WIDE';

/** A member's own verdict on an exposure */
export type TriageStatus = 'ACCEPTED_RISK' | 'AFFECTED' | 'FIXED' | 'NOT_AFFECTED';

/** Only the fields given are changed */
export interface UpdateOrganizationInput {
  country?: string | null;
  kind?: OrganizationKind | null;
  name?: string | null;
  sector?: Sector | null;
  size?: OrganizationSize | null;
}

/** Only the fields given are changed */
export interface UpdateSharingGroupInput {
  description?: string | null;
  name?: string | null;
}

/** A person: belongs to one organisation and has one role */
export interface User {
  __typename?: 'User';
  active: boolean;
  createdAt: string;
  email: string;
  id: string;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
  organization: Organization;
  role: Role;
}

export interface UserConnection {
  __typename?: 'UserConnection';
  edges: UserEdge[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface UserEdge {
  __typename?: 'UserEdge';
  cursor: string;
  node: User;
}

export interface UserFilterInput {
  active?: boolean | null;
  organizationId?: string | null;
  role?: Role | null;
  search?: string | null;
}

/** How many organisations run a product your organisation says is affected by one of its advisories */
export interface VendorExposure {
  __typename?: 'VendorExposure';
  k: number;
  organizations: number | null;
  suppressed: boolean;
  vulnerabilityId: string;
}

/** A warninglist one of the observables of an object (or a looked-up value) is on */
export interface WarninglistHit {
  __typename?: 'WarninglistHit';
  action: string;
  list: string;
  value: string;
}

export interface WatchCriteria {
  __typename?: 'WatchCriteria';
  indicatorTypes: string[];
  labels: string[];
  malwareFamilies: string[];
  observables: WatchObservable[];
  tlp: Tlp[];
  types: string[];
}

/** Every list that is set must match (AND); within a list, any value matches (OR). Text matches ignore letter case. */
export interface WatchCriteriaInput {
  indicatorTypes?: string[] | null;
  labels?: string[] | null;
  malwareFamilies?: string[] | null;
  observables?: ObservableInput[] | null;
  tlp?: Tlp[] | null;
  types?: string[] | null;
}

/** What you want to hear about: every new object or version you may read that matches raises an alert */
export interface WatchFilter {
  __typename?: 'WatchFilter';
  createdAt: string;
  criteria: WatchCriteria;
  email: string | null;
  id: string;
  name: string;
  webhookSecret: string | null;
  webhookUrl: string | null;
}

/** One alert sent (or being sent) to a watch filter's webhook or by e-mail */
export interface WatchFilterDelivery {
  __typename?: 'WatchFilterDelivery';
  alertId: string;
  attempts: number;
  channel: DeliveryChannel;
  createdAt: string;
  deliveredAt: string | null;
  id: string;
  lastError: string | null;
  nextAttemptAt: string | null;
  status: DeliveryStatus;
}

export interface WatchObservable {
  __typename?: 'WatchObservable';
  type: string;
  value: string;
}

