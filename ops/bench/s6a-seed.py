#!/usr/bin/env python3
"""Writes a seed document for ops/bench/s6a-benchmark.sh: N subscribers, each with a USIM (EPS and non-3GPP).

  ops/bench/s6a-seed.py --users N --out FILE [--first 0] [--imsi-prefix 00101] [--mnc-digits 2]
                        [--realm ims.example.org] [--no-non3gpp]

Subscriber i (i = first .. first+N-1) is "sub<i>" with the USIM of IMSI <imsi-prefix><i, zero-padded to 15 digits>,
K and OPc derived from i (the OPc given as such, no OP), AMF 8000, and an EPS subscription: MSISDN 1555<i, 7
digits>, UE-AMBR 50/100 Mbit/s, the APN profiles "internet" (default) and "ims", allowed in the home PLMN (the IMSI
prefix). The USIM may use non-3GPP access (TS 29.273 8.2.3.1: IP access allowed, trusted and untrusted, the APNs
"ims" and "internet" with "internet" the default), so that an SWx MAR for it is answered; --no-non3gpp leaves that
part out (for an HSS whose seed format has no "non3gpp" section). The IMS side is the private identity a UE
without ISIM derives from the IMSI (TS 23.003 13.3), using the USIM's keys, with one public identity. The document
is written as a stream, so N may be in the millions.
"""
import argparse
import json
import sys


def header(realm):
    return {
        "realm": realm,
        "scscfs": [{"name": "sip:scscf.%s:6060" % realm, "capabilities": []}],
        "chargingInformation": [{"id": "default", "primaryEventChargingFunctionName": "aaa://ecf.%s:3868" % realm,
                                 "primaryChargingCollectionFunctionName": "aaa://ccf.%s:3868" % realm}],
        "ifcs": [{"id": "orig-invite-as", "priority": 10, "triggerPoint": {"conditionTypeCnf": True, "spts": [
            {"groups": [0], "method": "INVITE"}, {"groups": [1], "sessionCase": 0}]},
            "applicationServer": {"serverName": "sip:as.%s:5070" % realm, "defaultHandling": 0}}],
        "sharedIfcSets": [],
        "serviceProfiles": [{"id": "default", "ifcs": ["orig-invite-as"], "sharedIfcSets": [],
                             "subscribedMediaProfileId": 0}],
        # TS 29.272 7.3.35: shared by every subscriber's APN-Configuration
        "apnProfiles": [
            {"id": "internet", "serviceSelection": "internet", "pdnType": "IPv4", "qci": 9,
             "arp": {"priorityLevel": 8, "preemptionCapability": False, "preemptionVulnerability": True}},
            {"id": "ims", "serviceSelection": "ims", "pdnType": "IPv4v6", "qci": 5,
             "arp": {"priorityLevel": 1, "preemptionCapability": False, "preemptionVulnerability": True}},
        ],
    }


# TS 29.273 8.2.3.1 Non-3GPP-User-Data: the USIM may use non-3GPP access with both APNs of its EPS subscription
NON_3GPP = {"ipAccessAllowed": True, "apnsEnabled": True, "apns": ["ims", "internet"], "defaultApn": "internet",
            "trustedAccessAllowed": True, "untrustedAccessAllowed": True}


def subscription(i, imsi, home_plmn, mnc_digits, realm, non3gpp):
    mcc, mnc = home_plmn[:3], home_plmn[3:]
    impi = "%s@ims.mnc%s.mcc%s.3gppnetwork.org" % (imsi, mnc.zfill(3), mcc)
    impu = "sip:%s" % impi
    usim = {
        "imsi": imsi,
        "k": "465b5ce8b199b49faa5f0a2e%08x" % (i & 0xFFFFFFFF),
        "opc": "cd63cb71954a9f4e48a5994e%08x" % (i & 0xFFFFFFFF),
        "amf": "8000",
        "eps": {
            "msisdn": "1555%07d" % (i % 10_000_000),
            "ueAmbr": {"uplink": 50_000_000, "downlink": 100_000_000},
            "defaultApn": "internet",
            "apns": [{"apnProfile": "internet"}, {"apnProfile": "ims"}],
            "allowedVisitedPlmns": [home_plmn],
        },
    }
    if non3gpp:
        usim["non3gpp"] = NON_3GPP
    return {
        "id": "sub%d" % i,
        "allowedVisitedNetworks": [realm],
        "chargingInformation": "default",
        "usims": [usim],
        "privateIdentities": [{
            "impi": impi, "usim": imsi, "authSchemes": ["Digest-AKAv1-MD5"], "publicIdentities": [impu]}],
        "publicIdentities": [{"identity": impu, "serviceProfile": "default"}],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--imsi-prefix", default="00101", help="MCC and MNC of the home PLMN (5 or 6 digits)")
    parser.add_argument("--mnc-digits", type=int, choices=(2, 3), default=None,
                        help="length of the MNC in the prefix (default: its length minus 3)")
    parser.add_argument("--realm", default="ims.example.org")
    parser.add_argument("--no-non3gpp", dest="non3gpp", action="store_false",
                        help="leave out the USIMs' non-3GPP access subscription")
    args = parser.parse_args()
    prefix = args.imsi_prefix
    if not prefix.isdigit() or len(prefix) not in (5, 6):
        sys.exit("--imsi-prefix needs the 5 or 6 digits of MCC and MNC")
    mnc_digits = args.mnc_digits or len(prefix) - 3
    if mnc_digits != len(prefix) - 3:
        sys.exit("--mnc-digits does not match --imsi-prefix")
    width = 15 - len(prefix)
    if args.users < 1 or args.first < 0 or args.first + args.users > 10 ** width:
        sys.exit("--first and --users must number at most %d subscribers" % 10 ** width)
    with open(args.out, "w") as f:
        f.write(json.dumps(header(args.realm))[:-1])
        f.write(', "subscriptions": [\n')
        last = args.first + args.users - 1
        for i in range(args.first, last + 1):
            imsi = "%s%0*d" % (prefix, width, i)
            f.write(json.dumps(subscription(i, imsi, prefix, mnc_digits, args.realm, args.non3gpp)))
            f.write(",\n" if i < last else "\n")
        f.write("]}\n")


if __name__ == "__main__":
    main()
