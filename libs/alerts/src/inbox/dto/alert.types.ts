import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@hub/platform';
import { StixObjectModel } from '@hub/sharing';

@ObjectType('Alert', { description: 'A new object or version that matched one of your watch filters' })
export class AlertModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: 'Null for alerts no watch filter raised (supply-chain exposure)' })
  watchFilterId: string | null;

  @Field({ description: "The watch filter's name, or what raised the alert (\"Supply-chain exposure\")" })
  watchFilterName: string;

  @Field({ description: 'When the hub matched it' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When you marked it read; null while unread' })
  readAt: Date | null;

  @Field(() => StixObjectModel, { description: 'The latest version of the object you may read now' })
  object: StixObjectModel;
}

@ObjectType()
export class AlertConnection extends ConnectionType(AlertModel, 'Alert') {}
