/* netstat: the kernel's TCP and UDP sockets from /proc/net/tcp and
 * /proc/net/udp, in net-tools' layout.
 *
 *   netstat [-t] [-u] [-a | -l] [-n]
 *
 * -t TCP, -u UDP (both when neither is given); by default connections
 * only (not listening sockets), -l listening sockets only, -a both. -n
 * (numeric) is accepted: addresses are always numbers (no resolver). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *tcp_states[] = {
  "", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
  "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
};

/* "0100007F:1F90" as "127.0.0.1:8080" (the kernel prints the address's
 * bytes as one little-endian word, as Linux) */
static void endpoint(const char *hex, char *out, int is_any_remote) {
  unsigned long a = strtoul(hex, 0, 16);
  unsigned long port = strtoul(hex + 9, 0, 16);
  if (port == 0 && is_any_remote)
    sprintf(out, "%lu.%lu.%lu.%lu:*", a & 255, (a >> 8) & 255, (a >> 16) & 255, a >> 24);
  else
    sprintf(out, "%lu.%lu.%lu.%lu:%lu", a & 255, (a >> 8) & 255, (a >> 16) & 255, a >> 24, port);
}

static void list(const char *path, const char *proto, int want_listen, int want_conn) {
  FILE *f = fopen(path, "r");
  char line[256];
  if (!f) {
    fprintf(stderr, "netstat: %s: cannot open\n", path);
    return;
  }
  fgets(line, sizeof line, f);   /* the header */
  while (fgets(line, sizeof line, f)) {
    char local[32], remote[32], l[24], r[24];
    unsigned int st, txq, rxq;
    int listening;
    char *p = strchr(line, ':');
    if (!p || strlen(p) < 48)
      continue;
    p += 2;   /* "   0: LLLLLLLL:PPPP RRRRRRRR:PPPP ST TXQUEUE:RXQUEUE" */
    memcpy(local, p, 13);
    local[13] = 0;
    memcpy(remote, p + 14, 13);
    remote[13] = 0;
    st = (unsigned int)strtoul(p + 28, &p, 16);
    txq = (unsigned int)strtoul(p + 1, &p, 16);
    rxq = (unsigned int)strtoul(p + 1, 0, 16);
    listening = strcmp(proto, "tcp") == 0 ? st == 10 : strncmp(remote + 9, "0000", 4) == 0;
    if ((listening && !want_listen) || (!listening && !want_conn))
      continue;
    endpoint(local, l, 0);
    endpoint(remote, r, 1);
    printf("%-5s %6u %6u %-23s %-23s %-11s\n", proto, rxq, txq, l, r,
           strcmp(proto, "tcp") == 0 && st < 12 ? tcp_states[st] : "");
  }
  fclose(f);
}

int main(int argc, char **argv) {
  int tcp = 0, udp = 0, all = 0, listening = 0, i, j;
  for (i = 1; i < argc; i++) {
    if (argv[i][0] != '-' || !argv[i][1]) {
      fprintf(stderr, "usage: netstat [-tualn]\n");
      return 2;
    }
    for (j = 1; argv[i][j]; j++) {
      switch (argv[i][j]) {
      case 't': tcp = 1; break;
      case 'u': udp = 1; break;
      case 'a': all = 1; break;
      case 'l': listening = 1; break;
      case 'n': break;
      default:
        fprintf(stderr, "usage: netstat [-tualn]\n");
        return 2;
      }
    }
  }
  if (!tcp && !udp)
    tcp = udp = 1;
  printf("Active Internet connections (%s)\n",
         all ? "servers and established" : listening ? "only servers" : "w/o servers");
  printf("Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n");
  if (tcp)
    list("/proc/net/tcp", "tcp", all || listening, all || !listening);
  if (udp)
    list("/proc/net/udp", "udp", all || listening, all || !listening);
  return 0;
}
