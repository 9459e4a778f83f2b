// expect: 2:10: not found
#include "no-such-header.h"
int main(void) { return 0; }
