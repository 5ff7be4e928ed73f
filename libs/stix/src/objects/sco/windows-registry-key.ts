// Windows Registry Key (spec 6.17).
import { z } from 'zod';
import { defineObservable } from '../define';
import { closedEnum, identifier, nonEmptyList, nonNegativeInteger, referenceTo, timestamp } from '../properties';
import { WINDOWS_REGISTRY_DATATYPE_ENUM } from '../vocabularies';

const registryValue = z.looseObject({
  name: z.string().optional(),
  data: z.string().optional(),
  data_type: closedEnum(WINDOWS_REGISTRY_DATATYPE_ENUM, 'windows-registry-datatype-enum').optional(),
});

// Spec 6.17: the hive MUST be written out in full (HKEY_LOCAL_MACHINE, not HKLM).
const ABBREVIATED_HIVE = /^(HKLM|HKCU|HKCR|HKU|HKCC)(\\|$)/i;

export const windowsRegistryKeySchema = defineObservable(
  'windows-registry-key',
  {
    key: z.string().optional(),
    values: nonEmptyList(registryValue).optional(),
    modified_time: timestamp.optional(),
    creator_user_ref: identifier(referenceTo(['user-account'])).optional(),
    number_of_subkeys: nonNegativeInteger.optional(),
  },
  {},
  {
    rules: (registryKey) => {
      const key = registryKey.string('key');
      const hive = key === undefined ? undefined : ABBREVIATED_HIVE.exec(key);
      if (hive) registryKey.error('key', `must spell out the hive in full (e.g. HKEY_LOCAL_MACHINE instead of ${hive[1]})`);
    },
  },
);

export type WindowsRegistryKey = z.infer<typeof windowsRegistryKeySchema>;
