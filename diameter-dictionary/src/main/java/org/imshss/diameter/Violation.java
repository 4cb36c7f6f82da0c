package org.imshss.diameter;

import java.util.List;
import java.util.Objects;

/**
 * Why a message was rejected: the Result-Code to answer with, the Failed-AVP content and an Error-Message text.
 */
public record Violation(ResultCode resultCode, List<FailedAvp> failedAvps, String errorMessage) {

  public Violation {
    Objects.requireNonNull(resultCode, "resultCode");
    failedAvps = List.copyOf(failedAvps);
    Objects.requireNonNull(errorMessage, "errorMessage");
  }

  public static Violation of(ResultCode resultCode, FailedAvp failedAvp, String errorMessage) {
    return new Violation(resultCode, List.of(failedAvp), errorMessage);
  }
}
