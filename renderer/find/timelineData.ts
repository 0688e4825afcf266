/**
 * The timeline's numbers for the current result set: incidents per week or month stacked by
 * event type, and fatalities per bucket. Computed by the find engine over the same ids the list
 * and the map show; drawn by features/timeline.
 */
export type TimelineUnit = 'week' | 'month';

export interface TimelineBucket {
  /** ISO date the bucket starts on (a Monday for weeks, the 1st for months). */
  start: string;
  /** ISO date of the bucket's last day. */
  end: string;
  /** Incidents starting in the bucket, by event type (`''`: no type given). */
  counts: Record<string, number>;
  /** Sum of the known fatality figures of those incidents. */
  fatalities: number;
}

export interface TimelineData {
  unit: TimelineUnit;
  /** Every bucket from the first to the last incident, empty ones included, oldest first. */
  buckets: TimelineBucket[];
  /** Event types present, in the order the stacks are drawn (most incidents first). */
  eventTypes: string[];
}
