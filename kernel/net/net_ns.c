/*
 * net_ns.c — network namespaces (net_ns.h has the model): the initial
 * one, making a new one with its own loopback, and letting it go.
 *
 * Invariant: a namespace's loopback is on netdev_list from its creation
 * to its release, and no received packet for it outlives the release
 * (netrx_forget drops the queued ones; knetd holds a reference while it
 * handles one).
 */
#include "inet.h"
#include "lib.h"
#include "mm.h"
#include "net_ns.h"
#include "proc.h"

/* Its loopback is set by loopback_init at boot; the card joins it when its driver registers. */
struct net init_net = { { 1, PROC_NET_INIT_INO, NS_NET, NULL }, NULL, 0, 1 };

struct net *net_of(struct proc *p) {
  return p && p->nsproxy && p->nsproxy->net_ns ? p->nsproxy->net_ns : &init_net;
}

struct net *current_net(void) {
  return net_of(current);
}

struct net *net_ns_create(void) {
  struct net *net = (struct net *)kmalloc(sizeof *net);
  if (net == NULL) return NULL;
  memset(net, 0, sizeof *net);
  net->next_ifindex = 1;
  net->loopback = loopback_create(net);
  if (net->loopback == NULL) {
    kfree(net);
    return NULL;
  }
  ns_register(&net->ns, NS_NET);
  return net;
}

void net_ns_release(struct net *net) {
  if (net->loopback) {
    netdev_unregister(net->loopback);
    netrx_forget(net->loopback);
    kfree(net->loopback);
    net->loopback = NULL;
  }
}

void net_ns_dropped(struct net *net) {
  if (net != &init_net) tcp_end_timewait_if_alone(net, net->ns.refcount);
}

void net_get(struct net *net) {
  ns_get(&net->ns);
}

void net_put(struct net *net) {
  ns_put(&net->ns);
}
