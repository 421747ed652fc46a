/** Made-up people and messages for demo mode, picked with a seeded generator so every run looks the same. */

/** Customers (name, company, email domain). */
export const DEMO_CUSTOMERS = [
  ['Maya Lindqvist', 'Northwind Traders', 'northwind.example'],
  ['Tomás Herrera', 'Blue Yonder Air', 'blueyonder.example'],
  ['Aiko Tanaka', 'Contoso Dental', 'contoso.example'],
  ['Priya Raman', 'Fabrikam Legal', 'fabrikam.example'],
  ['Jonas Weber', 'Tailspin Toys', 'tailspin.example'],
  ['Grace Okafor', 'Wide World Importers', 'wideworld.example'],
  ['Luca Romano', 'Adventure Works', 'adventure.example'],
  ['Sofia Nowak', 'Litware Labs', 'litware.example'],
] as const

/** Opening lines customers send. */
export const DEMO_MESSAGES = [
  'Hi, my card payment failed twice — can someone help?',
  'Our VPN drops every ten minutes since this morning.',
  'I cannot log in after the password reset.',
  'The printer on floor 3 shows error E-52 again.',
  'Is there an outage? Invoices page is blank.',
  'Can I change the billing email on our account?',
  'Outlook keeps asking for my password.',
  'New starter on Monday needs a laptop and accounts.',
] as const

/** Agents other than "me". */
export const DEMO_AGENTS = [
  { id: 4101, name: 'Sam Ortiz', email: 'sam@support.example' },
  { id: 4102, name: 'Noor Haddad', email: 'noor@support.example' },
] as const

/** The demo agent id that stands for "me" (assign-to-me and assigned-to-me alerts). */
export const DEMO_ME = { id: 4188, name: 'You (demo)', email: 'you@support.example' } as const
