/** Dialog ids, one per flow. */
export const DialogId = {
  main: 'mainDialog',
  knowledge: 'knowledgeDialog',
  tiers: 'tiersDialog',
  activation: 'activationDialog',
  ids: 'idsDialog',
  alreadyAssociated: 'alreadyAssociatedDialog',
  supportPlan: 'supportPlanDialog',
  balance: 'balanceDialog',
  recordIncident: 'recordIncidentDialog',
  lookup: 'lookupDialog',
  escalation: 'escalationDialog',
  cases: 'caseDialog',
  triage: 'triageDialog',
} as const;
