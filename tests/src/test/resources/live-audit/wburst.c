#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <time.h>
/* wburst N [PER_SECOND]: N getppid system calls, paced when PER_SECOND > 0. */
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  long rate = argc > 2 ? atol(argv[2]) : 0;
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (long i = 0; i < n; i++) {
    syscall(SYS_getppid);
    if (rate > 0 && (i % 100) == 99) {
      for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        double el = (now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9;
        if (el * rate >= i + 1) break;
        usleep(1000);
      }
    }
  }
  return 0;
}
