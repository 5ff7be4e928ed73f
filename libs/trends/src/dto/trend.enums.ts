import { registerEnumType } from '@nestjs/graphql';

export enum TrendBucketSize {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(TrendBucketSize, {
  name: 'TrendBucketSize',
  description: 'DAY, WEEK (ISO week: Monday 00:00 to Monday 00:00) or calendar MONTH, all in UTC',
});

export enum TrendGroupByValue {
  OBJECT_TYPE = 'OBJECT_TYPE',
  INDICATOR_TYPE = 'INDICATOR_TYPE',
  SECTOR = 'SECTOR',
  SOURCE_KIND = 'SOURCE_KIND',
  TLP = 'TLP',
  LABEL = 'LABEL',
  MALWARE_FAMILY = 'MALWARE_FAMILY',
}
registerEnumType(TrendGroupByValue, {
  name: 'TrendGroupBy',
  description: 'What the counts of a bucket are split by',
  valuesMap: {
    OBJECT_TYPE: { description: 'STIX type; the total is every object' },
    INDICATOR_TYPE: { description: 'indicator_types of indicators ("(none)" when absent); the total is every indicator' },
    SECTOR: {
      description:
        "The source organisation's sector when the hub received the object; for an anonymous submission the sector its pseudonym names, or \"(none)\" when it names none (a sector with fewer than k members would single the source out)",
    },
    SOURCE_KIND: { description: 'PUBLIC or PRIVATE source organisation; ANONYMOUS for anonymous submissions' },
    TLP: { description: 'CLEAR, GREEN, AMBER, AMBER_STRICT or RED' },
    LABEL: { description: 'Each label of an object ("(none)" when it has none); an object with two labels counts under both' },
    MALWARE_FAMILY: {
      description: 'Indicators by the malware they indicate (an "indicates" relationship), and malware objects by their own name, lower-cased; "(none)" otherwise',
    },
  },
});

export enum TrendScopeValue {
  READABLE = 'READABLE',
  SECTOR_WIDE = 'SECTOR_WIDE',
}
registerEnumType(TrendScopeValue, {
  name: 'TrendScope',
  description: 'What is counted',
  valuesMap: {
    READABLE: { description: 'Exactly the objects you may read' },
    SECTOR_WIDE: {
      description:
        'Also AMBER and AMBER+STRICT objects you may not read, as numbers only, where they come from at least k organisations; other cells are suppressed (see docs/trends.md). WEEK buckets only, and at most one filter of one value.',
    },
  },
});
