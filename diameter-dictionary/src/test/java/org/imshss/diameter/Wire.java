package org.imshss.diameter;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;

/** Test helper: builds messages with jdiameter-impl and passes them through the wire encoding. */
final class Wire {

  static final MessageParser PARSER = new MessageParser();

  private Wire() {
  }

  static IMessage message(Command command) {
    IMessage m = PARSER.createEmptyMessage(command.code(), command.application().id());
    m.setRequest(command.isRequest());
    m.setProxiable(command.isProxiable());
    return m;
  }

  static byte[] encode(IMessage m) {
    try {
      ByteBuffer b = PARSER.encodeMessage(m);
      return Arrays.copyOf(b.array(), b.limit());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static IMessage roundTrip(IMessage m) {
    try {
      return PARSER.createMessage(encode(m));
    } catch (AvpDataException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Encoded AVPs of a set, as on the wire. */
  static byte[] bytes(AvpSet set) {
    return PARSER.encodeAvpSet(set);
  }

  /** A fresh empty AVP set. */
  static AvpSet emptySet() {
    return PARSER.createEmptyMessage(0, 0).getAvps();
  }

  static AvpSet decode(byte[] avps) {
    try {
      return PARSER.decodeAvpSet(avps);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
  }
}
