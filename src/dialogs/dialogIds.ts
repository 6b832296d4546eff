/** Dialog ids, one per flow. */
export const DialogId = {
  main: 'mainDialog',
  tiers: 'tiersDialog',
  activation: 'activationDialog',
  ids: 'idsDialog',
} as const;
