import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@hub/platform';
import { StixObjectModel } from '@hub/sharing';
import { AssetMatchModel } from '../../assets/dto/organization-asset.types';
import type { AlertKind } from '../alerts.service';

const AlertKindEnum: { [K in AlertKind]: K } = { WATCH_FILTER: 'WATCH_FILTER', ASSET_MATCH: 'ASSET_MATCH' };
registerEnumType(AlertKindEnum, {
  name: 'AlertKind',
  description: "WATCH_FILTER: one of your watch filters matched; ASSET_MATCH: a shared object mentions an entry of your organisation's asset list",
});

@ObjectType('Alert', { description: "A new object or version that matched one of your watch filters or your organisation's asset list" })
export class AlertModel {
  @Field(() => ID)
  id: string;

  @Field(() => AlertKindEnum)
  kind: AlertKind;

  @Field(() => ID, { nullable: true, description: 'The watch filter that matched (WATCH_FILTER alerts)' })
  watchFilterId: string | null;

  @Field(() => String, { nullable: true })
  watchFilterName: string | null;

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
