package org.imshss.hss.swx;

import org.imshss.hss.auth.AkaVector;

/**
 * One SIP-Auth-Data-Item of an SWx MAA (TS 29.273 8.2.3.9): SIP-Authenticate = RAND ‖ AUTN, SIP-Authorization =
 * XRES, Confidentiality-Key and Integrity-Key = the vector's CK and IK: for EAP-AKA the quintuplet's own, for
 * EAP-AKA' CK' and IK' (TS 33.402 6.2) in their place.
 */
public record AuthenticationItem(String scheme, AkaVector vector) {
}
