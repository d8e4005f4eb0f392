/**
 * An error caused by what the user typed or sent. Its message is shown as is (one line, no stack
 * trace) and says what was wrong and what to type instead.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
