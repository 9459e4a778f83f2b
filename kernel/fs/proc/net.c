/*
 * net.c — /proc/net's IPv4 files: tcp, udp, arp, dev and route in
 * Linux's formats (the protocols in kernel/net write each line), and
 * snmp, a subset of Linux's counters under Linux's names (and TcpExt's
 * TCPOFOQueue, which Linux keeps in /proc/net/netstat).
 */
#include "inet.h"
#include "internal.h"
#include "lib.h"
#include "net_ns.h"

void procfs_net_generate(int kind, struct out *o) {
  char line[200];
  int i;
  int (*fn)(int, char *, u32) = NULL;
  struct inet_stats *s = &current_net()->stats;   /* the reader's namespace's */
  switch (kind) {
  case PROC_NET_TCP: fn = tcp_proc_line; break;
  case PROC_NET_UDP: fn = udp_proc_line; break;
  case PROC_NET_ARP: fn = arp_proc_line; break;
  case PROC_NET_DEV: fn = net_dev_proc_line; break;
  case PROC_NET_ROUTE: fn = route_proc_line; break;
  }
  if (fn) {
    for (i = 0; fn(i, line, sizeof line) >= 0; i++) outf(o, "%s", line);
    return;
  }
  outf(o, "Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors InUnknownProtos InDelivers OutRequests OutNoRoutes ReasmFails FragFails\n");
  outf(o, "Ip: 2 64 %u %u %u %u %u %u %u %u %u\n", s->ip_in_receives, s->ip_in_hdr_errors, s->ip_in_addr_errors,
       s->ip_in_unknown_protos, s->ip_in_delivers, s->ip_out_requests, s->ip_out_no_routes, s->ip_reasm_fails,
       s->ip_frag_fails);
  outf(o, "Icmp: InMsgs InDestUnreachs InEchos InEchoReps OutMsgs OutDestUnreachs OutEchoReps\n");
  outf(o, "Icmp: %u %u %u %u %u %u %u\n", s->icmp_in_msgs, s->icmp_in_dest_unreachs, s->icmp_in_echos,
       s->icmp_in_echo_reps, s->icmp_out_msgs, s->icmp_out_dest_unreachs, s->icmp_out_echo_reps);
  outf(o, "Tcp: ActiveOpens PassiveOpens AttemptFails EstabResets InSegs OutSegs RetransSegs InErrs OutRsts\n");
  outf(o, "Tcp: %u %u %u %u %u %u %u %u %u\n", s->tcp_active_opens, s->tcp_passive_opens, s->tcp_attempt_fails,
       s->tcp_estab_resets, s->tcp_in_segs, s->tcp_out_segs, s->tcp_retrans_segs, s->tcp_in_errs, s->tcp_out_rsts);
  outf(o, "TcpExt: TCPOFOQueue\n");
  outf(o, "TcpExt: %u\n", s->tcp_ofo_queue);
  outf(o, "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors\n");
  outf(o, "Udp: %u %u %u %u %u\n", s->udp_in_datagrams, s->udp_no_ports, s->udp_in_errors, s->udp_out_datagrams,
       s->udp_rcvbuf_errors);
}
