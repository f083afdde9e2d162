/**
 * How a training optimizes, as both a sweep's spec and the CGCNN trainer name it: the one {@link
 * tomo.hyper.HyperParameters} record (the paper's defaults written once, there), the {@link
 * tomo.hyper.Optimizer} with its default learning rate, how an augmented network starts ({@link
 * tomo.hyper.InitMode}), the gain on its extra input ({@link tomo.hyper.ExtraGain}), where the
 * z-scores come from ({@link tomo.hyper.Scaling}), and {@link tomo.hyper.Labelled}, the spelling
 * rule of tomo's named values. No ML engine and no I/O: the workflows, which may not see the
 * engine, and the trainer share it.
 */
package tomo.hyper;
