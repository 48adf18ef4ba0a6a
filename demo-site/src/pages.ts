const euro = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });

const invoices = [
  { number: 'INV-2041', customer: 'Globex GmbH', due: '2026-12-01', amount: 4280, status: 'Open' },
  { number: 'INV-2040', customer: 'Initech Ltd', due: '2026-11-28', amount: 1250.5, status: 'Paid' },
  { number: 'INV-2039', customer: 'Umbrella SA', due: '2026-11-15', amount: 9800, status: 'Overdue' },
  { number: 'INV-2038', customer: 'Hooli BV', due: '2026-11-10', amount: 615, status: 'Paid' },
  { number: 'INV-2037', customer: 'Stark Industries', due: '2026-11-02', amount: 23150, status: 'Paid' },
];

const customers = [
  { name: 'Globex GmbH', contact: 'Hank Scorpio', open: 4280 },
  { name: 'Initech Ltd', contact: 'Bill Lumbergh', open: 0 },
  { name: 'Umbrella SA', contact: 'Alice Abernathy', open: 9800 },
  { name: 'Hooli BV', contact: 'Gavin Belson', open: 0 },
];

const row = (cells: string[]) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;

export const pages: Record<string, { title: string; html: () => string }> = {
  invoices: {
    title: 'Invoices',
    html: () => `
      <header class="page-header"><h1>Invoices</h1><button class="primary" type="button">New invoice</button></header>
      <section class="cards">
        <div class="card"><span>Outstanding</span><strong>${euro.format(14080)}</strong></div>
        <div class="card"><span>Paid this month</span><strong>${euro.format(25015.5)}</strong></div>
        <div class="card"><span>Overdue</span><strong class="warn">${euro.format(9800)}</strong></div>
      </section>
      <table><thead><tr><th>Number</th><th>Customer</th><th>Due</th><th>Amount</th><th>Status</th></tr></thead>
      <tbody>${invoices
        .map((invoice) =>
          row([
            invoice.number,
            invoice.customer,
            invoice.due,
            euro.format(invoice.amount),
            `<span class="status ${invoice.status.toLowerCase()}">${invoice.status}</span>`,
          ]),
        )
        .join('')}</tbody></table>`,
  },
  customers: {
    title: 'Customers',
    html: () => `
      <header class="page-header"><h1>Customers</h1></header>
      <table><thead><tr><th>Name</th><th>Contact</th><th>Open balance</th></tr></thead>
      <tbody>${customers.map((customer) => row([customer.name, customer.contact, euro.format(customer.open)])).join('')}</tbody></table>`,
  },
  reports: {
    title: 'Reports',
    html: () => `
      <header class="page-header"><h1>Reports</h1></header>
      <p class="muted">Revenue by month, aging and tax summaries appear here.</p>`,
  },
};
