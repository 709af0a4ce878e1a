// @ts-check
// What the dashboard asks reporting-service (/v1/reports/…) and the shapes of the answers.

/**
 * @typedef {{ from: string, to: string, passesIssued: number, passesRevoked: number,
 *   crossProvincePasses: number, tonnageDeclared: string, tonnageThroughCheckpoints: string,
 *   scansAccepted: number, scansRejected: number, cloneFlags: number,
 *   rejectedByReason?: Record<string, number>, completeUpTo?: string | null }} Summary
 */
/**
 * @typedef {{ day: string, group: string | null, groupName?: string | null,
 *   passesIssued: number, scansAccepted: number, scansRejected: number, tonnageDeclared: string,
 *   tonnageThroughCheckpoints: string }} DailyRow
 */
/** @typedef {{ from: string, to: string, rows: DailyRow[] }} DailyReport */
/** @typedef {{ code: string, name: string | null }} Region */
/**
 * @typedef {{ rows: { origin: Region, destination: Region, passesIssued: number,
 *   tonnageDeclared: string }[] }} FlowsReport
 */
/**
 * @typedef {{ hours: { hour: number, scansAccepted: number, scansRejected: number,
 *   cloneFlags: number, tonnageThroughCheckpoints: string }[] }} HourlyReport
 */
/**
 * The reports of one period, read together.
 * @typedef {{ summary: Summary, cargo: DailyReport, origin: DailyReport,
 *   destination: DailyReport, flows: FlowsReport, checkpoint: DailyReport }} Reports
 */
/** @typedef {'city' | 'province' | 'county'} Level */

/** @param {import('/shared/common.js').JsonApi} api */
export function createReportsApi(api) {
  return {
    /**
     * The summary and the breakdowns of a period; regions and flows at `level`.
     * @param {{ from: string, to: string, level: Level }} period
     * @returns {Promise<Reports>}
     */
    async reports({ from, to, level }) {
      /** @param {Record<string, string>} extra */
      const query = (extra) => new URLSearchParams({ from, to, ...extra });
      const [summary, cargo, origin, destination, flows, checkpoint] = /**
        @type {[Summary, DailyReport, DailyReport, DailyReport, FlowsReport, DailyReport]} */ (
        await Promise.all([
          api.get(`/v1/reports/summary?${query({})}`),
          api.get(`/v1/reports/daily?${query({ by: 'cargo' })}`),
          api.get(`/v1/reports/daily?${query({ by: 'origin', level })}`),
          api.get(`/v1/reports/daily?${query({ by: 'destination', level })}`),
          api.get(`/v1/reports/flows?${query({ level, limit: '10' })}`),
          api.get(`/v1/reports/daily?${query({ by: 'checkpoint' })}`),
        ])
      );
      return { summary, cargo, origin, destination, flows, checkpoint };
    },

    /**
     * One checkpoint's scans by hour of one day.
     * @param {{ day: string, checkpointCode: string }} choice
     */
    async hourly({ day, checkpointCode }) {
      return /** @type {HourlyReport} */ (
        await api.get(
          `/v1/reports/checkpoint-hourly?${new URLSearchParams({ day, checkpointCode })}`,
        )
      );
    },

    /**
     * The period's rows by `by` as a CSV file, with the name the server gives it.
     * @param {{ from: string, to: string, level: Level, by: string }} choice
     */
    async exportCsv({ from, to, level, by }) {
      const params = new URLSearchParams({ from, to, by });
      if (by === 'origin' || by === 'destination') params.set('level', level);
      const response = /** @type {Response} */ (
        await api.get(`/v1/reports/export.csv?${params}`, { as: 'response' })
      );
      const disposition = response.headers.get('content-disposition') ?? '';
      const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `report-${by}-${from}-${to}.csv`;
      return { name, blob: await response.blob() };
    },
  };
}

/** @typedef {ReturnType<typeof createReportsApi>} ReportsApi */
