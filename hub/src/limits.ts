// The hub's limits (docs/hub-protocol.md, "Limits"), with the contract's defaults. Everything is
// configurable so tests can use small numbers and operators can size a hub to its disk.

export interface HubLimits {
  /** Largest bundle, in bytes. */
  maxBundleBytes: number;
  /** Largest body of one PATCH, in bytes. */
  maxChunkBytes: number;
  /** Most bytes per team: stored bundles plus the declared sizes of unfinished uploads. */
  maxTeamBytes: number;
  /** Most unfinished uploads one member may hold at once. */
  maxOpenUploadsPerMember: number;
  /** Requests a minute per token (or per address for requests without a valid token). */
  requestsPerMinute: number;
  /** Joins a minute per address. */
  joinsPerMinute: number;
  /** Largest JSON body, in bytes. */
  maxJsonBytes: number;
  /** Unfinished uploads older than this are dropped, in milliseconds. */
  staleUploadMs: number;
  /** How often the sweep for stale uploads runs, in milliseconds. */
  sweepIntervalMs: number;
  /** A connection that sends and receives nothing for this long is closed, in milliseconds. */
  connectionTimeoutMs: number;
  /**
   * Longest time to receive one whole request (headers and body), in milliseconds. The default
   * lets an 8 MiB chunk arrive at about 28 KB/s.
   */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this long, in milliseconds. */
  keepAliveTimeoutMs: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: HubLimits = {
  maxBundleBytes: 256 * MiB,
  maxChunkBytes: 8 * MiB,
  maxTeamBytes: 20 * 1024 * MiB,
  maxOpenUploadsPerMember: 2,
  requestsPerMinute: 600,
  joinsPerMinute: 10,
  maxJsonBytes: 64 * 1024,
  staleUploadMs: 7 * 24 * 60 * 60 * 1000,
  sweepIntervalMs: 60 * 60 * 1000,
  connectionTimeoutMs: 60 * 1000,
  requestTimeoutMs: 5 * 60 * 1000,
  keepAliveTimeoutMs: 65 * 1000,
};

export function resolveLimits(overrides: Partial<HubLimits> = {}): HubLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new Error(`The hub limit "${name}" must be a positive whole number, not ${value}.`);
    }
  }
  return limits;
}
