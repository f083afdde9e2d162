/**
 * CGCNN training on DJL's PyTorch engine: the network built from named layers ({@code
 * CgcnnNetwork}: {@code AtomEmbedding}, {@code ConvLayer}, {@code HiddenLayer}, each owning its
 * parameters), the training run in its parts ({@code EpochLoop}, {@code TrainingState}, {@code
 * BestEpoch}, {@code EarlyStop}, {@code BatchOrder}), the optimizers, data split and
 * standardization, checkpoints with resume, and {@link tomo.cgcnn.Trainer}, which turns a {@link
 * tomo.cgcnn.TrainingConfig} and {@link tomo.cgcnn.TrainingData} into a {@link
 * tomo.cgcnn.TrainingResult} with its provenance. The only module with ML code. Imports
 * tomo.materials (graphs, properties, datasets), tomo.hyper (the hyper-parameters a spec names
 * too), DJL, Jackson and SLF4J; nothing of Temporal, workflows, activities or workers.
 */
package tomo.cgcnn;
