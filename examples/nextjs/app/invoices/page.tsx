const invoices = [
  { number: 'INV-1001', customer: 'Acme BV', total: '€ 1,200.00' },
  { number: 'INV-1002', customer: 'Contoso Ltd', total: '€ 480.00' },
];

/** Rendered on the server on each request, as most of a Next.js app is. */
export default function Invoices() {
  return (
    <>
      <h1>Invoices</h1>
      <ul>
        {invoices.map((invoice) => (
          <li key={invoice.number}>
            {invoice.number}: {invoice.customer}, {invoice.total}
          </li>
        ))}
      </ul>
      <p>Rendered at {new Date().toISOString()}</p>
    </>
  );
}
