/* net/if.h: network interfaces through ioctl on a socket (struct
 * ifreq, struct ifconf, IFF_*, SIOC*): the kernel's hako/if.h. */
#ifndef _NET_IF_H
#define _NET_IF_H

#include <sys/socket.h>
#include <hako/if.h>

#endif
