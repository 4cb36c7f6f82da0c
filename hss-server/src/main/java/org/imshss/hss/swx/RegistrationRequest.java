package org.imshss.hss.swx;

import org.imshss.hss.cx.ServerAssignmentType;

/**
 * An SWx Server-Assignment-Request (TS 29.273 8.1.2.2.2.1, table 8.1.2.2.2.1/1) as the procedure needs it.
 *
 * @param originHost the 3GPP AAA server
 * @param userName the IMSI, or the EAP-AKA/EAP-AKA' permanent identity NAI ({@link SwxUserName})
 */
public record RegistrationRequest(String originHost, String originRealm, String userName, ServerAssignmentType type) {
}
