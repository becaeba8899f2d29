/*
 * The native sender of the ingest benchmark: replays recorded datagrams (a file of 2-byte
 * big-endian lengths, each followed by that many bytes) to 127.0.0.1:PORT with sendmmsg, in a
 * loop, for SECONDS, as fast as it can. Prints "sent N datagrams in S s".
 * usage: udp_send FILE PORT SECONDS
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

enum { BATCH = 64 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: udp_send FILE PORT SECONDS\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < 2) {
        perror(argv[1]);
        return 1;
    }
    const unsigned char *data = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    size_t size = (size_t) st.st_size, count = 0;
    for (size_t p = 0; p + 2 <= size; p += 2 + ((data[p] << 8) | data[p + 1])) {
        count++;
    }
    size_t *offsets = malloc(count * sizeof *offsets);
    uint16_t *lengths = malloc(count * sizeof *lengths);
    size_t n = 0;
    for (size_t p = 0; p + 2 <= size; p += 2 + lengths[n - 1]) {
        lengths[n] = (uint16_t) ((data[p] << 8) | data[p + 1]);
        offsets[n] = p + 2;
        if (offsets[n] + lengths[n] > size) {
            break; /* a truncated last record: leave it out */
        }
        n++;
    }
    if (n == 0) {
        fprintf(stderr, "%s holds no datagram\n", argv[1]);
        return 1;
    }

    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[2])),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (connect(s, (struct sockaddr *) &to, sizeof to) != 0) {
        perror("connect");
        return 1;
    }
    struct mmsghdr headers[BATCH];
    struct iovec parts[BATCH];
    double start = now(), end = start + atof(argv[3]);
    size_t next = 0;
    long sent = 0;
    while (now() < end) {
        for (int k = 0; k < BATCH; k++) {
            size_t j = (next + k) % n;
            parts[k].iov_base = (void *) (data + offsets[j]);
            parts[k].iov_len = lengths[j];
            memset(&headers[k], 0, sizeof headers[k]);
            headers[k].msg_hdr.msg_iov = &parts[k];
            headers[k].msg_hdr.msg_iovlen = 1;
        }
        int r = sendmmsg(s, headers, BATCH, 0);
        if (r > 0) {
            sent += r;
            next += r;
        } else {
            next++; /* never stay on a datagram the kernel refuses */
        }
    }
    printf("sent %ld datagrams in %.3f s\n", sent, now() - start);
    return 0;
}
