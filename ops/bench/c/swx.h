/*
 * SWx requests of diameter-load.c as a 3GPP AAA server sends them (TS 29.273 8.2.2.1 MAR), and the
 * SIP-Auth-Data-Items of an MAA. Header only, C11 and libc.
 *
 * Application 16777265, advertised in the CER. swx-mar sends, after the common part (Session-Id,
 * Vendor-Specific-Application-Id, Auth-Session-State, Origin-Host, Origin-Realm, Destination-Realm), an MAR in the
 * order of its ABNF: User-Name = the IMSI (from --imsi-pattern, or one per line of --users-file), RAT-Type WLAN,
 * ANID "WLAN" (8.2.3.7; EAP-AKA' needs it, TS 33.402 A.2), SIP-Auth-Data-Item {SIP-Authentication-Scheme
 * "EAP-AKA'"} and SIP-Number-Auth-Items = --vectors. A user's MARs all name one AAA server as Origin-Host (that of
 * connection user mod --connections), since the HSS refuses a second one. Answers are counted by Result-Code and
 * Experimental-Result-Code, and the SIP-Auth-Data-Items of every MAA.
 */
#ifndef DIAMETER_LOAD_SWX_H
#define DIAMETER_LOAD_SWX_H

#include "diameter.h"

#define AVP_SIP_NUMBER_AUTH_ITEMS 607u
#define AVP_SIP_AUTHENTICATION_SCHEME 608u
#define AVP_SIP_AUTH_DATA_ITEM 612u
#define AVP_ANID 1504u
#define RAT_TYPE_WLAN 0u

/* The part of an SWx MAR after Destination-Realm, for the IMSI imsi, asking for items vectors. */
static void write_swx_mar(struct wr *w, const char *imsi, long items) {
  wr_str(w, AVP_USER_NAME, 0, imsi);
  /* RAT-Type is TS 29.212's: V set, M clear */
  size_t at = w->len;
  wr_u32(w, AVP_RAT_TYPE, VENDOR_3GPP, RAT_TYPE_WLAN);
  if (!w->overflow)
    w->p[at + 4] = AVP_FLAG_V;
  wr_str(w, AVP_ANID, VENDOR_3GPP, "WLAN");
  size_t g = wr_group_begin(w, AVP_SIP_AUTH_DATA_ITEM, VENDOR_3GPP);
  wr_str(w, AVP_SIP_AUTHENTICATION_SCHEME, VENDOR_3GPP, "EAP-AKA'");
  wr_group_end(w, g);
  wr_u32(w, AVP_SIP_NUMBER_AUTH_ITEMS, VENDOR_3GPP, (uint32_t)items);
}

/* The SIP-Auth-Data-Items at the top level of an MAA (TS 29.273 8.2.2.1). */
static uint64_t count_sip_auth_items(const uint8_t *m, size_t len) {
  struct avp a;
  uint64_t n = 0;
  size_t pos = DIAM_HEADER;
  while (avp_next(m, len, &pos, &a) == 1)
    n += a.code == AVP_SIP_AUTH_DATA_ITEM && a.vendor == VENDOR_3GPP;
  return n;
}

#endif
