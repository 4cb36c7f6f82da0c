package org.imshss.hss.userdata;

/**
 * The subscriber data cannot be written as a User-Data document that validates against the Rel-7
 * CxDataType schema (a value outside its value space, a missing mandatory element, a character XML 1.0
 * forbids). The HSS answers DIAMETER_UNABLE_TO_COMPLY (5012) rather than send a document the S-CSCF
 * would reject.
 */
public class UserDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserDataException(String message) {
        super(message);
    }
}
