// The 18 STIX Cyber-observable Object (SCO) types of STIX 2.1 (section 6 of the
// specification), their properties and their predefined extensions. The pattern checker
// uses this table to warn about object paths STIX 2.1 does not define; such paths stay
// valid, because patterns may name custom objects and properties.

export interface ScoDefinition {
  /** Type-specific properties (the common ones are in COMMON_SCO_PROPERTIES). */
  properties: readonly string[];
  /** Predefined extensions by name, each with its properties. */
  extensions: Readonly<Record<string, readonly string[]>>;
}

/** Properties every SCO may carry. */
export const COMMON_SCO_PROPERTIES: readonly string[] = [
  'type',
  'id',
  'spec_version',
  'object_marking_refs',
  'granular_markings',
  'defanged',
  'extensions',
];

export const SCO_DEFINITIONS: Readonly<Record<string, ScoDefinition>> = {
  artifact: {
    properties: ['mime_type', 'payload_bin', 'url', 'hashes', 'encryption_algorithm', 'decryption_key'],
    extensions: {},
  },
  'autonomous-system': {
    properties: ['number', 'name', 'rir'],
    extensions: {},
  },
  directory: {
    properties: ['path', 'path_enc', 'ctime', 'mtime', 'atime', 'contains_refs'],
    extensions: {},
  },
  'domain-name': {
    properties: ['value', 'resolves_to_refs'],
    extensions: {},
  },
  'email-addr': {
    properties: ['value', 'display_name', 'belongs_to_ref'],
    extensions: {},
  },
  'email-message': {
    properties: [
      'is_multipart',
      'date',
      'content_type',
      'from_ref',
      'sender_ref',
      'to_refs',
      'cc_refs',
      'bcc_refs',
      'message_id',
      'subject',
      'received_lines',
      'additional_header_fields',
      'body',
      'body_multipart',
      'raw_email_ref',
    ],
    extensions: {},
  },
  file: {
    properties: [
      'hashes',
      'size',
      'name',
      'name_enc',
      'magic_number_hex',
      'mime_type',
      'ctime',
      'mtime',
      'atime',
      'parent_directory_ref',
      'contains_refs',
      'content_ref',
    ],
    extensions: {
      'archive-ext': ['contains_refs', 'comment'],
      'ntfs-ext': ['sid', 'alternate_data_streams'],
      'pdf-ext': ['version', 'is_optimized', 'document_info_dict', 'pdfid0', 'pdfid1'],
      'raster-image-ext': ['image_height', 'image_width', 'bits_per_pixel', 'exif_tags'],
      'windows-pebinary-ext': [
        'pe_type',
        'imphash',
        'machine_hex',
        'number_of_sections',
        'time_date_stamp',
        'pointer_to_symbol_table_hex',
        'number_of_symbols',
        'size_of_optional_header',
        'characteristics_hex',
        'file_header_hashes',
        'optional_header',
        'sections',
      ],
    },
  },
  'ipv4-addr': {
    properties: ['value', 'resolves_to_refs', 'belongs_to_refs'],
    extensions: {},
  },
  'ipv6-addr': {
    properties: ['value', 'resolves_to_refs', 'belongs_to_refs'],
    extensions: {},
  },
  'mac-addr': {
    properties: ['value'],
    extensions: {},
  },
  mutex: {
    properties: ['name'],
    extensions: {},
  },
  'network-traffic': {
    properties: [
      'start',
      'end',
      'is_active',
      'src_ref',
      'dst_ref',
      'src_port',
      'dst_port',
      'protocols',
      'src_byte_count',
      'dst_byte_count',
      'src_packets',
      'dst_packets',
      'ipfix',
      'src_payload_ref',
      'dst_payload_ref',
      'encapsulates_refs',
      'encapsulated_by_ref',
    ],
    extensions: {
      'http-request-ext': [
        'request_method',
        'request_value',
        'request_version',
        'request_header',
        'message_body_length',
        'message_body_data_ref',
      ],
      'icmp-ext': ['icmp_type_hex', 'icmp_code_hex'],
      'socket-ext': [
        'address_family',
        'is_blocking',
        'is_listening',
        'options',
        'socket_type',
        'socket_descriptor',
        'socket_handle',
      ],
      'tcp-ext': ['src_flags_hex', 'dst_flags_hex'],
    },
  },
  process: {
    properties: [
      'is_hidden',
      'pid',
      'created_time',
      'cwd',
      'command_line',
      'environment_variables',
      'opened_connection_refs',
      'creator_user_ref',
      'image_ref',
      'parent_ref',
      'child_refs',
    ],
    extensions: {
      'windows-process-ext': [
        'aslr_enabled',
        'dep_enabled',
        'priority',
        'owner_sid',
        'window_title',
        'startup_info',
        'integrity_level',
      ],
      'windows-service-ext': [
        'service_name',
        'descriptions',
        'display_name',
        'group_name',
        'start_type',
        'service_dll_refs',
        'service_type',
        'service_status',
      ],
    },
  },
  software: {
    properties: ['name', 'cpe', 'swid', 'languages', 'vendor', 'version'],
    extensions: {},
  },
  url: {
    properties: ['value'],
    extensions: {},
  },
  'user-account': {
    properties: [
      'user_id',
      'credential',
      'account_login',
      'account_type',
      'display_name',
      'is_service_account',
      'is_privileged',
      'can_escalate_privs',
      'is_disabled',
      'account_created',
      'account_expires',
      'credential_last_changed',
      'account_first_login',
      'account_last_login',
    ],
    extensions: {
      'unix-account-ext': ['gid', 'groups', 'home_dir', 'shell'],
    },
  },
  'windows-registry-key': {
    properties: ['key', 'values', 'modified_time', 'creator_user_ref', 'number_of_subkeys'],
    extensions: {},
  },
  'x509-certificate': {
    properties: [
      'is_self_signed',
      'hashes',
      'version',
      'serial_number',
      'signature_algorithm',
      'issuer',
      'validity_not_before',
      'validity_not_after',
      'subject',
      'subject_public_key_algorithm',
      'subject_public_key_modulus',
      'subject_public_key_exponent',
      'x509_v3_extensions',
    ],
    extensions: {},
  },
};

/** Set-based view of one SCO type, for fast lookups while checking patterns. */
export interface ScoLookup {
  properties: ReadonlySet<string>;
  extensions: ReadonlyMap<string, ReadonlySet<string>>;
}

const SCO_LOOKUPS: ReadonlyMap<string, ScoLookup> = new Map(
  Object.entries(SCO_DEFINITIONS).map(([type, definition]): [string, ScoLookup] => [
    type,
    {
      properties: new Set([...COMMON_SCO_PROPERTIES, ...definition.properties]),
      extensions: new Map(Object.entries(definition.extensions).map(([name, props]) => [name, new Set(props)])),
    },
  ]),
);

/** The STIX 2.1 definition of an SCO type, or undefined for types STIX 2.1 does not define. */
export function lookupScoType(type: string): ScoLookup | undefined {
  return SCO_LOOKUPS.get(type);
}

/** Names of the 18 SCO types defined by STIX 2.1. */
export const SCO_TYPES: readonly string[] = Object.keys(SCO_DEFINITIONS);
