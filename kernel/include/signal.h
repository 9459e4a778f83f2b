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

#define WNOHANG 1
#define WUNTRACED 2

#endif
