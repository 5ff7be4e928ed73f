import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ObservableInput, TlpLevel } from '@hub/sharing';

@InputType('WatchCriteriaInput', { description: 'Every list that is set must match (AND); within a list, any value matches (OR). Text matches ignore letter case.' })
export class WatchCriteriaInputType {
  @Field(() => [String], { nullable: true, description: 'STIX types, e.g. ["indicator", "malware"]' })
  types?: string[];

  @Field(() => [TlpLevel], { nullable: true })
  tlp?: TlpLevel[];

  @Field(() => [String], { nullable: true, description: 'e.g. ["ransomware"]' })
  labels?: string[];

  @Field(() => [String], { nullable: true, description: 'e.g. ["malicious-activity"]' })
  indicatorTypes?: string[];

  @Field(() => [ObservableInput], {
    nullable: true,
    description: 'Your own domains, addresses and hashes; an ipv4-addr or ipv6-addr value may be a network (CIDR) and matches every address in it',
  })
  observables?: ObservableInput[];

  @Field(() => [String], { nullable: true, description: 'Malware names or aliases: the malware itself and what a readable relationship links to it' })
  malwareFamilies?: string[];
}

@InputType()
export class CreateWatchFilterInput {
  @Field({ description: 'Unique among your watch filters, 1 to 100 characters' })
  name: string;

  @Field(() => WatchCriteriaInputType)
  criteria: WatchCriteriaInputType;
}

@ObjectType('WatchObservable')
export class WatchObservableModel {
  @Field()
  type: string;

  @Field({ description: 'Canonical form; an address may be a network (CIDR)' })
  value: string;
}

@ObjectType('WatchCriteria')
export class WatchCriteriaModel {
  @Field(() => [String])
  types: string[];

  @Field(() => [TlpLevel])
  tlp: TlpLevel[];

  @Field(() => [String])
  labels: string[];

  @Field(() => [String])
  indicatorTypes: string[];

  @Field(() => [WatchObservableModel])
  observables: WatchObservableModel[];

  @Field(() => [String])
  malwareFamilies: string[];
}

@ObjectType('WatchFilter', { description: 'What you want to hear about: every new object or version you may read that matches raises an alert' })
export class WatchFilterModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => WatchCriteriaModel)
  criteria: WatchCriteriaModel;

  @Field()
  createdAt: Date;
}
