import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('CorrelationExclusion', { description: 'A value that never links objects (exact, or with * and ? wildcards; case-insensitive)' })
export class CorrelationExclusionModel {
  @Field(() => ID)
  id: string;

  @Field()
  value: string;

  @Field(() => String, { nullable: true, description: 'Only this observable type; null: every type' })
  type: string | null;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field(() => Date)
  createdAt: Date;
}

@InputType()
export class CorrelationExclusionInput {
  @Field({ description: 'Exact text, or a pattern where * is any run of characters and ? one character' })
  value: string;

  @Field(() => String, { nullable: true, description: 'An observable type (ipv4-addr, domain-name, url, file, …); unset: every type' })
  type?: string | null;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@ObjectType('OverCorrelatingObservable', { description: 'An observable of this object found in more readable objects than the correlation limit: not linked' })
export class OverCorrelatingObservableModel {
  @Field()
  type: string;

  @Field()
  value: string;
}
