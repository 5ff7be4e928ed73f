import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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

  @Field(() => String, {
    nullable: true,
    description: 'Each alert is POSTed here as JSON, signed (X-Hub-Signature-256); https:// only unless the operator allows http',
  })
  webhookUrl?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The HMAC secret that signs the webhook (32 to 200 characters); when omitted the hub makes one and shows it once',
  })
  webhookSecret?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Your own sign-in e-mail address: each alert is also summarised by e-mail there (no AMBER or RED content); other addresses are refused',
  })
  email?: string | null;
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

  @Field(() => String, { nullable: true, description: 'Where each alert is POSTed; null: no webhook' })
  webhookUrl: string | null;

  @Field(() => String, { nullable: true, description: 'The webhook\'s HMAC secret: only in the answer to createWatchFilter, never again' })
  webhookSecret?: string | null;

  @Field(() => String, { nullable: true, description: 'Your sign-in address, where alerts are summarised by e-mail; null: no e-mail' })
  email: string | null;

  @Field()
  createdAt: Date;
}

export enum DeliveryStatusValue {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatusValue, {
  name: 'DeliveryStatus',
  description: 'PENDING: not sent yet, or to be retried at nextAttemptAt; DELIVERED: the receiver answered 2xx; FAILED: given up',
});

export enum DeliveryChannelValue {
  WEBHOOK = 'WEBHOOK',
  EMAIL = 'EMAIL',
}
registerEnumType(DeliveryChannelValue, { name: 'DeliveryChannel' });

@ObjectType('WatchFilterDelivery', { description: 'One alert sent (or being sent) to a watch filter\'s webhook or by e-mail' })
export class WatchFilterDeliveryModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  alertId: string;

  @Field(() => DeliveryChannelValue)
  channel: DeliveryChannelValue;

  @Field(() => DeliveryStatusValue)
  status: DeliveryStatusValue;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed' })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING only)' })
  nextAttemptAt: Date | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;
}
