import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('WarninglistHit', { description: 'A warninglist one of the observables of an object (or a looked-up value) is on' })
export class WarninglistHitModel {
  @Field({ description: "The warninglist's name" })
  list: string;

  @Field({ description: 'warn (accepted with a warning) or block (never something to block: refused on submission)' })
  action: string;

  @Field({ description: 'The observable value on the list, as the hub indexes it' })
  value: string;
}
