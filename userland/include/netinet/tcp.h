/* netinet/tcp.h: TCP's socket options (level IPPROTO_TCP / SOL_TCP). */
#ifndef _NETINET_TCP_H
#define _NETINET_TCP_H

#include <hako/in.h>

#endif
