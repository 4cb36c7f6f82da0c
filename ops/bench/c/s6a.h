/*
 * S6a requests of diameter-load.c as an MME sends them at attach (TS 29.272 7.2.3 ULR, 7.2.5 AIR), and the
 * E-UTRAN-Vectors of an AIA. Header only, C11 and libc.
 *
 * Application 16777251, advertised in the CER. air sends AIR with Requested-EUTRAN-Authentication-Info
 * {Number-Of-Requested-Vectors = --vectors, Immediate-Response-Preferred}; ulr sends ULR with RAT-Type EUTRAN,
 * ULR-Flags (default 0x22: S6a/S6d-Indicator | Initial-Attach-Indicator) and, with --terminal-information, the
 * UE's IMEI and Software-Version; attach is AIR then ULR per user. Both carry User-Name = the IMSI (from
 * --imsi-pattern, or one per line of --users-file), Visited-PLMN-Id (--visited-plmn, 3 octets in hex) and
 * Auth-Session-State NO_STATE_MAINTAINED. Answers are counted by Result-Code and Experimental-Result-Code, and
 * the E-UTRAN-Vectors of every AIA.
 */
#ifndef DIAMETER_LOAD_S6A_H
#define DIAMETER_LOAD_S6A_H

#include <stdio.h>
#include <string.h>

#include "diameter.h"
#include "load-util.h"

struct s6a_settings {
  long vectors;             /* Number-Of-Requested-Vectors, 1 to 5 (TS 29.272 7.3.14) */
  long ulr_flags;           /* ULR-Flags (7.3.7) */
  int terminal_information; /* add Terminal-Information {IMEI, Software-Version} to the ULR */
  const char *imei, *software_version;
  uint8_t visited_plmn[3];
};

/* The part of an AIR or ULR after Destination-Realm, for the IMSI imsi. */
static void write_s6a(struct wr *w, const struct s6a_settings *o, uint32_t cmd, const char *imsi) {
  wr_str(w, AVP_USER_NAME, 0, imsi);
  if (cmd == CMD_AIR) {
    size_t g = wr_group_begin(w, AVP_REQUESTED_EUTRAN_AUTHENTICATION_INFO, VENDOR_3GPP);
    wr_u32(w, AVP_NUMBER_OF_REQUESTED_VECTORS, VENDOR_3GPP, (uint32_t)o->vectors);
    wr_u32(w, AVP_IMMEDIATE_RESPONSE_PREFERRED, VENDOR_3GPP, 1); /* presence counts, not the value */
    wr_group_end(w, g);
  } else {
    if (o->terminal_information) {
      size_t g = wr_group_begin(w, AVP_TERMINAL_INFORMATION, VENDOR_3GPP);
      wr_str(w, AVP_IMEI, VENDOR_3GPP, o->imei);
      wr_str(w, AVP_SOFTWARE_VERSION, VENDOR_3GPP, o->software_version);
      wr_group_end(w, g);
    }
    /* RAT-Type is TS 29.212's: V set, M clear */
    size_t at = w->len;
    wr_u32(w, AVP_RAT_TYPE, VENDOR_3GPP, RAT_TYPE_EUTRAN);
    if (!w->overflow)
      w->p[at + 4] = AVP_FLAG_V;
    wr_u32(w, AVP_ULR_FLAGS, VENDOR_3GPP, (uint32_t)o->ulr_flags);
  }
  wr_avp(w, AVP_VISITED_PLMN_ID, VENDOR_3GPP, o->visited_plmn, sizeof o->visited_plmn);
}

/* The E-UTRAN-Vectors in an AIA's Authentication-Info (TS 29.272 7.3.17, 7.3.18). */
static uint64_t count_vectors(const uint8_t *m, size_t len) {
  struct avp info, v;
  if (avp_find(m, DIAM_HEADER, len, AVP_AUTHENTICATION_INFO, VENDOR_3GPP, &info) != 1)
    return 0;
  uint64_t n = 0;
  size_t pos = 0;
  while (avp_next(info.data, info.len, &pos, &v) == 1)
    n += v.code == AVP_E_UTRAN_VECTOR && v.vendor == VENDOR_3GPP;
  return n;
}

/* Visited-PLMN-Id as 6 hex digits (7.3.9: MCC and MNC digits in the order of TS 24.008), e.g. 00F110. */
static void parse_plmn(const char *hex, uint8_t out[3]) {
  unsigned v[3];
  if (strlen(hex) != 6 || strspn(hex, "0123456789abcdefABCDEF") != 6 ||
      sscanf(hex, "%2x%2x%2x", &v[0], &v[1], &v[2]) != 3)
    fail("--visited-plmn needs 6 hex digits, e.g. 00F110 (MCC 001, MNC 01)");
  for (int i = 0; i < 3; i++)
    out[i] = (uint8_t)v[i];
}

#endif
