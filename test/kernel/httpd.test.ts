// httpd and fetch (issue 12) over the loopback: httpd serves /var/www (the
// image's index.html, byte for byte, as text/html with its length), a .txt
// as text/plain, 404 for a missing file and 403 for a path climbing out of
// the directory; fetch prints the body (-i the head too) and its exit
// status tells 2xx from the rest; the demo servers' shared options refuse
// a bad port, an unknown option or an extra operand.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.ts';
import { outputOf, runShell } from './shell-session.ts';

describe('httpd and fetch over lo', () => {
  it('serve files with their type and length, 404 and 403, and fetch prints bodies and heads', async () => {
    const index = readFileSync(join(ROOT, 'userland/root/var/www/index.html'), 'latin1');
    const commands = [
      'echo plain words > /var/www/notes.txt; httpd -p 8080 -n 4 < /dev/null 2> /tmp/log & sleep 0.1',
      'fetch http://127.0.0.1:8080/; echo rc=$?',
      'fetch -i http://localhost:8080/notes.txt; echo rc=$?',
      'fetch http://127.0.0.1:8080/missing.html; echo rc=$?',
      'fetch http://127.0.0.1:8080/../etc/passwd; echo rc=$?; wait; cat /tmp/log',
      'fetch http://127.0.0.1:8081/; echo rc=$?; fetch ftp://x/; echo rc=$?',
    ];
    const out = await runShell(commands, { ramMiB: 32, budget: 3_000_000_000 });
    expect(outputOf(out, commands[1])).toBe(`${index}rc=0\n`);
    expect(outputOf(out, commands[2]).replace(/\r/g, '')).toBe(
      'HTTP/1.0 200 OK\nServer: hako-httpd\nContent-Type: text/plain\nContent-Length: 12\n\nplain words\nrc=0\n');
    expect(outputOf(out, commands[3])).toBe('404 Not Found\nfetch: HTTP/1.0 404 Not Found\nrc=1\n');
    expect(outputOf(out, commands[4])).toMatch(new RegExp(
      '^403 Forbidden\\nfetch: HTTP/1\\.0 403 Forbidden\\nrc=1\\n(\\[1\\]\\+? +Done.*\\n)?' +
      'httpd: GET /\\nhttpd: GET /notes\\.txt\\nhttpd: GET /missing\\.html\\nhttpd: GET /\\.\\./etc/passwd\\n$'));
    expect(outputOf(out, commands[5])).toBe(
      'fetch: 127.0.0.1 port 8081: Connection refused\nrc=3\nusage: fetch [-i] http://HOST[:PORT][/PATH]\nrc=2\n');
  });

  it('the page carries its Content-Length: the head says exactly the body\'s size', async () => {
    const index = readFileSync(join(ROOT, 'userland/root/var/www/index.html'));
    const commands = ['httpd -p 80 -n 1 < /dev/null 2> /dev/null & sleep 0.1; fetch -i http://127.0.0.1/ | head -4; wait'];
    const out = await runShell(commands, { ramMiB: 32, budget: 2_000_000_000 });
    expect(outputOf(out, commands[0]).replace(/\r/g, '')).toMatch(new RegExp(
      `^\\[1\\] \\d+\\nHTTP/1\\.0 200 OK\\nServer: hako-httpd\\nContent-Type: text/html\\nContent-Length: ${index.length}\\n`));
  });

  it('the demo servers share their options: a bad port, an unknown option or an extra operand is the usage and status 2', async () => {
    const commands = [
      'httpd -p 0; echo rc=$?; echo-epoll -p 99999; echo rc=$?; echo-threads -p x; echo rc=$?',
      'echo-epoll -x; echo rc=$?; echo-threads extra; echo rc=$?; httpd /a /b; echo rc=$?',
    ];
    const out = await runShell(commands, { ramMiB: 32, budget: 1_000_000_000 });
    expect(outputOf(out, commands[0])).toBe(
      'httpd: 0: bad port\nrc=2\necho-epoll: 99999: bad port\nrc=2\necho-threads: x: bad port\nrc=2\n');
    expect(outputOf(out, commands[1])).toBe(
      "echo-epoll: invalid option -- 'x'\nusage: echo-epoll [-p PORT] [-n COUNT]\nrc=2\n" +
      'usage: echo-threads [-p PORT] [-n COUNT]\nrc=2\nusage: httpd [-p PORT] [-n COUNT] [DIR]\nrc=2\n');
  });
});
