/* top: the processes by CPU use, refreshed, as procps top shows them.
 *   top [-b] [-n COUNT] [-d SECONDS]
 * Header: the time, uptime and load averages (/proc/loadavg), the task
 * states, the CPU split (user/system from the tasks' times, idle from
 * /proc/uptime's idle time), memory and swap (/proc/meminfo, MiB). Then one
 * line per process, highest %CPU first (CPU time over the last interval;
 * the first frame measures over half a second).
 * The interval's length is the larger of the uptime that passed and the
 * CPU time accounted in it (the tasks' ticks plus idle time): the kernel
 * charges whole 10 ms ticks to whoever runs at each tick, and each task's
 * times are read at a slightly different moment than the uptime, so the
 * ticks of an interval can exceed its centiseconds. Dividing by what was
 * accounted keeps every percentage, and their sum, within 100% of the one
 * CPU (Linux top divides /proc/stat's ticks by their own sum likewise). Interactive: the screen is
 * redrawn every SECONDS (default 3), as many processes as the terminal has
 * rows for; `q` quits. -b (batch) prints frames one after another without
 * touching the terminal; -n stops after COUNT frames. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "ulib.h"
#include "u_ptable.h"
#include "u_time.h"

#define MAX_TASKS 256

struct sample {
  struct u_task t[MAX_TASKS];
  int n;
  unsigned int up, idle;   /* centiseconds */
};

static struct sample samples[2];
static int order[MAX_TASKS];
static unsigned int cpu[MAX_TASKS];   /* tenths of a percent */
static volatile int woken;

/* "12.34 5.67" → centiseconds of each */
static void read_uptime(unsigned int *up, unsigned int *idle) {
  char text[64], *p;
  *up = *idle = 0;
  if (u_read_text("/proc/uptime", text, sizeof text) <= 0) return;
  *up = (unsigned int)strtoul(text, &p, 10) * 100;
  if (*p == '.') *up += (unsigned int)strtoul(p + 1, &p, 10);
  *idle = (unsigned int)strtoul(p, &p, 10) * 100;
  if (*p == '.') *idle += (unsigned int)strtoul(p + 1, &p, 10);
}

static void take(struct sample *s) {
  s->n = u_read_tasks(s->t, MAX_TASKS);
  if (s->n < 0) {
    fprintf(stderr, "top: cannot read /proc\n");
    exit(1);
  }
  read_uptime(&s->up, &s->idle);
}

static void nap(unsigned int ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (long)(ms % 1000) * 1000000;
  nanosleep(&ts, 0);
}

static void mib(unsigned int kb, char *out) {
  unsigned int tenths = (kb * 10 + 512) / 1024;
  sprintf(out, "%u.%u", tenths / 10, tenths % 10);
}

static void frame(struct sample *old, struct sample *now, int max_rows) {
  char text[1024], load[64], a[16], b[16], c[16], d[16];
  unsigned int elapsed = now->up - old->up, busy_user = 0, busy_sys = 0, total_kb, free_kb, avail_kb, cached_kb;
  unsigned int swap_total, swap_free, idle = now->idle - old->idle;
  int i, k, running = 0, sleeping = 0, stopped = 0, zombie = 0;
  struct u_tm tm;
  unsigned int secs = (unsigned int)time(0), up = now->up / 100;
  for (i = 0; i < now->n; i++) {
    struct u_task *t = &now->t[i];
    unsigned int before = 0;
    for (k = 0; k < old->n; k++) {
      if (old->t[k].pid == t->pid) {
        before = old->t[k].utime + old->t[k].stime;
        busy_user += t->utime - old->t[k].utime;
        busy_sys += t->stime - old->t[k].stime;
        break;
      }
    }
    if (k == old->n) {
      busy_user += t->utime;
      busy_sys += t->stime;
    }
    cpu[i] = t->utime + t->stime - before;   /* ticks, made tenths of a percent below */
    order[i] = i;
    if (t->state == 'R') running++;
    else if (t->state == 'T') stopped++;
    else if (t->state == 'Z') zombie++;
    else sleeping++;
  }
  if (elapsed < busy_user + busy_sys + idle) elapsed = busy_user + busy_sys + idle;
  if (elapsed == 0) elapsed = 1;
  for (i = 0; i < now->n; i++) cpu[i] = cpu[i] * 1000 / elapsed;
  /* highest %CPU first, then by pid */
  for (i = 1; i < now->n; i++) {
    int v = order[i];
    for (k = i; k > 0 && cpu[order[k - 1]] < cpu[v]; k--) order[k] = order[k - 1];
    order[k] = v;
  }
  u_gmtime((long)secs, &tm);
  if (u_read_text("/proc/loadavg", load, sizeof load) <= 0) strcpy(load, "0.00 0.00 0.00 ");
  {
    /* the first three fields, each NUL-ended in place */
    char *f[3], *p = load;
    for (k = 0; k < 3; k++) {
      f[k] = p;
      while (*p && *p != ' ') p++;
      if (*p) *p++ = 0;
    }
    snprintf(a, sizeof a, "%s", f[0]);
    snprintf(b, sizeof b, "%s", f[1]);
    snprintf(c, sizeof c, "%s", f[2]);
  }
  printf("top - %02d:%02d:%02d up ", tm.hour, tm.min, tm.sec);
  if (up >= 86400) printf("%u day%s, ", up / 86400, up / 86400 == 1 ? "" : "s");
  if (up % 86400 >= 3600) printf("%2u:%02u, ", (up % 86400) / 3600, (up % 3600) / 60);
  else printf("%u min, ", (up % 3600) / 60);
  printf(" load average: %s, %s, %s\n", a, b, c);
  printf("Tasks: %3d total, %3d running, %3d sleeping, %3d stopped, %3d zombie\n", now->n, running, sleeping, stopped,
         zombie);
  printf("%%Cpu(s): %3u.%u us, %3u.%u sy,   0.0 ni, %3u.%u id\n", busy_user * 1000 / elapsed / 10,
         busy_user * 1000 / elapsed % 10, busy_sys * 1000 / elapsed / 10, busy_sys * 1000 / elapsed % 10,
         idle * 1000 / elapsed / 10, idle * 1000 / elapsed % 10);
  u_read_text("/proc/meminfo", text, sizeof text);
  total_kb = u_text_number(text, "MemTotal");
  free_kb = u_text_number(text, "MemFree");
  avail_kb = u_text_number(text, "MemAvailable");
  cached_kb = u_text_number(text, "Cached");
  swap_total = u_text_number(text, "SwapTotal");
  swap_free = u_text_number(text, "SwapFree");
  mib(total_kb, a);
  mib(free_kb, b);
  mib(total_kb - free_kb - cached_kb, c);
  mib(cached_kb, d);
  printf("MiB Mem : %8s total, %8s free, %8s used, %8s buff/cache\n", a, b, c, d);
  mib(swap_total, a);
  mib(swap_free, b);
  mib(swap_total - swap_free, c);
  mib(avail_kb, d);
  printf("MiB Swap: %8s total, %8s free, %8s used. %8s avail Mem\n\n", a, b, c, d);
  printf("  PID USER      PR  NI    VIRT    RES    SHR S  %%CPU  %%MEM     TIME+ COMMAND\n");
  for (i = 0; i < now->n && (max_rows <= 0 || i < max_rows); i++) {
    struct u_task *t = &now->t[order[i]];
    const char *user = u_user_name(t->uid);
    unsigned int ticks = t->utime + t->stime, res = t->rss * 4;
    unsigned int mem = total_kb ? res * 1000 / total_kb : 0;
    char who[16];
    if (user) snprintf(who, sizeof who, "%s", user);
    else snprintf(who, sizeof who, "%d", t->uid);
    printf("%5d %-8.8s %3d %3d %7u %6u %6u %c %3u.%u %3u.%u %3u:%02u.%02u %s\n", t->pid, who, t->priority, t->nice,
           t->vsize / 1024, res, 0, t->state, cpu[order[i]] / 10, cpu[order[i]] % 10, mem / 10, mem % 10,
           ticks / 6000, ticks / 100 % 60, ticks % 100, t->name);
  }
}

static void on_alarm(int sig) {
  (void)sig;
  woken = 1;
}

int main(int argc, char **argv) {
  int batch = 0, count = -1, i, cur = 0;
  unsigned int delay_ms = 3000;
  struct termios saved, raw;
  int rows = 0;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-b") == 0) batch = 1;
    else if (strcmp(a, "-n") == 0 && i + 1 < argc) count = atoi(argv[++i]);
    else if (strncmp(a, "-n", 2) == 0 && a[2]) count = atoi(a + 2);
    else if ((strcmp(a, "-d") == 0 && i + 1 < argc) || (strncmp(a, "-d", 2) == 0 && a[2])) {
      const char *v = a[2] ? a + 2 : argv[++i];
      char *end;
      delay_ms = (unsigned int)strtoul(v, &end, 10) * 1000;
      if (*end == '.') delay_ms += (unsigned int)strtoul(end + 1, &end, 10) * 100;   /* one decimal */
      if (*end || delay_ms == 0) {
        fprintf(stderr, "top: bad delay interval '%s'\n", v);
        return 1;
      }
    } else {
      fprintf(stderr, "usage: top [-b] [-n COUNT] [-d SECONDS]\n");
      return 1;
    }
  }
  if (!batch) {
    struct winsize ws;
    if (__sys_ioctl(0, U_TCGETS, (unsigned int)&saved) != 0) batch = 1;   /* not a terminal: as -b */
    else {
      raw = saved;
      raw.c_lflag &= ~(ICANON | ECHO);
      __sys_ioctl(0, U_TCSETS, (unsigned int)&raw);
      if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 8) rows = ws.ws_row - 8;
      else rows = 16;
      signal(SIGALRM, on_alarm);
      siginterrupt(SIGALRM, 1);   /* the key wait ends at each refresh */
    }
  }
  take(&samples[cur]);
  nap(500);
  for (i = 0; count < 0 || i < count; i++) {
    struct sample *old = &samples[cur];
    cur ^= 1;
    take(&samples[cur]);
    if (!batch) printf("\033[H\033[2J");
    frame(old, &samples[cur], batch ? 0 : rows);
    if (batch) printf("\n");
    fflush(stdout);
    if (count >= 0 && i + 1 >= count) break;
    if (batch) {
      nap(delay_ms);
    } else {
      char key = 0;
      woken = 0;
      alarm((delay_ms + 999) / 1000);
      while (!woken && read(0, &key, 1) == 1 && key != 'q') {}
      alarm(0);
      if (key == 'q') break;
    }
  }
  if (!batch) __sys_ioctl(0, U_TCSETS, (unsigned int)&saved);
  return 0;
}
