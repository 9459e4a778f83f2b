/* file4m: write then read a 4 MiB file on the root file system (ext2),
 * in 64 KiB chunks.
 *
 *   file4m [PATH]   the file (default /tmp/bench-4m); removed at the end
 *
 * Write phase: open (O_CREAT|O_TRUNC), 64 writes of 64 KiB, fsync (so the
 * data is on the disk, not only in the buffer cache), close. Read phase:
 * open, 64 reads of 64 KiB, close. Each timed with bench_tsc(); each chunk
 * carries its number in its first word, checked on the way back (a few
 * instructions per 64 KiB). The kernel's buffer cache (1 MiB) is smaller
 * than the file, so most of the read comes from the disk again. Prints
 * "@result file-4m bytes=B write=W read=R". */
#include <fcntl.h>
#include <unistd.h>
#include "bench.h"

#define CHUNK 65536
#define CHUNKS 64

int fsync(int fd);

static char chunk[CHUNK];

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "/tmp/bench-4m";
  unsigned i, t0, t1, t2, t3;
  int fd;
  const char *keys[3] = { "bytes", "write", "read" };
  unsigned values[3];

  for (i = 0; i < CHUNK; i++) chunk[i] = (char)(i * 7 + (i >> 8));

  bench_mark("write-start");
  t0 = bench_tsc();
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) bench_fail("file4m", "open for writing");
  for (i = 0; i < CHUNKS; i++) {
    *(unsigned *)chunk = i;
    if (write(fd, chunk, CHUNK) != CHUNK) bench_fail("file4m", "write");
  }
  if (fsync(fd) != 0) bench_fail("file4m", "fsync");
  if (close(fd) != 0) bench_fail("file4m", "close after writing");
  t1 = bench_tsc();
  bench_mark("write-end");

  bench_mark("read-start");
  t2 = bench_tsc();
  fd = open(path, O_RDONLY, 0);
  if (fd < 0) bench_fail("file4m", "open for reading");
  for (i = 0; i < CHUNKS; i++) {
    if (read(fd, chunk, CHUNK) != CHUNK) bench_fail("file4m", "read");
    if (*(unsigned *)chunk != i) bench_fail("file4m", "a chunk came back from the wrong place");
  }
  if (read(fd, chunk, 1) != 0) bench_fail("file4m", "the file is longer than written");
  close(fd);
  t3 = bench_tsc();
  bench_mark("read-end");
  if (chunk[CHUNK - 1] != (char)((CHUNK - 1) * 7 + ((CHUNK - 1) >> 8))) bench_fail("file4m", "the data came back changed");
  if (unlink(path) != 0) bench_fail("file4m", "unlink");

  values[0] = CHUNK * CHUNKS;
  values[1] = t1 - t0;
  values[2] = t3 - t2;
  bench_result("file-4m", 3, keys, values);
  return 0;
}
