package org.gridplatform.node.training;

/**
 * One dataset aligned to one schema and scaling: its training rows and its held-out rows, split as
 * the node's fixed split says.
 *
 * @param train   the rows steps train on
 * @param heldOut the rows evaluations use; never trained on
 */
record AlignedDataset(AlignedRows train, AlignedRows heldOut) {

    /** @return about how many bytes both take */
    long memoryBytes() {
        return train.memoryBytes() + heldOut.memoryBytes();
    }
}
