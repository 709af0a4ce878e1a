import { Counter } from 'prom-client';

/** Verification metrics, registered once per process in the default registry that /metrics serves. */
export const verifyMetrics = {
  scans: new Counter({
    name: 'epass_verify_scans_total',
    help: 'Scans recorded, by verdict and reason',
    labelNames: ['verdict', 'reason'] as const,
  }),
  cloneSuspected: new Counter({
    name: 'epass_verify_clone_suspected_total',
    help: 'Accepted scans flagged as a possibly cloned pass, by the rule that fired',
    labelNames: ['rule'] as const,
  }),
};
