package org.imshss.hss.sh;

import java.io.Serializable;
import java.util.List;
import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.RepositoryDataSet;
import org.imshss.provisioning.store.RecordUpdate;

/**
 * Every RepositoryData element of one PUR applied to the identity's repository data as one atomic step (TS 29.328
 * 6.1.2.1: several elements are written all or none): each element is checked in order against the stored data,
 * then the number of Service-Indications against the cap; the first failure leaves everything as it was.
 *
 * <p>The Sequence-Number rule of TS 29.328 7.6.1 / TS 29.329 6.2.2 (5105): new data comes with 0 and 0 on existing
 * data is a conflict; an update or deletion carries the successor of the stored number (65535 is followed by 1).
 * An element without ServiceData deletes.
 *
 * @param maxServiceIndications how many Service-Indications the identity may hold after the write; more is
 *                              DIAMETER_ERROR_TOO_MUCH_DATA (TS 29.328 6.1.2.1: more than the HSS can store)
 */
record WriteRepositoryData(String identity, List<ShDataParser.Repository> elements, String writer,
        int maxServiceIndications) implements RecordUpdate<RepositoryDataSet, WriteRepositoryData.Result> {

    WriteRepositoryData {
        elements = List.copyOf(elements);
    }

    /** How a repository write ended, with the result the PUR gets. */
    enum Outcome {
        WRITTEN(ResultCode.DIAMETER_SUCCESS),
        OUT_OF_SYNC(ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC),
        NOTHING_TO_DELETE(ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED),
        TOO_MUCH_DATA(ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA);

        final ResultCode result;

        Outcome(ResultCode result) {
            this.result = result;
        }
    }

    /** @param failed the index of the element that failed, -1 when none is to blame (or none failed) */
    record Result(Outcome outcome, int failed) implements Serializable {
    }

    @Override
    public RecordUpdate.Outcome<RepositoryDataSet, Result> apply(RepositoryDataSet current) {
        RepositoryDataSet next = current != null ? current : RepositoryDataSet.empty(identity);
        for (int i = 0; i < elements.size(); i++) {
            ShDataParser.Repository element = elements.get(i);
            Outcome checked = check(next.get(element.serviceIndication()).orElse(null), element);
            if (checked != Outcome.WRITTEN) {
                return RecordUpdate.Outcome.keep(new Result(checked, i));
            }
            next = element.serviceData() == null
                    ? next.without(element.serviceIndication())
                    : next.with(new RepositoryData(identity, element.serviceIndication(), element.sequenceNumber(),
                            element.serviceData(), writer));
        }
        if (next.size() > maxServiceIndications && next.size() > sizeOf(current)) {
            return RecordUpdate.Outcome.keep(new Result(Outcome.TOO_MUCH_DATA, -1));
        }
        Result written = new Result(Outcome.WRITTEN, -1);
        return next.isEmpty() ? RecordUpdate.Outcome.remove(written) : RecordUpdate.Outcome.put(next, written);
    }

    private static int sizeOf(RepositoryDataSet set) {
        return set == null ? 0 : set.size();
    }

    private static Outcome check(RepositoryData stored, ShDataParser.Repository element) {
        if (stored == null) {
            if (element.sequenceNumber() != 0) {
                return Outcome.OUT_OF_SYNC;
            }
            return element.serviceData() == null ? Outcome.NOTHING_TO_DELETE : Outcome.WRITTEN;
        }
        if (element.sequenceNumber() == 0
                || element.sequenceNumber() != ProfileUpdate.nextSequenceNumber(stored.sequenceNumber())) {
            return Outcome.OUT_OF_SYNC;
        }
        return Outcome.WRITTEN;
    }
}
