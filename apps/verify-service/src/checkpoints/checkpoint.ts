/** A road checkpoint: where officers scan, what region it sits in, which routes it also serves. */
export interface Checkpoint {
  code: string;
  name: string;
  divisionCode: string;
  /** Origin/destination divisions (any level) whose passes this checkpoint also serves. */
  corridorDivisions: string[];
  /** Both or neither: the clone rule measures distances only between located checkpoints. */
  location: { latitude: number; longitude: number } | null;
  createdAt: Date;
}
