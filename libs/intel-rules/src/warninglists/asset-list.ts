// An organisation's own assets (its domains and address ranges) as warninglists, so a member sees
// "this is one of ours" through the same matcher as every other list.

import { parseWarninglist, type WarninglistAction, type WarninglistResult } from './warninglist';

export interface OrganisationAssets {
  /** The organisation's display name, used in the list names. */
  organisation: string;
  /** Bumped by the caller on each change, so shouldReload sees it. */
  version: number;
  /** Domains; a domain covers its subdomains and URLs and e-mail addresses on them. */
  domains?: readonly string[];
  /** Addresses or CIDR blocks, IPv4 or IPv6. */
  ranges?: readonly string[];
  action?: WarninglistAction;
}

/** A hostname list and a cidr list (each only when it has entries), validated like any list file. */
export function organisationAssetLists(assets: OrganisationAssets): WarninglistResult[] {
  const common = {
    version: assets.version,
    category: 'known',
    hub_action: assets.action ?? 'warn',
  };
  const results: WarninglistResult[] = [];
  if (assets.domains && assets.domains.length > 0) {
    results.push(
      parseWarninglist({
        ...common,
        name: `Assets of ${assets.organisation}: domains`,
        description: `Domains that belong to ${assets.organisation}`,
        type: 'hostname',
        matching_attributes: ['domain-name', 'url', 'email-addr'],
        list: [...assets.domains],
      }),
    );
  }
  if (assets.ranges && assets.ranges.length > 0) {
    results.push(
      parseWarninglist({
        ...common,
        name: `Assets of ${assets.organisation}: address ranges`,
        description: `Address ranges that belong to ${assets.organisation}`,
        type: 'cidr',
        matching_attributes: ['ipv4-addr', 'ipv6-addr'],
        list: [...assets.ranges],
      }),
    );
  }
  return results;
}
