// Process (spec 6.13) and its predefined extensions: Windows process and Windows service.
import { z } from 'zod';
import { defineExtension, defineObservable } from '../define';
import {
  anyDictionary,
  closedEnum,
  identifier,
  integer,
  nonEmptyList,
  referenceTo,
  timestamp,
} from '../properties';
import {
  WINDOWS_INTEGRITY_LEVEL_ENUM,
  WINDOWS_SERVICE_START_TYPE_ENUM,
  WINDOWS_SERVICE_STATUS_ENUM,
  WINDOWS_SERVICE_TYPE_ENUM,
} from '../vocabularies';

const processRef = identifier(referenceTo(['process']));

export const windowsProcessExtensionSchema = defineExtension('windows-process-ext', {
  aslr_enabled: z.boolean().optional(),
  dep_enabled: z.boolean().optional(),
  priority: z.string().optional(),
  owner_sid: z.string().optional(),
  window_title: z.string().optional(),
  startup_info: anyDictionary.optional(),
  integrity_level: closedEnum(WINDOWS_INTEGRITY_LEVEL_ENUM, 'windows-integrity-level-enum').optional(),
});

export const windowsServiceExtensionSchema = defineExtension('windows-service-ext', {
  service_name: z.string().optional(),
  descriptions: nonEmptyList(z.string()).optional(),
  display_name: z.string().optional(),
  group_name: z.string().optional(),
  start_type: closedEnum(WINDOWS_SERVICE_START_TYPE_ENUM, 'windows-service-start-type-enum').optional(),
  service_dll_refs: nonEmptyList(identifier(referenceTo(['file']))).optional(),
  service_type: closedEnum(WINDOWS_SERVICE_TYPE_ENUM, 'windows-service-type-enum').optional(),
  service_status: closedEnum(WINDOWS_SERVICE_STATUS_ENUM, 'windows-service-status-enum').optional(),
});

const processProperties = {
  is_hidden: z.boolean().optional(),
  pid: integer.optional(),
  created_time: timestamp.optional(),
  cwd: z.string().optional(),
  command_line: z.string().optional(),
  environment_variables: anyDictionary.optional(),
  opened_connection_refs: nonEmptyList(identifier(referenceTo(['network-traffic']))).optional(),
  creator_user_ref: identifier(referenceTo(['user-account'])).optional(),
  image_ref: identifier(referenceTo(['file'])).optional(),
  parent_ref: processRef.optional(),
  child_refs: nonEmptyList(processRef).optional(),
};

const DESCRIPTIVE_PROPERTIES = [...Object.keys(processProperties), 'extensions'];

export const processSchema = defineObservable(
  'process',
  processProperties,
  {
    'windows-process-ext': windowsProcessExtensionSchema,
    'windows-service-ext': windowsServiceExtensionSchema,
  },
  // A process has no ID-contributing properties, so an empty one would say nothing at all.
  { rules: (process) => process.requireAtLeastOne(DESCRIPTIVE_PROPERTIES) },
);

export type Process = z.infer<typeof processSchema>;
