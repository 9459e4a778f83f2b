// The two demo echo servers of /usr/share/demo (issue 12), each serving 20
// clients at once over TCP on lo: echo-epoll (one process, one epoll set)
// and echo-threads (a thread per connection). Twenty nc clients start in
// the background together, each sending its own ~12 KiB (seq from its own
// number, so a mix-up between clients shows), and each client's echo must
// equal what it sent; the server, told to serve 20 (-n 20), must then
// exit 0 — it saw every client come and go.
import { describe, expect, it } from 'vitest';
import { outputOf, runShell } from './shell-session.ts';

const CLIENTS = 20;

async function serveTwenty(server: string, port: number): Promise<string> {
  const commands = [
    `${server} -p ${port} -n ${CLIENTS} < /dev/null & sleep 0.1; S=$!; ` +
    `for i in $(seq ${CLIENTS}); do seq $i 3000 | nc 127.0.0.1 ${port} > /tmp/o$i & done; ` +
    `wait $S; echo server=$?; wait; ` +
    `for i in $(seq ${CLIENTS}); do seq $i 3000 | cmp - /tmp/o$i && echo ok; done | grep -c ok; ls /proc | grep -c -x $S`,
  ];
  const out = await runShell(commands, { ramMiB: 64, budget: 8_000_000_000 });
  return outputOf(out, commands[0]);
}

describe('the demo echo servers', () => {
  it('echo-epoll serves 20 concurrent clients byte-exact in one process', async () => {
    const out = await serveTwenty('echo-epoll', 7007);
    expect(out, out).toMatch(new RegExp(`server=0\\n(.*\\n)*${CLIENTS}\\n0\\n$`));
  });

  it('echo-threads serves 20 concurrent clients byte-exact, a thread each', async () => {
    const out = await serveTwenty('echo-threads', 7008);
    expect(out, out).toMatch(new RegExp(`server=0\\n(.*\\n)*${CLIENTS}\\n0\\n$`));
  });
});
