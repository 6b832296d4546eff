/**
 * The portals the bot sends people to, from the partner benefits page (../shared/seed/). Kept in
 * one place so a changed address is changed once.
 */
export const LINKS = {
  /** Partner Center: technical benefits (activation, the IDs). F9, F12 */
  technicalBenefits: 'https://partner.microsoft.com/dashboard/mpn/membership/benefits/technical',
  /** Support for Business: create an on-premises request; shows the remaining incidents. F15, F16 */
  supportForBusiness: 'https://support.serviceshub.microsoft.com/supportforbusiness/create',
  /** How to see the remaining partner support incidents. F16 */
  remainingIncidents:
    'https://support.microsoft.com/topic/how-many-partner-support-incidents-are-remaining-e8220db5-14f6-93db-4b4a-35766e11b3c3',
  /** Azure portal, Help + support (Support plans, "Link support benefits"). F22 */
  azureHelpAndSupport: 'https://portal.azure.com/#blade/Microsoft_Azure_Support/HelpAndSupportBlade',
  /** Partner Center customer list, where Admin agents start CSP requests. F19 */
  partnerCenterCustomers: 'https://partner.microsoft.com/commerce/customers/list',
  /** Compare the paid partner support plans. F23 */
  comparePlans: 'https://partner.microsoft.com/support/partnersupport',
  /** Advanced Support for Partners (cloud only). F23 */
  advancedSupport: 'https://partner.microsoft.com/support/advanced-cloud-support',
  /** Premier Support for Partners (top tier). F23 */
  premierSupport: 'https://partner.microsoft.com/support/microsoft-services-premier-support',
} as const;
