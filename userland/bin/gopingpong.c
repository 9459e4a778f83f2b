/* gopingpong: goroutines bat a counter back and forth over unbuffered
 * channels (<goro.h>), then print the round trips and what the G/M/P
 * runtime did for them: goroutine switches, Ms, steals. Each send hands the
 * value straight to the waiting receiver and puts it in the sender's P's
 * runnext, so a pair stays on one P, as in Go. With PAIRS > 1, that many
 * pairs play at once: the pairs queue up in the Ps' local run queues
 * (GODEBUG=schedtrace shows them) and an idle P steals half of another's.
 *   gopingpong [ROUNDS [PAIRS]]   (default 1000 and 1; GOMAXPROCS and GODEBUG apply) */
#include <stdio.h>
#include <stdlib.h>
#include <goro.h>

enum { MAX_PAIRS = 1000 };

struct pair {
  goro_chan *ping, *pong;
  int ball;
};

static struct pair pairs[MAX_PAIRS];
static int rounds, npairs;
static goro_waitgroup wg;

static void player(void *arg) {
  struct pair *p = arg;
  int v;
  while (goro_recv(p->ping, &v)) {
    v++;
    goro_send(p->pong, &v);
  }
  goro_wg_done(&wg);
}

static void server(void *arg) {
  struct pair *p = arg;
  int i, v = 0;
  for (i = 0; i < rounds; i++) {
    v++;
    goro_send(p->ping, &v);
    goro_recv(p->pong, &v);
  }
  p->ball = v;
  goro_close(p->ping);
  goro_wg_done(&wg);
}

static void game(void *unused) {
  int i;
  (void)unused;
  goro_wg_add(&wg, 2 * npairs - 1);
  for (i = 0; i < npairs; i++) {
    pairs[i].ping = goro_chan_make(sizeof(int), 0);
    pairs[i].pong = goro_chan_make(sizeof(int), 0);
    go(player, &pairs[i]);
    if (i > 0)
      go(server, &pairs[i]);
  }
  goro_wg_add(&wg, 1);
  server(&pairs[0]); /* this goroutine serves the first pair itself */
  goro_wg_wait(&wg);
  if (npairs == 1)
    printf("gopingpong: %d round trips, ball at %d\n", rounds, pairs[0].ball);
  else
    printf("gopingpong: %d pairs, %d round trips each, balls at %d ... %d\n", npairs, rounds, pairs[0].ball, pairs[npairs - 1].ball);
}

int main(int argc, char **argv) {
  struct goro_stats st;
  rounds = argc > 1 ? atoi(argv[1]) : 1000;
  npairs = argc > 2 ? atoi(argv[2]) : 1;
  if (rounds < 0 || npairs < 1 || npairs > MAX_PAIRS) {
    fprintf(stderr, "usage: gopingpong [ROUNDS [PAIRS]]   (PAIRS 1-%d)\n", MAX_PAIRS);
    return 2;
  }
  if (goro_main(game, 0, 0) < 0) {
    perror("gopingpong");
    return 1;
  }
  goro_stats(&st);
  printf("gomaxprocs=%d threads=%d goroutines=%d switches=%d steals=%d\n",
         st.gomaxprocs, st.threads, st.goroutines_made, st.switches, st.steals);
  return 0;
}
