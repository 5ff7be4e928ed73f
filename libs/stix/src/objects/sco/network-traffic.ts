// Network Traffic (spec 6.12) and its predefined extensions: HTTP request, ICMP, socket and TCP.
import { z } from 'zod';
import { defineExtension, defineObservable } from '../define';
import { describeValue } from '../issues';
import {
  anyDictionary,
  closedEnum,
  dictionary,
  hex,
  identifier,
  integer,
  nonEmptyList,
  nonNegativeInteger,
  referenceTo,
  timestamp,
} from '../properties';
import { NETWORK_SOCKET_ADDRESS_FAMILY_ENUM, NETWORK_SOCKET_TYPE_ENUM } from '../vocabularies';

const port = integer.min(0).max(65535);
const artifactRef = identifier(referenceTo(['artifact']));
const networkTrafficRef = identifier(referenceTo(['network-traffic']));
const endpointRef = identifier(referenceTo(['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name']));

export const httpRequestExtensionSchema = defineExtension('http-request-ext', {
  request_method: z.string(),
  request_value: z.string(),
  request_version: z.string().optional(),
  request_header: anyDictionary.optional(),
  message_body_length: nonNegativeInteger.optional(),
  message_body_data_ref: artifactRef.optional(),
});

export const icmpExtensionSchema = defineExtension('icmp-ext', {
  icmp_type_hex: hex,
  icmp_code_hex: hex,
});

/** Socket options are named after the constants of the socket API (spec 6.12.4), with integer values. */
const SOCKET_OPTION = /^(?:SO|ICMP|ICMP6|IP|IPV6|MCAST|TCP|IRLMP)_/;

export const socketExtensionSchema = defineExtension(
  'socket-ext',
  {
    address_family: closedEnum(NETWORK_SOCKET_ADDRESS_FAMILY_ENUM, 'network-socket-address-family-enum'),
    is_blocking: z.boolean().optional(),
    is_listening: z.boolean().optional(),
    options: dictionary(integer).optional(),
    socket_type: closedEnum(NETWORK_SOCKET_TYPE_ENUM, 'network-socket-type-enum').optional(),
    socket_descriptor: nonNegativeInteger.optional(),
    socket_handle: integer.optional(),
  },
  (socket) => {
    for (const option of Object.keys(socket.record('options') ?? {})) {
      if (!SOCKET_OPTION.test(option)) {
        socket.error(['options', option], `must be a socket option name starting with SO_, ICMP_, ICMP6_, IP_, IPV6_, MCAST_, TCP_ or IRLMP_ (got ${describeValue(option)})`);
      }
    }
  },
);

export const tcpExtensionSchema = defineExtension('tcp-ext', {
  src_flags_hex: hex.optional(),
  dst_flags_hex: hex.optional(),
});

export const networkTrafficSchema = defineObservable(
  'network-traffic',
  {
    start: timestamp.optional(),
    end: timestamp.optional(),
    is_active: z.boolean().optional(),
    src_ref: endpointRef.optional(),
    dst_ref: endpointRef.optional(),
    src_port: port.optional(),
    dst_port: port.optional(),
    protocols: nonEmptyList(z.string()),
    src_byte_count: nonNegativeInteger.optional(),
    dst_byte_count: nonNegativeInteger.optional(),
    src_packets: nonNegativeInteger.optional(),
    dst_packets: nonNegativeInteger.optional(),
    ipfix: anyDictionary.optional(),
    src_payload_ref: artifactRef.optional(),
    dst_payload_ref: artifactRef.optional(),
    encapsulates_refs: nonEmptyList(networkTrafficRef).optional(),
    encapsulated_by_ref: networkTrafficRef.optional(),
  },
  {
    'http-request-ext': httpRequestExtensionSchema,
    'icmp-ext': icmpExtensionSchema,
    'socket-ext': socketExtensionSchema,
    'tcp-ext': tcpExtensionSchema,
  },
  {
    rules: (traffic) => {
      traffic.requireAtLeastOne(['src_ref', 'dst_ref']);
      traffic.requireOrder('start', 'end');
      if (traffic.boolean('is_active') === true && traffic.has('end')) traffic.error('end', 'must not be present when is_active is true');
      traffic.list('protocols')?.forEach((protocol, index) => {
        if (typeof protocol === 'string' && protocol !== protocol.toLowerCase()) {
          traffic.warning(['protocols', index], `should be a lowercase IANA service name (got ${describeValue(protocol)})`);
        }
      });
    },
  },
);

export type NetworkTraffic = z.infer<typeof networkTrafficSchema>;
