/* sys/un.h: AF_UNIX addresses (struct sockaddr_un, Linux's: a family and
 * a 108-byte path). */
#ifndef _SYS_UN_H
#define _SYS_UN_H

#include <hako/socket.h>

#endif
