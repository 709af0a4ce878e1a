/** Kafka topics. Names are part of the contract: never rename one, add a new version beside it. */
export enum Topic {
  Pass = 'epass.pass.v1',
  Checkpoint = 'epass.checkpoint.v1',
  /** Changes to user accounts that other services enforce (a user disabled or enabled). */
  User = 'epass.user.v1',
  /** Messages a consumer could never process, with the error in the headers. */
  DeadLetter = 'epass.dead-letter.v1',
}
