/** The one error class of Varv. `code` is stable and machine-readable; `message` is for people. */
export class VarvError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VarvError';
    this.code = code;
  }
}
