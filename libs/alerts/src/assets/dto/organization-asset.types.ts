import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ASSET_KINDS, type AssetKind } from '@hub/intel-rules';

export const AssetKindEnum = Object.fromEntries(ASSET_KINDS.map((kind) => [kind, kind])) as { [K in AssetKind]: K };
registerEnumType(AssetKindEnum, {
  name: 'AssetKind',
  description: 'DOMAIN: the domain and every name under it; HOSTNAME: that exact name; CIDR: every address in the block; IP: one address',
});

@ObjectType('OrganizationAsset', { description: "An entry of your organisation's private asset list; nobody outside the organisation can read it" })
export class OrganizationAssetModel {
  @Field(() => ID)
  id: string;

  @Field(() => AssetKindEnum)
  kind: AssetKind;

  @Field({ description: 'Canonical: a lower-case domain or host name, an address or a network (10.1.0.0/16, 2001:db8::/32)' })
  value: string;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field()
  createdAt: Date;
}

@InputType('OrganizationAssetEntryInput')
export class OrganizationAssetEntryInput {
  @Field({ description: 'example-hospital.org (DOMAIN; *.example-hospital.org is read the same), portal.example-hospital.org (HOSTNAME), 10.1.0.0/16 (CIDR), 10.1.2.3 (IP)' })
  value: string;

  @Field(() => AssetKindEnum)
  kind: AssetKind;

  @Field(() => String, { nullable: true, description: 'At most 500 characters' })
  comment?: string | null;
}

@InputType('SetOrganizationAssetsInput')
export class SetOrganizationAssetsInput {
  @Field(() => [OrganizationAssetEntryInput], { description: 'The whole list (at most 10,000 entries); entries left out are removed, repeated ones count once' })
  entries: OrganizationAssetEntryInput[];
}

@ObjectType('AssetMatch', { description: 'Which entry of your asset list a shared object mentions' })
export class AssetMatchModel {
  @Field(() => AssetKindEnum)
  assetKind: AssetKind;

  @Field({ description: 'The entry as it was when the object matched' })
  assetValue: string;

  @Field(() => String, { nullable: true })
  assetComment: string | null;

  @Field({ description: 'The observable type in the object, e.g. domain-name, url, ipv4-addr' })
  matchedType: string;

  @Field({ description: 'The value in the object that the entry covers, e.g. vpn.example-hospital.org' })
  matchedValue: string;
}
