// File (spec 6.7) and its predefined extensions: NTFS, raster image, PDF, archive and Windows PE binary.
import { z } from 'zod';
import { defineExtension, defineObservable } from '../define';
import {
  anyDictionary,
  characterSetName,
  hashes,
  hex,
  identifier,
  integer,
  mediaType,
  nonEmptyList,
  nonNegativeInteger,
  openVocab,
  referenceTo,
  referenceToKinds,
  timestamp,
} from '../properties';
import { WINDOWS_PEBINARY_TYPE_OV } from '../vocabularies';

const fileOrDirectoryRef = identifier(referenceTo(['file', 'directory']));

export const ntfsExtensionSchema = defineExtension('ntfs-ext', {
  sid: z.string().optional(),
  alternate_data_streams: nonEmptyList(
    z.looseObject({ name: z.string(), hashes: hashes.optional(), size: nonNegativeInteger.optional() }),
  ).optional(),
});

export const rasterImageExtensionSchema = defineExtension('raster-image-ext', {
  image_height: integer.optional(),
  image_width: integer.optional(),
  bits_per_pixel: integer.optional(),
  exif_tags: anyDictionary.optional(),
});

export const pdfExtensionSchema = defineExtension('pdf-ext', {
  version: z.string().optional(),
  is_optimized: z.boolean().optional(),
  document_info_dict: anyDictionary.optional(),
  pdfid0: z.string().optional(),
  pdfid1: z.string().optional(),
});

export const archiveExtensionSchema = defineExtension('archive-ext', {
  contains_refs: nonEmptyList(fileOrDirectoryRef),
  comment: z.string().optional(),
});

/** Windows PE optional header (spec 6.7.6.2); every property is optional but at least one is needed. */
const peOptionalHeader = defineExtension('optional_header', {
  magic_hex: hex.optional(),
  major_linker_version: integer.optional(),
  minor_linker_version: integer.optional(),
  size_of_code: nonNegativeInteger.optional(),
  size_of_initialized_data: nonNegativeInteger.optional(),
  size_of_uninitialized_data: nonNegativeInteger.optional(),
  address_of_entry_point: integer.optional(),
  base_of_code: integer.optional(),
  base_of_data: integer.optional(),
  image_base: integer.optional(),
  section_alignment: integer.optional(),
  file_alignment: integer.optional(),
  major_os_version: integer.optional(),
  minor_os_version: integer.optional(),
  major_image_version: integer.optional(),
  minor_image_version: integer.optional(),
  major_subsystem_version: integer.optional(),
  minor_subsystem_version: integer.optional(),
  win32_version_value_hex: hex.optional(),
  size_of_image: nonNegativeInteger.optional(),
  size_of_headers: nonNegativeInteger.optional(),
  checksum_hex: hex.optional(),
  subsystem_hex: hex.optional(),
  dll_characteristics_hex: hex.optional(),
  size_of_stack_reserve: nonNegativeInteger.optional(),
  size_of_stack_commit: nonNegativeInteger.optional(),
  size_of_heap_reserve: integer.optional(),
  size_of_heap_commit: integer.optional(),
  loader_flags_hex: hex.optional(),
  number_of_rva_and_sizes: integer.optional(),
  hashes: hashes.optional(),
});

const peSection = z.looseObject({
  name: z.string(),
  size: nonNegativeInteger.optional(),
  entropy: z.number().optional(),
  hashes: hashes.optional(),
});

export const windowsPeBinaryExtensionSchema = defineExtension('windows-pebinary-ext', {
  pe_type: openVocab(WINDOWS_PEBINARY_TYPE_OV),
  imphash: z.string().optional(),
  machine_hex: hex.optional(),
  number_of_sections: nonNegativeInteger.optional(),
  time_date_stamp: timestamp.optional(),
  pointer_to_symbol_table_hex: hex.optional(),
  number_of_symbols: nonNegativeInteger.optional(),
  size_of_optional_header: nonNegativeInteger.optional(),
  characteristics_hex: hex.optional(),
  file_header_hashes: hashes.optional(),
  optional_header: peOptionalHeader.optional(),
  sections: nonEmptyList(peSection).optional(),
});

export const fileSchema = defineObservable(
  'file',
  {
    hashes: hashes.optional(),
    size: nonNegativeInteger.optional(),
    name: z.string().optional(),
    name_enc: characterSetName.optional(),
    magic_number_hex: hex.optional(),
    mime_type: mediaType.optional(),
    ctime: timestamp.optional(),
    mtime: timestamp.optional(),
    atime: timestamp.optional(),
    parent_directory_ref: identifier(referenceTo(['directory'])).optional(),
    contains_refs: nonEmptyList(identifier(referenceToKinds(['sco', 'custom'], 'a cyber-observable object'))).optional(),
    content_ref: identifier(referenceTo(['artifact'])).optional(),
  },
  {
    'ntfs-ext': ntfsExtensionSchema,
    'raster-image-ext': rasterImageExtensionSchema,
    'pdf-ext': pdfExtensionSchema,
    'archive-ext': archiveExtensionSchema,
    'windows-pebinary-ext': windowsPeBinaryExtensionSchema,
  },
  { rules: (file) => file.requireAtLeastOne(['hashes', 'name']) },
);

/** Named StixFile so that it does not shadow the global File type. */
export type StixFile = z.infer<typeof fileSchema>;
