package org.imshss.node.diameter.transport;

import java.io.InputStream;
import org.jdiameter.server.impl.helpers.XMLConfiguration;

/**
 * jDiameter's XML configuration carrying the node's transport: jDiameter builds the network guard and connections
 * by reflection and hands them only the stack configuration, so this is how they reach their node's settings and
 * hooks (no static state; two nodes in one JVM each keep their own).
 */
public final class StackConfiguration extends XMLConfiguration {

    private final transient DiameterTransport transport;

    public StackConfiguration(InputStream xml, DiameterTransport transport) throws Exception {
        super(xml);
        this.transport = transport;
    }

    public DiameterTransport transport() {
        return transport;
    }
}
