// Traffic Light Protocol markings. TLP 1.0 markings are the four marking-definitions fixed by the STIX 2.1
// specification (7.2.1.4); TLP 2.0 markings are the five OASIS marking-definitions built on the TLP 2.0
// extension definition (oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0).
// The hub speaks TLP 2.0 and reads TLP 1.0, mapping WHITE to CLEAR.
import type { MarkingDefinition } from './objects/meta/marking-definition';

/** TLP 2.0 levels from the widest audience to the narrowest. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

export const TLP1_MARKING_IDS = {
  WHITE: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  GREEN: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  AMBER: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  RED: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const;

export const TLP2_MARKING_IDS = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  AMBER_STRICT: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
} as const;

/** The fixed marking-definition ids of both TLP versions. */
export const TLP_MARKINGS = { v1: TLP1_MARKING_IDS, v2: TLP2_MARKING_IDS } as const;

/** Every TLP marking-definition id, TLP 1.0 and 2.0: what to strip when replacing an object's TLP. */
export const TLP_MARKING_IDS: ReadonlySet<string> = new Set<string>([...Object.values(TLP1_MARKING_IDS), ...Object.values(TLP2_MARKING_IDS)]);

/** The extension definition that TLP 2.0 marking-definitions use. */
export const TLP2_EXTENSION_DEFINITION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** TLP 1.0 `definition.tlp` values and TLP 2.0 `tlp_2_0` values, per level. */
export const TLP1_DEFINITION_VALUES = { WHITE: 'white', GREEN: 'green', AMBER: 'amber', RED: 'red' } as const;
export const TLP2_EXTENSION_VALUES = {
  CLEAR: 'clear',
  GREEN: 'green',
  AMBER: 'amber',
  AMBER_STRICT: 'amber+strict',
  RED: 'red',
} as const satisfies Record<TlpLevel, string>;

export const TLP2_MARKING_NAMES = {
  CLEAR: 'TLP:CLEAR',
  GREEN: 'TLP:GREEN',
  AMBER: 'TLP:AMBER',
  AMBER_STRICT: 'TLP:AMBER+STRICT',
  RED: 'TLP:RED',
} as const satisfies Record<TlpLevel, string>;

const TLP1_CREATED = '2017-01-20T00:00:00.000Z';
const TLP2_CREATED = '2022-10-01T00:00:00.000Z';

function tlp2MarkingDefinition(level: TlpLevel): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[level],
    created: TLP2_CREATED,
    name: TLP2_MARKING_NAMES[level],
    extensions: {
      [TLP2_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: TLP2_EXTENSION_VALUES[level] },
    },
  };
}

function tlp1MarkingDefinition(level: keyof typeof TLP1_MARKING_IDS): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP1_MARKING_IDS[level],
    created: TLP1_CREATED,
    definition_type: 'tlp',
    name: `TLP:${level}`,
    definition: { tlp: TLP1_DEFINITION_VALUES[level] },
  };
}

/** The five TLP 2.0 marking-definition objects, exactly as OASIS publishes them, for the hub to serve. */
export const TLP2_MARKING_DEFINITIONS: Readonly<Record<TlpLevel, MarkingDefinition>> = {
  CLEAR: tlp2MarkingDefinition('CLEAR'),
  GREEN: tlp2MarkingDefinition('GREEN'),
  AMBER: tlp2MarkingDefinition('AMBER'),
  AMBER_STRICT: tlp2MarkingDefinition('AMBER_STRICT'),
  RED: tlp2MarkingDefinition('RED'),
};

/** The four TLP 1.0 marking-definition objects of the STIX 2.1 specification. */
export const TLP1_MARKING_DEFINITIONS: Readonly<Record<keyof typeof TLP1_MARKING_IDS, MarkingDefinition>> = {
  WHITE: tlp1MarkingDefinition('WHITE'),
  GREEN: tlp1MarkingDefinition('GREEN'),
  AMBER: tlp1MarkingDefinition('AMBER'),
  RED: tlp1MarkingDefinition('RED'),
};

const LEVEL_BY_MARKING_ID: ReadonlyMap<string, TlpLevel> = new Map<string, TlpLevel>([
  ...Object.entries(TLP2_MARKING_IDS).map(([level, id]) => [id, level as TlpLevel] as const),
  [TLP1_MARKING_IDS.WHITE, 'CLEAR'],
  [TLP1_MARKING_IDS.GREEN, 'GREEN'],
  [TLP1_MARKING_IDS.AMBER, 'AMBER'],
  [TLP1_MARKING_IDS.RED, 'RED'],
]);

export function isTlpLevel(value: unknown): value is TlpLevel {
  return typeof value === 'string' && (TLP_LEVELS as readonly string[]).includes(value);
}

/** The TLP level a marking-definition id stands for (TLP 1.0 or 2.0), if it is a TLP marking. */
export function tlpLevelOfMarkingRef(markingRef: string): TlpLevel | undefined {
  return LEVEL_BY_MARKING_ID.get(markingRef);
}

/** The TLP 2.0 marking-definition id for a level. */
export function tlpMarkingRef(level: TlpLevel): string {
  return TLP2_MARKING_IDS[level];
}

/** The stricter (narrower audience) of two levels. */
export function stricterTlp(a: TlpLevel, b: TlpLevel): TlpLevel {
  return TLP_LEVELS.indexOf(a) >= TLP_LEVELS.indexOf(b) ? a : b;
}

/**
 * The TLP level of an object from its `object_marking_refs`: the strictest TLP marking among them, or
 * undefined when it carries none.
 */
export function tlpOfObject(object: { object_marking_refs?: unknown }): TlpLevel | undefined {
  const refs = object.object_marking_refs;
  if (!Array.isArray(refs)) return undefined;
  let strictest: TlpLevel | undefined;
  for (const ref of refs) {
    const level = typeof ref === 'string' ? tlpLevelOfMarkingRef(ref) : undefined;
    if (level) strictest = strictest ? stricterTlp(strictest, level) : level;
  }
  return strictest;
}
