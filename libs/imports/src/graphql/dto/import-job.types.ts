import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '@hub/platform';

@ObjectType('ImportIssue', { description: 'What is wrong, and where (a path such as `row 7.confidence` or `objects[3].pattern`)' })
export class ImportIssueModel {
  @Field()
  path!: string;

  @Field()
  message!: string;
}

@ObjectType('ImportJob', { description: "An import of a file (POST /import), visible to its organisation only" })
export class ImportJobModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'queued, running, done, failed or cancelled' })
  status!: string;

  @Field({ description: 'stix, csv, text or misp' })
  format!: string;

  @Field({ description: 'The marking asked for (a MISP event tagged stricter is shared under its own)' })
  tlp!: string;

  @Field(() => Int, { description: 'Items read from the file so far (objects, or CSV rows)' })
  read!: number;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => Int)
  duplicates!: number;

  @Field()
  cancelRequested!: boolean;

  @Field()
  created!: Date;

  @Field(() => Date, { nullable: true })
  started!: Date | null;

  @Field(() => Date, { nullable: true })
  finished!: Date | null;

  @Field(() => [ImportIssueModel], { description: 'Why the job failed as a whole (per-item errors are in GET /import/{id}/results)' })
  errors!: ImportIssueModel[];
}

@ObjectType('ImportJobEdge')
export class ImportJobEdgeModel {
  @Field()
  cursor!: string;

  @Field(() => ImportJobModel)
  node!: ImportJobModel;
}

@ObjectType('ImportJobPageInfo')
export class ImportJobPageInfoModel {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('ImportJobConnection')
export class ImportJobConnectionModel {
  @Field(() => [ImportJobEdgeModel])
  edges!: ImportJobEdgeModel[];

  @Field(() => ImportJobPageInfoModel)
  pageInfo!: ImportJobPageInfoModel;
}

@ObjectType('ExtractedObservable', { description: 'An observable found in free text, for review before sharing' })
export class ExtractedObservableModel {
  @Field({ description: 'ipv4-addr, ipv6-addr, domain-name, url, email-addr, file or vulnerability' })
  type!: string;

  @Field({ description: 'Normalised (refanged, canonical)' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'For file: MD5, SHA-1, SHA-256 or SHA-512' })
  hashAlgorithm!: string | null;

  @Field({ description: 'As written in the text' })
  original!: string;

  @Field()
  defanged!: boolean;

  @Field(() => Int)
  line!: number;

  @Field(() => Int)
  column!: number;

  @Field(() => String, { nullable: true, description: 'The STIX pattern an indicator would carry (none for a vulnerability)' })
  pattern!: string | null;
}

@ObjectType('CsvMapping', { description: "A CSV column mapping saved for the organisation, usable by name in POST /import?mapping=" })
export class CsvMappingModel {
  @Field()
  name!: string;

  @Field(() => JsonScalar)
  mapping!: unknown;
}
