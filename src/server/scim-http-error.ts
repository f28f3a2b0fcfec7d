// The one way a handler refuses a request: an HTTP status, an optional RFC 7644 §3.12 scimType and a detail
// sentence that reaches the Okta admin verbatim (okta-protocol.md §4.1), so it says what to change.

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimHttpError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly headers: Record<string, string>;
  /** Answer in Postman's generic problem shape instead of a SCIM Error (okta-protocol.md §5.4). */
  postmanProblem = false;

  constructor(status: number, detail: string, scimType?: ScimType, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'ScimHttpError';
    this.status = status;
    this.scimType = scimType;
    this.headers = headers;
  }
}

export const badRequest = (scimType: ScimType, detail: string): ScimHttpError => new ScimHttpError(400, detail, scimType);
export const notFound = (detail: string): ScimHttpError => new ScimHttpError(404, detail);
