/*
 * The native bare receiver of the ingest benchmark (ceiling a): reads datagrams on
 * 127.0.0.1 with recvmmsg and discards them. Prints "port P" once bound (to an ephemeral port),
 * then, from the first datagram on, skips WARMUP seconds and counts for SECONDS; prints
 * "received N datagrams in S s" and exits, also when nothing arrives for 5 s (then with what it
 * counted until then).
 * usage: udp_recv WARMUP SECONDS
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

enum { BATCH = 64, MAX_DATAGRAM = 65536 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static char buffers[BATCH][MAX_DATAGRAM];

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: udp_recv WARMUP SECONDS\n");
        return 2;
    }
    double warmup = atof(argv[1]), seconds = atof(argv[2]);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    int rcvbuf = 8 << 20;
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    struct timeval quiet = {.tv_sec = 5};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &quiet, sizeof quiet);
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof at;
    if (bind(s, (struct sockaddr *) &at, sizeof at) != 0 || getsockname(s, (struct sockaddr *) &at, &len) != 0) {
        perror("bind");
        return 1;
    }
    printf("port %d\n", ntohs(at.sin_port));
    fflush(stdout);

    struct mmsghdr headers[BATCH];
    struct iovec parts[BATCH];
    for (int k = 0; k < BATCH; k++) {
        parts[k].iov_base = buffers[k];
        parts[k].iov_len = MAX_DATAGRAM;
        headers[k].msg_hdr = (struct msghdr) {.msg_iov = &parts[k], .msg_iovlen = 1};
    }
    double first = 0, from = 0;
    long received = 0;
    for (;;) {
        int r = recvmmsg(s, headers, BATCH, 0, NULL);
        double t = now();
        if (r <= 0) {
            if (first != 0 && t - first > warmup + seconds + 5) {
                printf("received %ld datagrams in %.3f s\n", received, t < from ? 0.0 : t - from);
                return 0;
            }
            continue;
        }
        if (first == 0) {
            first = t;
            from = first + warmup;
        }
        if (t < from) {
            continue;
        }
        received += r;
        if (t >= from + seconds) {
            printf("received %ld datagrams in %.3f s\n", received, t - from);
            return 0;
        }
    }
}
