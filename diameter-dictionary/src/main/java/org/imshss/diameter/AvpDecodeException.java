package org.imshss.diameter;

/**
 * A received AVP whose data cannot be read as its dictionary type. Carries what the edge needs to answer
 * DIAMETER_INVALID_AVP_LENGTH (5014) or DIAMETER_INVALID_AVP_VALUE (5004) with the AVP in Failed-AVP
 * (RFC 6733 7.5).
 */
public final class AvpDecodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int code;
  private final long vendorId;
  private final boolean mandatoryBit;
  private final byte[] data;
  private final ResultCode resultCode;

  public AvpDecodeException(ResultCode resultCode, int code, long vendorId, boolean mandatoryBit, byte[] data,
      String message, Throwable cause) {
    super(message, cause);
    this.resultCode = resultCode;
    this.code = code;
    this.vendorId = vendorId;
    this.mandatoryBit = mandatoryBit;
    this.data = data == null ? new byte[0] : data.clone();
  }

  /** DIAMETER_MISSING_AVP naming {@code avp} with empty data (RFC 6733 7.5). */
  public static AvpDecodeException missing(Avp avp) {
    return of(ResultCode.DIAMETER_MISSING_AVP, avp, new byte[0], avp.specName() + " missing");
  }

  /** DIAMETER_INVALID_AVP_VALUE with the value received. */
  public static AvpDecodeException invalidValue(Avp avp, byte[] data, String message) {
    return of(ResultCode.DIAMETER_INVALID_AVP_VALUE, avp, data, message);
  }

  /** An Enumerated value the procedure cannot act on: DIAMETER_INVALID_AVP_VALUE with the value. */
  public static AvpDecodeException unknownValue(Avp avp, int value) {
    byte[] data = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    return invalidValue(avp, data, "unknown " + avp.specName() + " value " + value);
  }

  /** {@code result} with {@code avp} (flags as the table sends them) and {@code data} in Failed-AVP. */
  public static AvpDecodeException of(ResultCode result, Avp avp, byte[] data, String message) {
    return new AvpDecodeException(result, avp.code(), avp.vendorId(), avp.sendMandatoryBit(), data, message, null);
  }

  public int code() {
    return code;
  }

  public long vendorId() {
    return vendorId;
  }

  public boolean mandatoryBit() {
    return mandatoryBit;
  }

  /** Raw AVP data as received. */
  public byte[] data() {
    return data.clone();
  }

  /** 5014 for a wrong length, 5004 for a malformed value. */
  public ResultCode resultCode() {
    return resultCode;
  }

  /** The answer to send: result code, the AVP in Failed-AVP and the message as Error-Message. */
  public Violation violation() {
    return Violation.of(resultCode, new FailedAvp(code, vendorId, mandatoryBit, data), String.valueOf(getMessage()));
  }
}
