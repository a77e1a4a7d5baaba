/**
 * The service's undocumented behaviours: how soon a new job is listed, how the list `name` filter
 * matches, fields the service fills in, how unknown jobs and started jobs are answered. The pages
 * do not say, and the real service may answer either way, so the emulator can be each of them and
 * the provider is tested against all. Each is off by default.
 *
 * They are rules of the modelled service, which the backend applies, unlike the faults of
 * `faults.ts` (error answers, latency, lost answers), which the HTTP layer applies before the
 * service sees a request. They are switched on the same way, as part of one `FaultOptions`
 * (`--faults`, `CI_EMULATOR_FAULTS`, `setFaults`), so a test sets both with one call.
 */
/** How the list `name` filter may match: the whole name, its start, or any part of it. */
export const NAME_MATCHES = ["exact", "prefix", "substring"] as const;

/** A mode of {@link NAME_MATCHES}. */
export type NameMatch = (typeof NAME_MATCHES)[number];

/** Which cancels are refused: of finished jobs only, or of every job that has started. */
export const REFUSE_CANCELS = ["finished", "started"] as const;

/** A mode of {@link REFUSE_CANCELS}. */
export type RefuseCancel = (typeof REFUSE_CANCELS)[number];

/** The service behaviours, all off by default; part of every `FaultOptions`. */
export interface ServiceBehaviours {
  /**
   * A new job shows in listings only this many ms after its creation, on the emulator's clock;
   * a query by id sees it at once. Read-after-write of listings is undocumented. Default 0.
   */
  listingLagMs?: number;
  /** How the list `name` filter matches job names (undocumented); default `exact`. */
  nameMatch?: NameMatch;
  /**
   * The service reports fields the trigger left out: a `Type=Job` job gets `Operation/JobLevel` 0
   * and an empty `Operation/UserData`, in trigger, query and list answers alike. Default off.
   */
  filledFields?: boolean;
  /**
   * A query or cancel of an unknown job id answers HTTP 404 `NoSuchJob`, instead of a 200 naming it
   * in `NonExistJobIds` (query) or 400 `InvalidArgument` (cancel). Default off.
   */
  unknownJob404?: boolean;
  /**
   * `finished` (default): cancelling a `Success` or `Failed` job is refused and cancelling a `Cancel`
   * job again succeeds. `started`: a `Running` or `Pause` job is refused too, and keeps running, as
   * the sibling media-job cancel page says only jobs not yet started can be canceled.
   */
  refuseCancel?: RefuseCancel;
}

/** The behaviours that are on/off flags (`1`/`true`/`0`/`false` in a spec). */
export const BEHAVIOUR_FLAGS = ["filledFields", "unknownJob404"] as const;

/** A key of {@link BEHAVIOUR_FLAGS}. */
export type BehaviourFlag = (typeof BEHAVIOUR_FLAGS)[number];
