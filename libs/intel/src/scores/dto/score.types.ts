import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SightingTotals', { description: 'Totals of the sightings of an object that you may read, by type (sums of their counts)' })
export class SightingTotalsModel {
  @Field(() => Int)
  sightings: number;

  @Field(() => Int)
  falsePositives: number;

  @Field(() => Int)
  expirations: number;
}

@ObjectType('ScoreDecayRule', { description: 'How indicator scores decay for one observable type: score = base × (1 − (t / L)^(1/δ))' })
export class ScoreDecayRuleModel {
  @Field({ description: 'An observable type (ipv4-addr, domain-name, file, …) or "other" for indicators that name none of them' })
  observableType: string;

  @Field(() => Float, { description: 'L: days after which the score is 0' })
  lifetimeDays: number;

  @Field(() => Float, { description: 'δ: 1 is a straight line, above 1 drops fast then flattens, below 1 holds then falls' })
  speed: number;

  @Field()
  updatedAt: Date;
}
