// X.509 Certificate (spec 6.18) with its v3 extensions.
import { z } from 'zod';
import { defineExtension, defineObservable } from '../define';
import { hashes, integer, timestamp } from '../properties';

const x509V3Extensions = defineExtension('x509_v3_extensions', {
  basic_constraints: z.string().optional(),
  name_constraints: z.string().optional(),
  policy_constraints: z.string().optional(),
  key_usage: z.string().optional(),
  extended_key_usage: z.string().optional(),
  subject_key_identifier: z.string().optional(),
  authority_key_identifier: z.string().optional(),
  subject_alternative_name: z.string().optional(),
  issuer_alternative_name: z.string().optional(),
  subject_directory_attributes: z.string().optional(),
  crl_distribution_points: z.string().optional(),
  inhibit_any_policy: z.string().optional(),
  private_key_usage_period_not_before: timestamp.optional(),
  private_key_usage_period_not_after: timestamp.optional(),
  certificate_policies: z.string().optional(),
  policy_mappings: z.string().optional(),
});

const certificateProperties = {
  is_self_signed: z.boolean().optional(),
  hashes: hashes.optional(),
  version: z.string().optional(),
  serial_number: z.string().optional(),
  signature_algorithm: z.string().optional(),
  issuer: z.string().optional(),
  validity_not_before: timestamp.optional(),
  validity_not_after: timestamp.optional(),
  subject: z.string().optional(),
  subject_public_key_algorithm: z.string().optional(),
  subject_public_key_modulus: z.string().optional(),
  subject_public_key_exponent: integer.optional(),
  x509_v3_extensions: x509V3Extensions.optional(),
};

export const x509CertificateSchema = defineObservable('x509-certificate', certificateProperties, {}, {
  // Spec 6.18: an X.509 certificate MUST contain at least one object-specific property.
  rules: (certificate) => certificate.requireAtLeastOne(Object.keys(certificateProperties)),
});

export type X509Certificate = z.infer<typeof x509CertificateSchema>;
