/* sync: writes every cached change to the disks (sync(2)). */
#include <unistd.h>

int main(void) {
  sync();
  return 0;
}
