/** Why a training request was refused; the HTTP layer maps `kind` to a status and error code. */
export class TrainingError extends Error {
  override name = 'TrainingError';
  constructor(
    readonly kind: 'validation' | 'not_found' | 'in_progress' | 'nothing_to_roll_back',
    message: string,
  ) {
    super(message);
  }
}
