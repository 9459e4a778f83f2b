/*
 * signal.h — Linux i386 signal numbers and wait-status helpers (shared ABI).
 */
#ifndef HAKO_SIGNAL_H
#define HAKO_SIGNAL_H

/* The numbers are the shared ABI list, one copy for kernel and libc. */
#include "hako/signal.h"

#define SIG_DFL 0u
#define SIG_IGN 1u

/* wait status words, as Linux encodes them. */
#define W_EXITCODE(code, sig) (((code) & 0xFF) << 8 | ((sig) & 0x7F))
#define W_STOPCODE(sig) (((sig) << 8) | 0x7F)
#define W_CORE 0x80

#define W_CONTINUED 0xFFFF   /* the status of a child resumed by SIGCONT */

/* wait4 options Linux i386 accepts; any other bit is EINVAL. */
#define WNOHANG 1
#define WUNTRACED 2
#define WCONTINUED 8
#define __WNOTHREAD 0x20000000u
#define __WALL 0x40000000u
#define __WCLONE 0x80000000u

#endif
