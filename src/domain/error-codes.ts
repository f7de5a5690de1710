/**
 * Every code the API answers with, in `extensions.code` (GraphQL) or `error.code` (the
 * attachment routes), each with the one line a client needs. The error classes take an
 * `ErrorCode`, so the compiler refuses a code that is not listed here, and a test keeps the
 * README's table equal to this list.
 */
export const ERROR_CODES = {
  // ---- the caller -------------------------------------------------------------------------
  UNAUTHENTICATED: 'no bearer token, or one that is expired, badly signed or for another audience',
  FORBIDDEN: 'the caller’s roles or part in the record do not allow this',
  NOT_FOUND: 'no such record, or one the caller may not see (the two answers are the same)',
  NOT_EMPLOYEES_MANAGER:
    'the employee does not report to the calling manager (directly or further down): only their managers, HR or an admin schedule them',
  NOT_MANAGER_OF_RECORD: 'a manager schedules with the employee’s manager of record; only HR or an admin name another',

  // ---- versions and state -----------------------------------------------------------------
  VERSION_CONFLICT: 'expectedVersion is older than the record: reload and apply the change again',
  CONCURRENCY_CONFLICT: 'another change to the same record was saved at the same moment: try again',
  ILLEGAL_STATE: 'the record already exists, or the thing was done already',
  LOCKED: 'the record is signed and locked: add an addendum or have HR open a correction',
  EXPORT_RATE_LIMITED:
    'the server has started its most exports by query this minute (EVIDENCE_QUERY_EXPORTS_PER_MINUTE): try again after details.retryAfterSeconds',
  INTERVIEW_EXISTS_IN_CYCLE: 'the employee has an interview in this cycle already: a second needs HR or an admin and a reason',
  NOT_LOCKED: 'addenda are for locked records; this one can still be edited',
  CORRECTION_OPEN: 'a correction is open: edit and sign again; steps do not move',
  CORRECTION_UNCHANGED: 'a correction is open and nothing has changed yet: nothing new to sign',
  TASK_CLOSED: 'the improvement task is done or cancelled already',
  ALERT_ALREADY_ACKNOWLEDGED: 'the stress or overtime alert is acknowledged already: close it with a note when it is handled',
  ALERT_ALREADY_CLOSED: 'the stress or overtime alert is closed: it takes no more notes',
  NOT_READY: 'the Merkle log has not reached this event yet: try again shortly',

  // ---- input shape ------------------------------------------------------------------------
  VALIDATION_FAILED: 'the input has the wrong shape or type',
  REQUIRED: 'a required input is missing or empty',
  INVALID_ID: 'an id is not 1..64 letters, digits, _, ., : or -',
  INVALID_DATE: 'not a real date, or a date-time without a zone (ISO 8601, e.g. 2026-07-01T09:30:00+08:00)',
  INVALID_TIME: 'not a valid time of day (HH:mm)',
  INVALID_TIME_ZONE: 'not an IANA time zone',
  INVALID_CYCLE: 'not a review cycle such as 2026, 2026-H1, 2026-Q3 or 2026-M07',
  INVALID_CURSOR: 'after is not a cursor this API returned',
  INVALID_ROLE: 'not one of the roles the command accepts',
  INVALID_VALUE: 'not one of the values the field accepts',
  INVALID_ENCODING: 'not valid base64 (or percent-encoding) where it must be',
  INVALID_KEY_ID: 'kid is not of the form ed25519:<16 hex digits>',
  INVALID_URL: 'a link is not an http(s) URL (or is too long)',
  INVALID_FILE_NAME: 'the attachment’s file name is missing, not allowed, or not percent-encoded in X-File-Name',
  INVALID_OFFSET: 'a reminder offset is out of range',
  INVALID_RECIPIENT: 'a reminder recipient is not one the policy knows',
  BIDI_CONTROL:
    'a signed text holds a Unicode bidirectional control (U+202A–U+202E, U+2066–U+2069), which would make what people see differ from what they sign',
  VALUE_TOO_LARGE: 'a text, list or document is over its size limit',
  VALUE_OUT_OF_RANGE: 'a number is outside the field’s range',
  DUPLICATE_KEY: 'a key, id or signing key is given twice or registered already',
  DUPLICATE_RULE: 'two reminder rules have the same offset and time',
  TOO_MANY_RULES: 'the reminder policy has more rules than allowed',
  TOO_MANY_KEYS: 'the person has as many signing keys as allowed',
  UNKNOWN_FIELD: 'a setting the reminder policy does not have',

  // ---- templates and flows ----------------------------------------------------------------
  UNKNOWN_TEMPLATE: 'no template (or template version) with this id',
  UNKNOWN_FLOW: 'no flow (or flow version) with this id',
  TEMPLATE_RETIRED: 'the template is retired and schedules no new interviews',
  TEMPLATE_CORE_FIELD_MISSING: 'a published template leaves out a field every record must have',
  FLOW_TEMPLATE_MISMATCH: 'the flow cannot run this template (a section no step writes, or the reverse)',
  FLOW_WITHOUT_SIGNING: 'a published flow has no signing step',
  UNKNOWN_STEP: 'the flow has no such step',

  // ---- content ----------------------------------------------------------------------------
  SECTION_NOT_IN_TEMPLATE: 'the record’s template has no such section',
  FIELD_NOT_IN_TEMPLATE: 'the section has no such field',
  FIELD_NOT_EDITABLE: 'the field is fixed (set by the system or at scheduling)',
  FIELD_NOT_FILLABLE: 'the template gives this field to the other party',
  UNKNOWN_REFERENCE: 'linkedTo (or another reference) names an item that does not exist',
  OWNER_NOT_PARTICIPANT: 'a plan item’s owner does not take part in the interview',
  DEADLINE_IN_PAST: 'a plan or next-period deadline before today in the company zone',
  VAGUE_HIGHLIGHT: 'a highlight has no concrete case or no figure (details.missing)',
  SMART_INCOMPLETE: 'a plan item misses SMART criteria (details.missing)',
  REQUIRED_FIELD_MISSING: 'a required field is empty at submission',
  REQUIRED_SECTION_EMPTY: 'a required section is empty at submission',

  // ---- steps ------------------------------------------------------------------------------
  STEP_ROLE_FORBIDDEN: 'the caller’s role does not act at the current step',
  SECTION_NOT_EDITABLE_AT_STEP: 'the current step does not write this section',
  WRONG_STEP: 'the record is not at the step named (a repeated click cannot skip a step)',
  SIGNING_STEP: 'the signing step completes by signatures, not by submitStep',
  NOT_SIGNING_STEP: 'signatures come at the last step; the record is not there yet',
  NOT_AN_EARLIER_STEP: 'returnStep goes back only',
  SUPPORT_NEED_UNEVALUATED: 'a support need has not been evaluated by the manager yet',
  NEED_NOT_APPROVED: 'only approved (or partly approved) support needs are fulfilled',

  // ---- signatures and keys ----------------------------------------------------------------
  STALE_VERSION: 'the signature is for an older version than the record’s',
  NOT_A_PARTY: 'the signer is not the party the role names',
  UNKNOWN_KEY: 'no signing key with this id for this person',
  KEY_REVOKED: 'the signing key is revoked',
  ALREADY_REVOKED: 'the signing key was revoked already',
  BAD_SIGNATURE: 'the signature does not verify against the message and key',
  ALREADY_SIGNED: 'this party has signed this version already',
  UNKNOWN_WITNESS: 'the cosignature is not by a witness the log accepts (WITNESS_KEYS)',

  // ---- attachments ------------------------------------------------------------------------
  ATTACHMENT_TOO_LARGE: 'the file is over ATTACHMENT_MAX_BYTES (HTTP 413)',
  ATTACHMENT_EMPTY: 'the file has no bytes',
  ATTACHMENT_TYPE_FORBIDDEN: 'the media type is not one attachments may have',
  ATTACHMENT_TYPE_MISMATCH: 'the bytes are not of the declared media type',
  ATTACHMENT_UNKNOWN: 'a file reference names bytes not uploaded to this interview',
  UPLOAD_QUOTA_EXCEEDED: 'the caller has uploaded UPLOAD_QUOTA_FILES files or UPLOAD_QUOTA_BYTES bytes today (UTC) already (HTTP 429)',

  // ---- text analytics (src/analytics: monitored words, theme tables, domain dictionaries) ----
  ANALYTICS_WORD_INVALID:
    'a monitored word, theme term or dictionary word is not a string, is blank or punctuation only, or is over 32 characters',
  ANALYTICS_WORD_DUPLICATE: 'a word is listed twice (after normalisation: 壓力大 and 压力大 are one word), or a theme is defined twice',
  ANALYTICS_WORD_LIST_TOO_LARGE: 'a word list or a theme table is over its limit (2,000 words a list, 200 themes, 200 terms a theme)',

  // ---- HTTP and GraphQL -------------------------------------------------------------------
  PAYLOAD_TOO_LARGE: 'the request body is over the server’s limit (HTTP 413)',
  BAD_REQUEST: 'the HTTP request is malformed (not JSON, no query, or a CSRF-unsafe simple request)',
  METHOD_NOT_ALLOWED: 'the attachment or dashboard route does not take this HTTP method (HTTP 405)',
  GRAPHQL_PARSE_FAILED: 'the query is not valid GraphQL syntax',
  GRAPHQL_VALIDATION_FAILED: 'the query does not fit the schema',
  BAD_USER_INPUT: 'a variable or argument does not fit its GraphQL type',
  OPERATION_RESOLUTION_FAILURE: 'operationName names no operation in the document',
  QUERY_TOO_COMPLEX:
    'the operation is over a limit, checked before it runs (HTTP 400): extensions.limit names it — cost (with cost and budget), aliases, depth, rootFields or tokens (with max)',
  TOO_MANY_SUBSCRIPTIONS:
    'the connection, or the user over all connections, has as many subscriptions open as allowed (extensions.limit: perSocket or perUser, max)',
  PERSISTED_QUERY_NOT_FOUND: 'an automatic persisted query hash the server has not seen: send the query',
  INTERNAL_SERVER_ERROR: 'an unexpected fault; the server logs it and the answer says nothing more',
} as const satisfies Record<string, string>;

/** A code the API may answer with; see ERROR_CODES for what each means. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Every code, in the order above. */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as readonly ErrorCode[];

export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
