/*
 * null-responder: a Diameter server that does no work, the ceiling for the HSS in ops/bench/cx-null-benchmark.sh.
 * One thread, epoll. It answers CER with CEA (Cx, Sh, S6a and SWx), DWR with DWA, DPR with DPA (then closes), and
 * every other request with a minimal success answer: same command code, application, Hop-by-Hop and End-to-End
 * Identifiers (RFC 6733 6.2), its Session-Id copied, Vendor-Specific-Application-Id, Result-Code 2001 (for UAR
 * Experimental-Result 2001 DIAMETER_FIRST_REGISTRATION, vendor 10415, as an HSS answers a user's first
 * registration, TS 29.229 6.2.1.1), Auth-Session-State NO_STATE_MAINTAINED, Origin-Host and Origin-Realm.
 * A request is parsed only as far as its header and its top-level AVPs (for the Session-Id); ill-framed input
 * (RFC 6733 3: version, length) or an AVP that does not fit closes the connection. All answers produced from one
 * read go out in one write. Memory per connection is bounded: a 128 KiB input buffer and a 256 KiB output
 * buffer; when the output is full the connection is not read until it drains.
 *
 *   null-responder [--host 127.0.0.1] [--port 3868] [--origin-host null.ims.example.org]
 *                  [--origin-realm ims.example.org]
 *
 * Build: cc -O2 -Wall -Wextra -o null-responder null-responder.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "diameter.h"

#define RBUF (2 * DIAM_MAX_MSG)
#define WBUF (4 * DIAM_MAX_MSG)
/* An answer is at most its request's Session-Id plus this much (CEA is the largest). */
#define ANSWER_OVERHEAD 512u
#define MAX_EVENTS 64

struct conn {
  int fd;
  int closing; /* DPA queued: close once written */
  int held;    /* complete requests wait in rbuf for output room */
  uint32_t events;
  size_t rlen, woff, wlen;
  uint8_t ipv6;
  uint8_t local[16];
  uint8_t rbuf[RBUF];
  uint8_t wbuf[WBUF];
};

static const char *origin_host = "null.ims.example.org";
static const char *origin_realm = "ims.example.org";
static volatile sig_atomic_t stop;

static void on_signal(int sig) {
  (void)sig;
  stop = 1;
}

static void answer_header(struct wr *w, const uint8_t *req, size_t *start) {
  /* R cleared; P as in the request; E clear; identifiers copied (RFC 6733 3, 6.2) */
  *start = wr_header(w, req[4] & DIAM_FLAG_P, get24(req + 5), get32(req + 8), get32(req + 12), get32(req + 16));
}

static void base_answer(struct conn *c, struct wr *w, const uint8_t *req) {
  size_t start;
  answer_header(w, req, &start);
  wr_u32(w, AVP_RESULT_CODE, 0, DIAMETER_SUCCESS);
  wr_str(w, AVP_ORIGIN_HOST, 0, origin_host);
  wr_str(w, AVP_ORIGIN_REALM, 0, origin_realm);
  if (get24(req + 5) == CMD_CER) {
    /* CEA (RFC 6733 5.3.2): Host-IP-Address, Vendor-Id, Product-Name, the applications we advertise */
    wr_address(w, AVP_HOST_IP_ADDRESS, c->ipv6, c->local);
    wr_u32(w, AVP_VENDOR_ID, 0, 0);
    wr_avp_plain(w, AVP_PRODUCT_NAME, "null-responder", 14);
    wr_u32(w, AVP_SUPPORTED_VENDOR_ID, 0, VENDOR_3GPP);
    wr_vsai(w, VENDOR_3GPP, APP_CX);
    wr_vsai(w, VENDOR_3GPP, APP_SH);
    wr_vsai(w, VENDOR_3GPP, APP_S6A);
    wr_vsai(w, VENDOR_3GPP, APP_SWX);
  }
  wr_end(w, start);
}

/* Answer to an application request; the caller checked the room for it. Returns -1 on a malformed AVP. */
static int app_answer(struct wr *w, const uint8_t *req, size_t len) {
  struct avp sid;
  int found = avp_find(req, DIAM_HEADER, len, AVP_SESSION_ID, 0, &sid);
  if (found < 0)
    return -1;
  size_t start;
  answer_header(w, req, &start);
  /* Cx/Sh/S6a answer ABNF order (TS 29.229 6.1, TS 29.329 6.1, TS 29.272 7.2): Session-Id,
   * Vendor-Specific-Application-Id, Result-Code or Experimental-Result, Auth-Session-State, Origin-Host,
   * Origin-Realm */
  if (found)
    wr_avp(w, AVP_SESSION_ID, 0, sid.data, sid.len);
  wr_vsai(w, VENDOR_3GPP, get32(req + 8));
  if (get24(req + 5) == CMD_UAR) {
    size_t g = wr_group_begin(w, AVP_EXPERIMENTAL_RESULT, 0);
    wr_u32(w, AVP_VENDOR_ID, 0, VENDOR_3GPP);
    wr_u32(w, AVP_EXPERIMENTAL_RESULT_CODE, 0, DIAMETER_SUCCESS);
    wr_group_end(w, g);
  } else {
    wr_u32(w, AVP_RESULT_CODE, 0, DIAMETER_SUCCESS);
  }
  wr_u32(w, AVP_AUTH_SESSION_STATE, 0, AUTH_SESSION_NO_STATE_MAINTAINED);
  wr_str(w, AVP_ORIGIN_HOST, 0, origin_host);
  wr_str(w, AVP_ORIGIN_REALM, 0, origin_realm);
  wr_end(w, start);
  return 0;
}

/*
 * Answers the complete requests in rbuf while the output has room for the largest answer one can need.
 * Consumed input is moved to the front. Returns -1 if the input is ill-framed.
 */
static int process(struct conn *c) {
  size_t pos = 0;
  struct wr w = {c->wbuf, c->wlen, WBUF, 0};
  c->held = 0;
  while (!c->closing) {
    long len = diam_frame_length(c->rbuf + pos, c->rlen - pos);
    if (len < 0)
      return -1;
    if (len == 0 || (size_t)len > c->rlen - pos)
      break;
    if (WBUF - w.len < (size_t)len + ANSWER_OVERHEAD) {
      c->held = 1; /* output full: keep the request until it drains */
      break;
    }
    const uint8_t *m = c->rbuf + pos;
    if (m[4] & DIAM_FLAG_R) {
      uint32_t cmd = get24(m + 5);
      if (cmd == CMD_CER || cmd == CMD_DWR || cmd == CMD_DPR) {
        base_answer(c, &w, m);
        if (cmd == CMD_DPR)
          c->closing = 1; /* RFC 6733 5.4: the sender of DPR closes; we close once DPA is out */
      } else if (app_answer(&w, m, (size_t)len) < 0) {
        return -1;
      }
    } /* answers: we send no requests, ignore */
    pos += (size_t)len;
  }
  if (w.overflow)
    return -1; /* cannot happen with the room check above; refuse rather than send a torn answer */
  c->wlen = w.len;
  if (pos) {
    memmove(c->rbuf, c->rbuf + pos, c->rlen - pos);
    c->rlen -= pos;
  }
  return 0;
}

/* One write of everything pending. Returns -1 on a fatal error. */
static int flush(struct conn *c) {
  while (c->woff < c->wlen) {
    ssize_t n = write(c->fd, c->wbuf + c->woff, c->wlen - c->woff);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        return 0;
      return -1;
    }
    c->woff += (size_t)n;
    break; /* one write per readiness event; the rest waits for EPOLLOUT */
  }
  if (c->woff == c->wlen) {
    c->woff = c->wlen = 0;
  } else if (c->woff > WBUF / 2) {
    memmove(c->wbuf, c->wbuf + c->woff, c->wlen - c->woff);
    c->wlen -= c->woff;
    c->woff = 0;
  }
  return 0;
}

static void close_conn(int ep, struct conn *c) {
  epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  free(c);
}

/* Read while there is room in rbuf and the output can take answers; write while answers wait. */
static void set_interest(int ep, struct conn *c) {
  uint32_t ev = 0;
  if (!c->closing && c->rlen < RBUF && WBUF - c->wlen >= DIAM_MAX_MSG + ANSWER_OVERHEAD)
    ev |= EPOLLIN;
  if (c->wlen > c->woff || c->held)
    ev |= EPOLLOUT; /* held requests are answered on the next writable event */
  if (ev != c->events) {
    struct epoll_event e = {.events = ev, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
    c->events = ev;
  }
}

static void on_event(int ep, struct conn *c, uint32_t ev) {
  if ((ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) && c->rlen < RBUF) {
    ssize_t n;
    do
      n = read(c->fd, c->rbuf + c->rlen, RBUF - c->rlen);
    while (n < 0 && errno == EINTR);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
      close_conn(ep, c);
      return;
    }
    if (n > 0)
      c->rlen += (size_t)n;
  }
  if (process(c) < 0 || flush(c) < 0) {
    close_conn(ep, c);
    return;
  }
  if (c->closing && c->wlen == 0) {
    close_conn(ep, c);
    return;
  }
  set_interest(ep, c);
}

static void accept_all(int ep, int lfd) {
  for (;;) {
    struct sockaddr_storage local;
    memset(&local, 0, sizeof local);
    socklen_t sl = sizeof local;
    int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
      return;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct conn *c = malloc(sizeof *c);
    if (!c) {
      close(fd);
      continue;
    }
    memset(c, 0, offsetof(struct conn, rbuf));
    c->fd = fd;
    if (getsockname(fd, (struct sockaddr *)&local, &sl) == 0 && local.ss_family == AF_INET6) {
      c->ipv6 = 1;
      memcpy(c->local, &((struct sockaddr_in6 *)&local)->sin6_addr, 16);
    } else if (local.ss_family == AF_INET) {
      memcpy(c->local, &((struct sockaddr_in *)&local)->sin_addr, 4);
    }
    c->events = EPOLLIN;
    struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) < 0) {
      close(fd);
      free(c);
    }
  }
}

static void usage(FILE *f) {
  fprintf(f, "usage: null-responder [--host 127.0.0.1] [--port 3868] [--origin-host null.ims.example.org]"
             " [--origin-realm ims.example.org]\n");
}

int main(int argc, char **argv) {
  const char *host = "127.0.0.1";
  long port = 3868;
  static const struct option opts[] = {{"host", 1, 0, 'h'},         {"port", 1, 0, 'p'},
                                       {"origin-host", 1, 0, 'o'},  {"origin-realm", 1, 0, 'r'},
                                       {"help", 0, 0, 'H'},         {0, 0, 0, 0}};
  int o;
  while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 'h': host = optarg; break;
    case 'p': port = strtol(optarg, NULL, 10); break; /* checked below */
    case 'o': origin_host = optarg; break;
    case 'r': origin_realm = optarg; break;
    case 'H': usage(stdout); return 0;
    default: usage(stderr); return 2;
    }
  }
  if (port < 1 || port > 65535 || strlen(origin_host) > 255 || strlen(origin_realm) > 255) {
    usage(stderr);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  struct sigaction sa = {.sa_handler = on_signal};
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);

  struct sockaddr_storage addr = {0};
  socklen_t alen;
  struct sockaddr_in *a4 = (struct sockaddr_in *)&addr;
  struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&addr;
  if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    alen = sizeof *a4;
  } else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons((uint16_t)port);
    alen = sizeof *a6;
  } else {
    fprintf(stderr, "null-responder: --host needs a numeric address, got '%s'\n", host);
    return 2;
  }
  int lfd = socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
      bind(lfd, (struct sockaddr *)&addr, alen) < 0 || listen(lfd, 128) < 0) {
    perror("null-responder: listen");
    return 1;
  }
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event le = {.events = EPOLLIN, .data.ptr = NULL};
  if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &le) < 0) {
    perror("null-responder: epoll");
    return 1;
  }
  fprintf(stderr, "null-responder: listening on %s:%ld as %s\n", host, port, origin_host);
  struct epoll_event evs[MAX_EVENTS];
  while (!stop) {
    int n = epoll_wait(ep, evs, MAX_EVENTS, 200);
    for (int i = 0; i < n; i++) {
      if (evs[i].data.ptr == NULL)
        accept_all(ep, lfd);
      else
        on_event(ep, evs[i].data.ptr, evs[i].events);
    }
    if (n < 0 && errno != EINTR) {
      perror("null-responder: epoll_wait");
      return 1;
    }
  }
  return 0;
}
