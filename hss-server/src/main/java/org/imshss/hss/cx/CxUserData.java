package org.imshss.hss.cx;

import java.util.Optional;
import org.imshss.hss.userdata.CxUserDataWriter;
import org.imshss.hss.userdata.UserDataAssembler;
import org.imshss.hss.userdata.UserDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The User-Data XML of an implicit registration set, as SAA and PPR carry it (TS 29.228 6.1.2, 6.2.2). */
public final class CxUserData {

    private static final Logger log = LoggerFactory.getLogger(CxUserData.class);

    private final UserDataAssembler assembler;
    private final CxUserDataWriter writer;
    private final boolean sharedIfcSetsSupported;

    /**
     * @param sharedIfcSetsSupported whether S-CSCFs understand SharedIFCSetID (TS 29.229 SiFC feature); when
     *                               not, the sets' iFCs are written into each profile instead
     */
    public CxUserData(UserDataAssembler assembler, CxUserDataWriter writer, boolean sharedIfcSetsSupported) {
        this.assembler = assembler;
        this.writer = writer;
        this.sharedIfcSetsSupported = sharedIfcSetsSupported;
    }

    /** Empty when the set, or something it references, is missing or cannot be written as valid User-Data. */
    public Optional<String> forImplicitSet(String privateIdentity, String implicitSetId) {
        try {
            return assembler.forImplicitSet(privateIdentity, implicitSetId, sharedIfcSetsSupported)
                    .map(writer::write);
        } catch (UserDataException e) {
            log.warn("User-Data for implicit set {} cannot be written: {}", implicitSetId, e.getMessage());
            return Optional.empty();
        }
    }
}
