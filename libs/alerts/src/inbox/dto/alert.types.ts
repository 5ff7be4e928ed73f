import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@hub/platform';
import { StixObjectModel } from '@hub/sharing';
import { AssetMatchModel } from '../../assets/dto/organization-asset.types';

export enum AlertKindValue {
  WATCH = 'WATCH',
  FALSE_POSITIVE = 'FALSE_POSITIVE',
  ASSET_MATCH = 'ASSET_MATCH',
  EXPOSURE = 'EXPOSURE',
}
registerEnumType(AlertKindValue, {
  name: 'AlertKind',
  description:
    "WATCH: a new object or version matched one of your watch filters; FALSE_POSITIVE: someone reported an indicator of your organisation as a false positive (the object is that sighting); ASSET_MATCH: a shared object mentions an entry of your organisation's asset list (see assetMatch); EXPOSURE: a shared advisory matches what your organisation declared it runs (the object is the vulnerability, see exposures)",
});

@ObjectType('Alert', {
  description: "A new object or version that matched one of your watch filters, a false positive reported on an indicator of your organisation, an object that mentions one of your organisation's assets, or an advisory that matches what your organisation runs",
})
export class AlertModel {
  @Field(() => ID)
  id: string;

  @Field(() => AlertKindValue)
  kind: AlertKindValue;

  @Field(() => ID, { nullable: true, description: 'null for alerts without a watch filter (kinds FALSE_POSITIVE, ASSET_MATCH and EXPOSURE)' })
  watchFilterId: string | null;

  @Field({ description: "The watch filter's name, or what raised the alert" })
  watchFilterName: string;

  @Field(() => AssetMatchModel, { nullable: true, description: 'The asset entry and the value that matched (ASSET_MATCH alerts)' })
  assetMatch: AssetMatchModel | null;

  @Field({ description: 'When the hub matched it' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When you marked it read; null while unread' })
  readAt: Date | null;

  @Field(() => StixObjectModel, { description: 'The latest version of the object you may read now' })
  object: StixObjectModel;
}

@ObjectType()
export class AlertConnection extends ConnectionType(AlertModel, 'Alert') {}
