package tomo.cgcnn;

/**
 * One batch of crystals as plain arrays, assembled off the training thread and copied to the engine
 * in one go.
 *
 * @param crystals number of crystals B
 * @param atoms number of atoms N over all crystals
 * @param atomicNumbers Z of each atom, length N
 * @param neighbors global (batch) atom index of every neighbour slot, length N × M
 * @param distancesAngstrom distance of every slot in Å, length N × M
 * @param crystalOfAtom batch crystal index of every atom, length N
 * @param inverseAtomCount 1 / atoms of each crystal, length B (mean pooling)
 * @param extra encoded extra input, length B × extraWidth (empty without extra input)
 * @param label standardized numeric target, or the class index, length B
 * @param raw target in its unit (numeric) or class index, length B
 */
record HostBatch(
    int crystals,
    int atoms,
    long[] atomicNumbers,
    long[] neighbors,
    float[] distancesAngstrom,
    long[] crystalOfAtom,
    float[] inverseAtomCount,
    float[] extra,
    double[] label,
    double[] raw) {}
