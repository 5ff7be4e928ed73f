// Email Message (spec 6.6): an email message and its MIME parts.
import { z } from 'zod';
import { defineObservable } from '../define';
import { anyDictionary, contentType, identifier, isRecord, nonEmptyList, referenceTo, timestamp } from '../properties';
import { ALWAYS, RuleContext } from '../rules';

const emailAddressRef = identifier(referenceTo(['email-addr']));

/** One part of a multipart body (spec 6.6.2): the body inline, or a reference to the raw bytes. */
const mimePart = z
  .looseObject({
    body: z.string().optional(),
    body_raw_ref: identifier(referenceTo(['artifact', 'file'])).optional(),
    content_type: contentType.optional(),
    content_disposition: z.string().optional(),
  })
  .superRefine((value, refinement) => {
    if (isRecord(value)) new RuleContext(value, refinement).requireAtLeastOne(['body', 'body_raw_ref']);
  }, ALWAYS);

export const emailMessageSchema = defineObservable(
  'email-message',
  {
    is_multipart: z.boolean(),
    date: timestamp.optional(),
    content_type: contentType.optional(),
    from_ref: emailAddressRef.optional(),
    sender_ref: emailAddressRef.optional(),
    to_refs: nonEmptyList(emailAddressRef).optional(),
    cc_refs: nonEmptyList(emailAddressRef).optional(),
    bcc_refs: nonEmptyList(emailAddressRef).optional(),
    message_id: z.string().optional(),
    subject: z.string().optional(),
    received_lines: nonEmptyList(z.string()).optional(),
    additional_header_fields: anyDictionary.optional(),
    body: z.string().optional(),
    body_multipart: nonEmptyList(mimePart).optional(),
    raw_email_ref: identifier(referenceTo(['artifact'])).optional(),
  },
  {},
  {
    rules: (message) => {
      const multipart = message.boolean('is_multipart');
      if (multipart === true && message.has('body')) message.error('body', 'must not be present when is_multipart is true (use body_multipart)');
      if (multipart === false && message.has('body_multipart')) message.error('body_multipart', 'must not be present when is_multipart is false (use body)');
    },
  },
);

export type EmailMessage = z.infer<typeof emailMessageSchema>;
