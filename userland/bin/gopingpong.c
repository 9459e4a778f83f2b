/* gopingpong: two goroutines bat a counter back and forth over unbuffered
 * channels (<goro.h>), then print the round trips and what the G/M/P
 * runtime did for them: goroutine switches, Ms, steals. Each send hands the
 * value straight to the waiting receiver and puts it in the sender's P's
 * runnext, so the pair stays on one P, as in Go.
 *   gopingpong [ROUNDS]   (default 1000; GOMAXPROCS and GODEBUG apply) */
#include <stdio.h>
#include <stdlib.h>
#include <goro.h>

static goro_chan *ping, *pong;
static int rounds;
static goro_waitgroup wg;

static void player(void *unused) {
  int v;
  (void)unused;
  while (goro_recv(ping, &v)) {
    v++;
    goro_send(pong, &v);
  }
  goro_wg_done(&wg);
}

static void game(void *unused) {
  int i, v = 0;
  (void)unused;
  ping = goro_chan_make(sizeof(int), 0);
  pong = goro_chan_make(sizeof(int), 0);
  goro_wg_add(&wg, 1);
  go(player, 0);
  for (i = 0; i < rounds; i++) {
    v++;
    goro_send(ping, &v);
    goro_recv(pong, &v);
  }
  goro_close(ping);
  goro_wg_wait(&wg);
  printf("gopingpong: %d round trips, ball at %d\n", rounds, v);
}

int main(int argc, char **argv) {
  struct goro_stats st;
  rounds = argc > 1 ? atoi(argv[1]) : 1000;
  if (rounds < 0) {
    fprintf(stderr, "usage: gopingpong [ROUNDS]\n");
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
