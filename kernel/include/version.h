/*
 * version.h — what the kernel says it is: uname(2) and /proc/version read
 * these, so they cannot disagree.
 */
#ifndef HAKO_VERSION_H
#define HAKO_VERSION_H

#define UTS_SYSNAME "Hako"
#define UTS_RELEASE "0.1.0"
#define UTS_VERSION "#1"
#define UTS_MACHINE "hako32"
/* The toolchain that builds the kernel (toolchain/: cc, as, ld). */
#define HAKO_COMPILER "hako cc (toolchain/cc), hako as, hako ld"

#endif
