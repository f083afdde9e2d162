"""PyTorch reference CGCNN for tomo's training benchmark.

The same network and hyper-parameters as tomo's CGCNN (module `cgcnn`), trained on the very same graphs,
exported from tomo's graph cache by `tomo train --export-npz DIR`, so that throughput and test MAE of the
two engines can be compared on equal terms.

    pip install torch numpy
    python bench/pytorch_cgcnn.py DIR [--epochs N] [--factored] [--threads 2]
    python bench/pytorch_cgcnn.py DIR --compare-forms STEPS   # step time of both forms, interleaved
    python bench/pytorch_cgcnn.py --self-test
    python bench/pytorch_cgcnn.py DIR --factored --device cuda --concurrent 1,2,4,8   # K trainings at once
    python bench/pytorch_cgcnn.py DIR --factored --extra-input tight [--extra-gain 8]   # with the extra input

Network (Xie & Grossman 2018): node vector -> linear to 64; three convolutions, each
z = [h_i, h_j, e_ij] -> linear to 128 -> batch norm -> split into filter (sigmoid) and core (softplus)
-> product summed over the M neighbour slots -> batch norm -> h_i <- softplus(h_i + sum); mean pooling
per crystal; softplus -> linear to 128 -> softplus -> linear to 1. MSE loss on the standardized target
(train mean/std), MAE metric in the target's unit. SGD with momentum, MultiStepLR x0.1 at the
milestone. Padded neighbour slots take part in the sum, as in CGCNN and tomo (their Gaussians are ~0).

`--factored` computes the convolution's linear layer as W_i h_i + W_j h_j + W_e e (the atom parts once
per atom, before the neighbour gather) instead of on the concatenation: the same function and the same
parameters, about 3x fewer multiply-adds. tomo uses the factored form.

Output: one line per epoch, then a JSON object with throughput (crystals/s and atoms/s in steady state,
i.e. excluding epoch 1), best-validation epoch, test MAE at that epoch and memory (peak and per-epoch RSS).

Extra input (an export written with `tomo train --extra P --export-npz DIR` has extra.npy): without
`--extra-input` the export trains the baseline (all rows with a target); with it the network also sees
P, standardized with the mean and standard deviation of its own training rows, rows lacking P dropped,
as tomo's trainer does. `--extra-input tight` is tomo's network: the hidden layer in factored form
W_p softplus(pooled) + b + W_x (gain softplus(extra)), every parameter the baseline has drawn as without
the extra input, W_x zero, each epoch the baseline's order minus the rows P lacks; so at step 0 the
network is its baseline bit for bit. `--extra-gain` (default sqrt(64) = 8, tomo's default; 1 is the
literal concatenation). `--extra-input concat` is the paper's: one Linear(64 + 1, 128) over
softplus([pooled, extra]), drawn from the seeded stream like any layer (gain 1).

`--concurrent 1,2,4,8` runs, for each K, K trainings at once in one process (threads, seeds seed..seed+K-1,
each with its own model, optimizer and, on a GPU, CUDA stream), as a tomo worker with K slots does, and
reports crystals/s and atoms/s per training and in total.
"""
import argparse
import copy
import json
import math
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

EXPORT_FILES = {
    # name: (dtype, number of dimensions)
    "node_z.npy": (np.int32, 1),
    "crystal_offsets.npy": (np.int64, 1),
    "nbr_idx.npy": (np.int32, 2),
    "nbr_dist.npy": (np.float32, 2),
    "node_features.npy": (np.float32, 2),
    "target.npy": (np.float64, 1),
    "split.npy": (np.int8, 1),
}
# written only with an extra property (tomo train --extra P --export-npz DIR): value per crystal, NaN if none
EXTRA_FILE = "extra.npy"
# tomo's (and the paper's) sizes; an export's meta.json hyper may restate them and must agree
EMBEDDING = 64
HIDDEN = 128
CONVOLUTIONS = 3


class ExportError(Exception):
    """A graph export that does not match the documented format."""


class Export:
    """A graph export directory (format: contracts of tomo's cgcnn module, see bench/README.md)."""

    def __init__(self, directory):
        self.directory = Path(directory)
        meta_file = self.directory / "meta.json"
        if not meta_file.is_file():
            raise ExportError(f"{meta_file}: missing (is {directory} a graph export directory?)")
        try:
            self.meta = json.loads(meta_file.read_text())
        except json.JSONDecodeError as e:
            raise ExportError(f"{meta_file}: not JSON: {e}") from e
        for key in ("gaussian", "max_neighbors", "hyper"):
            if key not in self.meta:
                raise ExportError(f"{meta_file}: field '{key}' missing")
        for key in ("min", "max", "step", "width"):
            if key not in self.meta["gaussian"]:
                raise ExportError(f"{meta_file}: field 'gaussian.{key}' missing")
        if self.meta.get("categorical"):
            raise ExportError(f"{meta_file}: target '{self.meta.get('target')}' is categorical; "
                              f"this reference trains regression targets only")
        hyper = self.meta["hyper"]
        for key, expected in (("atom_features", EMBEDDING), ("hidden_features", HIDDEN),
                              ("convolutions", CONVOLUTIONS)):
            if key in hyper and int(hyper[key]) != expected:
                raise ExportError(f"{meta_file}: hyper.{key} is {hyper[key]}, this reference "
                                  f"implements {expected}")
        arrays = {}
        for name, (dtype, ndim) in EXPORT_FILES.items():
            path = self.directory / name
            if not path.is_file():
                raise ExportError(f"{path}: missing")
            a = np.load(path, allow_pickle=False)
            if a.dtype != dtype or a.ndim != ndim:
                raise ExportError(f"{path}: expected {np.dtype(dtype)} with {ndim} dimensions, "
                                  f"found {a.dtype} with shape {a.shape}")
            arrays[name[:-4]] = a
        self.node_z = arrays["node_z"]
        self.offsets = arrays["crystal_offsets"]
        self.nbr_idx = arrays["nbr_idx"]
        self.nbr_dist = arrays["nbr_dist"]
        self.node_features = arrays["node_features"]
        self.target = arrays["target"]
        self.split = arrays["split"]
        self.extra = None
        extra_path = self.directory / EXTRA_FILE
        if extra_path.is_file():
            self.extra = np.load(extra_path, allow_pickle=False)
            if self.extra.dtype != np.float64 or self.extra.shape != self.target.shape:
                raise ExportError(f"{extra_path}: expected float64 with shape {self.target.shape}, "
                                  f"found {self.extra.dtype} with shape {self.extra.shape}")
            if np.isinf(self.extra).any():
                raise ExportError(f"{extra_path}: crystal {int(np.argmax(np.isinf(self.extra)))} "
                                  f"has an infinite value")
        self._validate()

    def _validate(self):
        d = self.directory
        atoms = len(self.node_z)
        n = len(self.target)
        m = int(self.meta["max_neighbors"])
        if len(self.offsets) != n + 1 or self.offsets[0] != 0 or self.offsets[-1] != atoms:
            raise ExportError(f"{d / 'crystal_offsets.npy'}: expected {n + 1} offsets from 0 to {atoms} "
                              f"(target.npy has {n} crystals, node_z.npy {atoms} atoms)")
        if np.any(np.diff(self.offsets) <= 0):
            c = int(np.argmax(np.diff(self.offsets) <= 0))
            raise ExportError(f"{d / 'crystal_offsets.npy'}: crystal {c} has no atoms")
        for name, a in (("nbr_idx.npy", self.nbr_idx), ("nbr_dist.npy", self.nbr_dist)):
            if a.shape != (atoms, m):
                raise ExportError(f"{d / name}: expected shape ({atoms}, {m}), found {a.shape}")
        if self.nbr_idx.min() < 0 or self.nbr_idx.max() >= atoms:
            raise ExportError(f"{d / 'nbr_idx.npy'}: indices must lie in [0, {atoms})")
        crystal_of_atom = np.repeat(np.arange(n), np.diff(self.offsets))
        wrong = crystal_of_atom[self.nbr_idx] != crystal_of_atom[:, None]
        if wrong.any():
            atom, slot = np.argwhere(wrong)[0]
            raise ExportError(f"{d / 'nbr_idx.npy'}: atom row {atom} slot {slot} points into another crystal")
        z_max = self.node_features.shape[0]
        if self.node_z.min() < 1 or self.node_z.max() > z_max:
            raise ExportError(f"{d / 'node_z.npy'}: atomic numbers must lie in [1, {z_max}] "
                              f"(rows of node_features.npy)")
        if len(self.split) != n or not np.isin(self.split, (0, 1, 2)).all():
            raise ExportError(f"{d / 'split.npy'}: expected {n} values in {{0, 1, 2}}")
        if not np.isfinite(self.target).all():
            raise ExportError(f"{d / 'target.npy'}: crystal {int(np.argmax(~np.isfinite(self.target)))} "
                              f"has a non-finite target")
        for part, label in ((0, "train"), (1, "validation"), (2, "test")):
            if not (self.split == part).any():
                raise ExportError(f"{d / 'split.npy'}: the {label} set is empty")

    @property
    def crystals(self):
        return len(self.target)

    def gaussian_centres(self):
        g = self.meta["gaussian"]
        count = int(round((g["max"] - g["min"]) / g["step"])) + 1
        return np.array([g["min"] + k * g["step"] for k in range(count)], dtype=np.float32), float(g["width"])


class Batcher:
    """Assembles batches of whole crystals with crystal-local neighbour indices."""

    def __init__(self, export):
        self.e = export
        self.atom_features = torch.from_numpy(export.node_features[export.node_z - 1])
        # Scratch map from a global atom row to its row in the batch (neighbours never leave their crystal).
        self.local = np.zeros(len(export.node_z), dtype=np.int64)

    def batch(self, crystals):
        off = self.e.offsets
        starts, ends = off[crystals], off[crystals + 1]
        counts = ends - starts
        rows = np.concatenate([np.arange(s, t) for s, t in zip(starts, ends)])
        self.local[rows] = np.arange(len(rows))
        nbr = torch.from_numpy(self.local[self.e.nbr_idx[rows]])
        dist = torch.from_numpy(self.e.nbr_dist[rows])
        crystal_of_atom = torch.from_numpy(np.repeat(np.arange(len(crystals)), counts))
        return (self.atom_features[torch.from_numpy(rows)], nbr, dist, crystal_of_atom,
                torch.from_numpy(counts.astype(np.float32)))


class ConvLayer(nn.Module):
    def __init__(self, gaussians, factored):
        super().__init__()
        self.factored = factored
        # One weight over [h_i, h_j, e]; the factored form uses its three column blocks.
        self.fc_full = nn.Linear(2 * EMBEDDING + gaussians, 2 * EMBEDDING)
        self.bn1 = nn.BatchNorm1d(2 * EMBEDDING)
        self.bn2 = nn.BatchNorm1d(EMBEDDING)

    def forward(self, h, nbr, edge):
        n, m = nbr.shape
        if self.factored:
            w = self.fc_full.weight
            w_i, w_j, w_e = w[:, :EMBEDDING], w[:, EMBEDDING:2 * EMBEDDING], w[:, 2 * EMBEDDING:]
            self_part = h @ w_i.t() + self.fc_full.bias
            nbr_part = h @ w_j.t()
            z = self_part.unsqueeze(1) + nbr_part[nbr] + edge @ w_e.t()
        else:
            z = torch.cat([h.unsqueeze(1).expand(n, m, EMBEDDING), h[nbr], edge], dim=2)
            z = self.fc_full(z)
        z = self.bn1(z.view(-1, 2 * EMBEDDING)).view(n, m, 2 * EMBEDDING)
        gate, core = z.chunk(2, dim=2)
        summed = (torch.sigmoid(gate) * nn.functional.softplus(core)).sum(dim=1)
        return nn.functional.softplus(h + self.bn2(summed))


EXTRA_INPUTS = ("tight", "concat")
DEFAULT_EXTRA_GAIN = math.sqrt(EMBEDDING)  # tomo's CgcnnNetwork.extraGain: sqrt(atom features)


class Cgcnn(nn.Module):
    """CGCNN; with extra_input "tight" or "concat" the hidden layer also sees an extra_width input."""

    def __init__(self, node_features, centres, width, factored, extra_input=None, extra_width=1,
                 extra_gain=DEFAULT_EXTRA_GAIN):
        super().__init__()
        if extra_input not in (None,) + EXTRA_INPUTS:
            raise ValueError(f"extra_input {extra_input!r}: expected one of {EXTRA_INPUTS} or None")
        self.register_buffer("centres", torch.from_numpy(centres))
        self.width = width
        self.extra_input = extra_input
        self.extra_gain = float(extra_gain) if extra_input == "tight" else 1.0
        self.embedding = nn.Linear(node_features, EMBEDDING)
        self.convs = nn.ModuleList(ConvLayer(len(centres), factored) for _ in range(CONVOLUTIONS))
        # concat: the paper's one Linear over [pooled, extra]; its wider input changes the init bound
        # and shifts every later draw. tight: the baseline's Linear, drawn as without the extra input.
        self.conv_to_fc = nn.Linear(EMBEDDING + (extra_width if extra_input == "concat" else 0), HIDDEN)
        if extra_input == "tight":
            # W_x starts at zero and draws nothing from the generator: every other parameter starts
            # as the baseline's, and the network computes the baseline's function at step 0
            self.extra_weight = nn.Parameter(torch.zeros(HIDDEN, extra_width))
        self.fc_out = nn.Linear(HIDDEN, 1)

    def forward(self, x, nbr, dist, crystal_of_atom, atoms_per_crystal, extra=None):
        edge = torch.exp(-((dist.unsqueeze(2) - self.centres) ** 2) / self.width ** 2)
        h = self.embedding(x)
        for conv in self.convs:
            h = conv(h, nbr, edge)
        pooled = torch.zeros(len(atoms_per_crystal), EMBEDDING, dtype=h.dtype, device=h.device)
        pooled = pooled.index_add(0, crystal_of_atom, h) / atoms_per_crystal.unsqueeze(1)
        if self.extra_input == "concat":
            pre = self.conv_to_fc(nn.functional.softplus(torch.cat([pooled, extra], dim=1)))
        else:
            pre = self.conv_to_fc(nn.functional.softplus(pooled))
            if self.extra_input == "tight":
                # factored W [softplus(pooled), g softplus(extra)] + b: with W_x zero, exactly the baseline
                fed = nn.functional.softplus(extra)
                if self.extra_gain != 1:
                    fed = fed * self.extra_gain
                pre = pre + fed @ self.extra_weight.t()
        return self.fc_out(nn.functional.softplus(pre)).squeeze(1)


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def on(device, tensors):
    return [t.to(device, non_blocking=True) for t in tensors]


def extra_of(extra_std, chunk, device):
    """The batch's standardized extra input, B x 1 (None without extra input)."""
    return None if extra_std is None else extra_std[torch.from_numpy(chunk).to(device)].unsqueeze(1)


def evaluate(model, batcher, crystals, target, mean, std, batch_size, device="cpu", extra_std=None):
    model.eval()
    abs_err = 0.0
    with torch.no_grad():
        for start in range(0, len(crystals), batch_size):
            chunk = crystals[start:start + batch_size]
            pred = model(*on(device, batcher.batch(chunk)), extra_of(extra_std, chunk, device))
            pred = pred.double().cpu() * std + mean
            abs_err += (pred - torch.from_numpy(target[chunk])).abs().sum().item()
    return abs_err / len(crystals)


# model initialisation draws from torch's global generator: one training at a time seeds and draws
INIT_LOCK = threading.Lock()


def train(export, epochs, factored, threads, seed, quiet=False, device="cpu", extra_input=None,
          extra_gain=DEFAULT_EXTRA_GAIN):
    # per thread: libtorch keeps the OpenMP thread count of each calling thread (libgomp's ICV)
    torch.set_num_threads(threads)
    rng = np.random.default_rng(seed)
    hyper = export.meta["hyper"]
    batch_size = int(hyper.get("batch_size", 256))
    lr = float(hyper.get("lr", 0.01))
    momentum = float(hyper.get("momentum", 0.9))
    milestone = int(hyper.get("milestone", 100))
    optimizer_name = str(hyper.get("optimizer", "sgd")).lower()
    epochs = int(hyper.get("epochs", 30)) if epochs is None else epochs

    # the baseline's rows: every exported crystal has a target
    base_train = np.flatnonzero(export.split == 0)
    train_set = base_train
    val_set = np.flatnonzero(export.split == 1)
    test_set = np.flatnonzero(export.split == 2)
    extra_std = None
    if extra_input is not None:
        if export.extra is None:
            raise ExportError(f"{export.directory / EXTRA_FILE}: missing; --extra-input needs an export "
                              f"written with tomo train --extra P --export-npz DIR")
        if export.meta.get("extra_categorical"):
            raise ExportError(f"{export.directory / 'meta.json'}: extra '{export.meta.get('extra')}' is "
                              f"categorical; this reference feeds numeric extra properties only")
        # as tomo's PreparedData: rows lacking the extra are dropped from every part, and the extra
        # is standardized with its training rows' mean and (population) standard deviation
        has = ~np.isnan(export.extra)
        train_set, val_set, test_set = (s[has[s]] for s in (train_set, val_set, test_set))
        if min(len(train_set), len(val_set), len(test_set)) == 0:
            raise ExportError(f"{export.directory / EXTRA_FILE}: too few crystals with a value to split")
        x_mean = float(export.extra[train_set].mean())
        x_std = float(export.extra[train_set].std()) or 1.0
        extra_std = torch.from_numpy(np.nan_to_num((export.extra - x_mean) / x_std).astype(np.float32))
        extra_std = extra_std.to(device)
    mean = float(export.target[train_set].mean())
    std = float(export.target[train_set].std()) or 1.0
    reference_test_mae = float(np.abs(export.target[test_set] - mean).mean())  # the mean predictor

    centres, width = export.gaussian_centres()
    with INIT_LOCK:
        torch.manual_seed(seed)
        model = Cgcnn(export.node_features.shape[1], centres, width, factored, extra_input,
                      extra_gain=extra_gain)
    model = model.to(device)
    if optimizer_name == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    elif optimizer_name == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    else:
        raise ExportError(f"{export.directory / 'meta.json'}: hyper.optimizer '{optimizer_name}' "
                          f"is neither sgd nor adam")
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[milestone], gamma=0.1)
    batcher = Batcher(export)
    target_std = torch.from_numpy(((export.target - mean) / std).astype(np.float32)).to(device)
    counts = np.diff(export.offsets)
    train_atoms = int(counts[train_set].sum())

    history = []
    best = (math.inf, 0, None)
    for epoch in range(1, epochs + 1):
        model.train()
        t0 = time.perf_counter()
        # the baseline's order; a training with the extra input skips the rows it lacks (tight pairs)
        order = rng.permutation(base_train)
        if extra_input is not None and len(train_set) < len(base_train):
            order = order[np.isin(order, train_set)]
        loss_sum = 0.0
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            if len(chunk) < 2:
                continue  # batch norm needs two samples; CGCNN drops such a remainder too
            pred = model(*on(device, batcher.batch(chunk)), extra_of(extra_std, chunk, device))
            loss = nn.functional.mse_loss(pred, target_std[torch.from_numpy(chunk).to(device)])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(chunk)
        train_seconds = time.perf_counter() - t0
        scheduler.step()
        val_mae = evaluate(model, batcher, val_set, export.target, mean, std, batch_size, device,
                           extra_std)
        epoch_seconds = time.perf_counter() - t0
        if val_mae < best[0]:
            best = (val_mae, epoch, copy.deepcopy(model.state_dict()))
        record = {"epoch": epoch, "train_loss": loss_sum / len(order), "val_mae": val_mae,
                  "train_seconds": train_seconds, "epoch_seconds": epoch_seconds,
                  "crystals_per_second": len(order) / train_seconds, "rss_mb": rss_mb()}
        history.append(record)
        if not quiet:
            print(f"epoch {epoch:3d}  loss {record['train_loss']:.4f}  val MAE {val_mae:.4f}  "
                  f"{epoch_seconds:6.1f} s  {record['crystals_per_second']:6.1f} crystals/s  "
                  f"RSS {record['rss_mb']:.0f} MB", flush=True)

    model.load_state_dict(best[2])
    test_mae = evaluate(model, batcher, test_set, export.target, mean, std, batch_size, device,
                        extra_std)
    steady = history[1:] or history
    steady_seconds = sum(r["train_seconds"] for r in steady)
    return {
        "engine": "pytorch",
        "torch_version": torch.__version__,
        "threads": threads,
        "device": str(device),
        "variant": "factored" if factored else "concatenated",
        "export": str(export.directory),
        "target": export.meta.get("target"),
        "mode": export.meta.get("mode"),
        "seed": seed,
        "extra": export.meta.get("extra") if extra_input else None,
        "extra_input": extra_input,
        "extra_gain": model.extra_gain if extra_input else None,
        "crystals": {"train": len(train_set), "validation": len(val_set), "test": len(test_set)},
        "atoms": len(export.node_z),
        "hyper": {"epochs": epochs, "batch_size": batch_size, "lr": lr, "momentum": momentum,
                  "milestone": milestone, "optimizer": optimizer_name},
        "epoch_seconds": [round(r["epoch_seconds"], 3) for r in history],
        "train_seconds": [round(r["train_seconds"], 3) for r in history],
        "crystals_per_second_steady": len(train_set) * len(steady) / steady_seconds,
        "atoms_per_second_steady": train_atoms * len(steady) / steady_seconds,
        "best_epoch": best[1],
        "best_val_mae": best[0],
        "test_mae": test_mae,
        "reference_test_mae": reference_test_mae,
        "val_mae_per_epoch": [r["val_mae"] for r in history],
        "train_loss_per_epoch": [r["train_loss"] for r in history],
        "rss_mb_per_epoch": [round(r["rss_mb"], 1) for r in history],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def concurrent(export, ks, epochs, factored, threads, seed, device):
    """For each K: K trainings at once (threads; on a GPU each on its own CUDA stream)."""
    rows = []
    for k in ks:
        results, errors = [None] * k, []

        def run(i):
            try:
                if str(device).startswith("cuda"):
                    with torch.cuda.stream(torch.cuda.Stream(device=device)):
                        results[i] = train(export, epochs, factored, threads, seed + i, True, device)
                else:
                    results[i] = train(export, epochs, factored, threads, seed + i, True, device)
            except BaseException as e:  # reported once the others have ended
                errors.append(f"training {i}: {e!r}")

        workers = [threading.Thread(target=run, args=(i,), name=f"training-{i}") for i in range(k)]
        t0 = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        wall = time.perf_counter() - t0
        if errors:
            raise RuntimeError("; ".join(errors))
        per = [r["crystals_per_second_steady"] for r in results]
        per_atoms = [r["atoms_per_second_steady"] for r in results]
        row = {"k": k, "device": str(device), "threads_per_training": threads, "wall_seconds": round(wall, 2),
               "crystals_per_second_per_training": round(sum(per) / k, 1),
               "crystals_per_second_total": round(sum(per), 1),
               "atoms_per_second_per_training": round(sum(per_atoms) / k, 1),
               "atoms_per_second_total": round(sum(per_atoms), 1),
               "test_mae": [round(r["test_mae"], 5) for r in results]}
        rows.append(row)
        print(f"K={k}: {row['crystals_per_second_per_training']:.1f} crystals/s per training, "
              f"{row['crystals_per_second_total']:.1f} in total ({row['atoms_per_second_total']:.0f} atoms/s), "
              f"wall {wall:.1f} s", flush=True)
    return {"engine": "pytorch", "torch_version": torch.__version__, "export": str(export.directory),
            "epochs": epochs, "variant": "factored" if factored else "concatenated", "concurrent": rows}


def compare_forms(export, steps, threads, seed):
    """Median seconds of a training step for each form, steps interleaved so load drift hits both."""
    torch.set_num_threads(threads)
    rng = np.random.default_rng(seed)
    batch_size = int(export.meta["hyper"].get("batch_size", 256))
    centres, width = export.gaussian_centres()
    batcher = Batcher(export)
    train_set = np.flatnonzero(export.split == 0)
    mean, std = export.target[train_set].mean(), export.target[train_set].std()
    target_std = torch.from_numpy(((export.target - mean) / std).astype(np.float32))
    models, optimizers, times = {}, {}, {"concatenated": [], "factored": []}
    for name in times:
        torch.manual_seed(seed)
        models[name] = Cgcnn(export.node_features.shape[1], centres, width, name == "factored")
        optimizers[name] = torch.optim.SGD(models[name].parameters(), lr=0.01, momentum=0.9)
    for step in range(steps + 1):
        chunk = rng.choice(train_set, size=min(batch_size, len(train_set)), replace=False)
        batch = batcher.batch(chunk)
        for name, model in models.items():
            t0 = time.perf_counter()
            loss = nn.functional.mse_loss(model(*batch), target_std[chunk])
            optimizers[name].zero_grad(set_to_none=True)
            loss.backward()
            optimizers[name].step()
            if step > 0:  # the first step of each form warms up allocator and threads
                times[name].append(time.perf_counter() - t0)
    result = {name: {"median_step_seconds": float(np.median(t)),
                     "crystals_per_second": batch_size / float(np.median(t))} for name, t in times.items()}
    result["factored_speedup"] = (result["concatenated"]["median_step_seconds"]
                                  / result["factored"]["median_step_seconds"])
    result.update({"steps": steps, "batch_size": batch_size, "threads": threads})
    return result


def write_random_export(directory, crystals=300, max_neighbors=12, seed=0, extra=False):
    """A small export in the documented format: random crystals whose target depends on their atoms."""
    rng = np.random.default_rng(seed)
    z_max, features = 100, 92
    atoms = rng.integers(1, 9, size=crystals)
    offsets = np.concatenate([[0], np.cumsum(atoms)]).astype(np.int64)
    node_z = rng.integers(1, 84, size=offsets[-1]).astype(np.int32)
    node_features = np.zeros((z_max, features), dtype=np.float32)
    node_features[np.arange(z_max), rng.integers(0, features, size=z_max)] = 1
    node_features[np.arange(z_max), rng.integers(0, features, size=z_max)] = 1
    cutoff = 8.0
    nbr_idx = np.empty((offsets[-1], max_neighbors), dtype=np.int32)
    nbr_dist = np.empty((offsets[-1], max_neighbors), dtype=np.float32)
    for c in range(crystals):
        s, t = offsets[c], offsets[c + 1]
        nbr_idx[s:t] = rng.integers(s, t, size=(t - s, max_neighbors))
        nbr_dist[s:t] = np.sort(rng.uniform(1.5, cutoff, size=(t - s, max_neighbors)), axis=1)
        nbr_dist[s:t, 10:] = cutoff + 1  # padding slots, as in CGCNN: index of the first atom, cutoff + 1
        nbr_idx[s:t, 10:] = s
    mean_z = np.array([node_z[offsets[c]:offsets[c + 1]].mean() for c in range(crystals)])
    target = (mean_z / 20 + rng.normal(0, 0.1, size=crystals)).astype(np.float64)
    split = rng.choice(np.array([0, 1, 2], dtype=np.int8), size=crystals, p=[0.6, 0.2, 0.2])
    directory = Path(directory)
    for name, a in (("node_z", node_z), ("crystal_offsets", offsets), ("nbr_idx", nbr_idx),
                    ("nbr_dist", nbr_dist), ("node_features", node_features), ("target", target),
                    ("split", split)):
        np.save(directory / f"{name}.npy", a)
    meta = {"target": "synthetic", "mode": "structure", "seed": seed, "materials": crystals,
            "gaussian": {"min": 0.0, "max": 8.0, "step": 0.2, "width": 0.2},
            "max_neighbors": max_neighbors,
            "hyper": {"epochs": 2, "batch_size": 64, "lr": 0.01, "momentum": 0.9, "milestone": 100,
                      "optimizer": "sgd"}}
    if extra:  # the target plus noise, missing for a few crystals
        x = target + rng.normal(0, 0.05, size=crystals)
        x[rng.choice(crystals, size=crystals // 20, replace=False)] = np.nan
        np.save(directory / f"{EXTRA_FILE}", x)
        meta.update({"extra": "synthetic_extra", "extra_categorical": False, "extra_classes": []})
    (directory / "meta.json").write_text(json.dumps(meta, indent=2))


def self_test(threads):
    """Writes a random export, checks both formulations agree, trains 2 epochs of each."""
    with tempfile.TemporaryDirectory() as tmp:
        write_random_export(tmp)
        export = Export(tmp)
        torch.set_num_threads(threads)
        centres, width = export.gaussian_centres()
        torch.manual_seed(1)
        concat = Cgcnn(export.node_features.shape[1], centres, width, factored=False).double()
        factored = Cgcnn(export.node_features.shape[1], centres, width, factored=True).double()
        factored.load_state_dict(concat.state_dict())
        x, nbr, dist, crystal_of_atom, counts = Batcher(export).batch(np.arange(40))
        args = (x.double(), nbr, dist.double(), crystal_of_atom, counts.double())
        difference = (concat(*args) - factored(*args)).abs().max().item()
        assert difference < 1e-10, f"factored and concatenated forms differ by {difference}"
        print(f"self-test: factored and concatenated forward agree (max |diff| {difference:.1e})")
        bad = export.nbr_idx.copy()
        bad[0, 0] = export.offsets[1]  # first atom of crystal 1 as a neighbour in crystal 0
        np.save(Path(tmp) / "nbr_idx.npy", bad)
        try:
            Export(tmp)
            raise AssertionError("an export with a neighbour in another crystal was accepted")
        except ExportError as e:
            assert "atom row 0 slot 0 points into another crystal" in str(e), e
            print(f"self-test: bad export rejected: {e}")
        np.save(Path(tmp) / "nbr_idx.npy", export.nbr_idx)
        results = [train(export, 2, variant, threads, seed=1) for variant in (False, True)]
        for r in results:
            assert len(r["epoch_seconds"]) == 2 and math.isfinite(r["test_mae"]), r
        # two trainings at once, one thread each: the one of seed 1 equals seed 1 trained alone
        alone = train(export, 2, True, 1, seed=1, quiet=True)
        side_by_side = concurrent(export, [2], 2, True, 1, 1, "cpu")["concurrent"][0]
        assert side_by_side["test_mae"][0] == round(alone["test_mae"], 5), (side_by_side, alone)
        print(f"self-test: 2 concurrent trainings ran; seed 1 beside seed 2 = seed 1 alone "
              f"(test MAE {alone['test_mae']:.5f})")
        print(json.dumps(results, indent=2))
    self_test_extra(threads)
    print("self-test passed")


def self_test_extra(threads):
    """Tight pairs: at step 0 the network with the extra input is its baseline bit for bit."""
    with tempfile.TemporaryDirectory() as tmp:
        write_random_export(tmp, extra=True)
        export = Export(tmp)
        torch.set_num_threads(threads)
        centres, width = export.gaussian_centres()
        f = export.node_features.shape[1]
        torch.manual_seed(3)
        base = Cgcnn(f, centres, width, True)
        torch.manual_seed(3)
        tight = Cgcnn(f, centres, width, True, "tight")
        torch.manual_seed(3)
        concat = Cgcnn(f, centres, width, True, "concat")
        b, t = base.state_dict(), tight.state_dict()
        assert set(t) - set(b) == {"extra_weight"} and all(torch.equal(b[k], t[k]) for k in b)
        assert not torch.equal(concat.fc_out.weight, base.fc_out.weight)  # its wider layer shifts later draws
        batch = Batcher(export).batch(np.arange(40))
        extra = torch.randn(40, 1)
        assert torch.equal(base(*batch), tight(*batch, extra)), "tight network differs from its baseline"
        nn.functional.mse_loss(tight(*batch, extra), torch.zeros(40)).backward()
        assert tight.extra_weight.grad.abs().sum() > 0, "the zero extra weights get no gradient"
        print("self-test: tight pairs: baseline parameters drawn identically, same output at step 0, "
              "extra weights get a gradient")
        runs = {}
        for mode in (None, "tight", "concat"):
            runs[mode] = train(export, 2, True, threads, seed=1, quiet=True, extra_input=mode)
        dropped = int(np.isnan(export.extra).sum())
        base_n = sum(runs[None]["crystals"].values())
        assert sum(runs["tight"]["crystals"].values()) == base_n - dropped, (runs["tight"]["crystals"], dropped)
        assert all(math.isfinite(r["test_mae"]) for r in runs.values())
        print(f"self-test: extra input trained (tight gain {runs['tight']['extra_gain']:g}, concat): "
              f"{dropped} crystals without the extra dropped; test MAE base "
              f"{runs[None]['test_mae']:.4f}, tight {runs['tight']['test_mae']:.4f}, "
              f"concat {runs['concat']['test_mae']:.4f}")


def pairs_line(run, result, seconds):
    """One training as a line of bench/PairsGrid.java's TSV: run, seed, extra ("-" for none), best epoch,
    test MAE, the mean predictor's test MAE, train and test crystals, seconds, validation MAEs, losses."""
    fields = [run, str(result["seed"]), result["extra"] or "-", str(result["best_epoch"]),
              f"{result['test_mae']:.6f}", f"{result['reference_test_mae']:.6f}",
              str(result["crystals"]["train"]), str(result["crystals"]["test"]), f"{seconds:.1f}",
              ",".join(f"{v:.6f}" for v in result["val_mae_per_epoch"]),
              ",".join(f"{v:.6f}" for v in result["train_loss_per_epoch"])]
    return "\t".join(fields) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", nargs="?", help="graph export directory (tomo train --export-npz DIR)")
    parser.add_argument("--epochs", type=int, help="epochs (default: meta.json hyper.epochs)")
    parser.add_argument("--factored", action="store_true", help="factored edge linear, as tomo uses")
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    parser.add_argument("--seed", type=int, help="initialisation and shuffling seed (default: meta.json)")
    parser.add_argument("--output", help="also write the JSON result to this file")
    parser.add_argument("--self-test", action="store_true", help="train on a small random export")
    parser.add_argument("--device", default="cpu", help="cpu (default), cuda or cuda:N")
    parser.add_argument("--concurrent", metavar="K,K,..",
                        help="for each K, run K trainings at once and report crystals/s per training and in total")
    parser.add_argument("--extra-input", choices=EXTRA_INPUTS,
                        help="feed the export's extra property (extra.npy): tight (tomo's network) or "
                             "concat (the paper's Linear over [pooled, extra]); default: the baseline")
    parser.add_argument("--extra-gain", type=float,
                        help=f"factor on softplus(extra) with --extra-input tight "
                             f"(default sqrt(64) = {DEFAULT_EXTRA_GAIN:g}, as tomo; 1: literal concatenation)")
    parser.add_argument("--pairs-tsv", metavar="FILE",
                        help="also append the training as one line of bench/PairsGrid.java's TSV "
                             "(read by bench/pairs_table.py), under the run name --run")
    parser.add_argument("--run", help="run name of the --pairs-tsv line (e.g. tight-base, tight-aug)")
    parser.add_argument("--compare-forms", type=int, metavar="STEPS",
                        help="time STEPS training steps of each form, interleaved, and stop")
    args = parser.parse_args(argv)
    if args.self_test:
        self_test(args.threads)
        return 0
    if not args.export:
        parser.error("give an export directory or --self-test")
    try:
        export = Export(args.export)
    except ExportError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else int(export.meta.get("seed", 1))
    if args.compare_forms:
        print(json.dumps(compare_forms(export, args.compare_forms, args.threads, seed), indent=2))
        return 0
    if args.extra_gain is not None and args.extra_input != "tight":
        parser.error("--extra-gain goes with --extra-input tight (the paper's concat has gain 1)")
    if args.pairs_tsv and not args.run:
        parser.error("--pairs-tsv needs --run NAME")
    if args.concurrent:
        try:
            ks = [int(k) for k in args.concurrent.split(",")]
            if any(k < 1 for k in ks):
                raise ValueError
        except ValueError:
            parser.error(f"--concurrent: expected whole numbers >= 1 such as 1,2,4,8, got '{args.concurrent}'")
        result = concurrent(export, ks, args.epochs, args.factored, args.threads, seed, args.device)
    else:
        gain = DEFAULT_EXTRA_GAIN if args.extra_gain is None else args.extra_gain
        try:
            t0 = time.perf_counter()
            result = train(export, args.epochs, args.factored, args.threads, seed, device=args.device,
                           extra_input=args.extra_input, extra_gain=gain)
            seconds = time.perf_counter() - t0
        except ExportError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        if args.pairs_tsv:
            with open(args.pairs_tsv, "a") as f:
                f.write(pairs_line(args.run, result, seconds))
    text = json.dumps(result, indent=2)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
