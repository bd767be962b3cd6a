/** The hosts people see: the proposer first, then co-hosts, each once. */
export function displayHosts(s: {
  proposer: { id: string; name: string } | null;
  hosts: { id: string; name: string }[];
}) {
  const all = [...(s.proposer ? [s.proposer] : []), ...s.hosts];
  return all.filter((h, i) => all.findIndex((x) => x.id === h.id) === i);
}
