"""PyTorch reference CGCNN for tomo's training benchmark.

The same network and hyper-parameters as tomo's CGCNN (module `cgcnn`), trained on the very same graphs,
exported from tomo's graph cache by `tomo train --export-npz DIR`, so that throughput and test MAE of the
two engines can be compared on equal terms.

    pip install torch numpy
    python bench/pytorch_cgcnn.py DIR [--epochs N] [--factored] [--threads 2]
    python bench/pytorch_cgcnn.py DIR --compare-forms STEPS   # step time of both forms, interleaved
    python bench/pytorch_cgcnn.py --self-test
    python bench/pytorch_cgcnn.py DIR --factored --device cuda --concurrent 1,2,4,8   # K trainings at once

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


class Cgcnn(nn.Module):
    def __init__(self, node_features, centres, width, factored):
        super().__init__()
        self.register_buffer("centres", torch.from_numpy(centres))
        self.width = width
        self.embedding = nn.Linear(node_features, EMBEDDING)
        self.convs = nn.ModuleList(ConvLayer(len(centres), factored) for _ in range(CONVOLUTIONS))
        self.conv_to_fc = nn.Linear(EMBEDDING, HIDDEN)
        self.fc_out = nn.Linear(HIDDEN, 1)

    def forward(self, x, nbr, dist, crystal_of_atom, atoms_per_crystal):
        edge = torch.exp(-((dist.unsqueeze(2) - self.centres) ** 2) / self.width ** 2)
        h = self.embedding(x)
        for conv in self.convs:
            h = conv(h, nbr, edge)
        pooled = torch.zeros(len(atoms_per_crystal), EMBEDDING, dtype=h.dtype, device=h.device)
        pooled = pooled.index_add(0, crystal_of_atom, h) / atoms_per_crystal.unsqueeze(1)
        hidden = nn.functional.softplus(self.conv_to_fc(nn.functional.softplus(pooled)))
        return self.fc_out(hidden).squeeze(1)


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def on(device, tensors):
    return [t.to(device, non_blocking=True) for t in tensors]


def evaluate(model, batcher, crystals, target, mean, std, batch_size, device="cpu"):
    model.eval()
    abs_err = 0.0
    with torch.no_grad():
        for start in range(0, len(crystals), batch_size):
            chunk = crystals[start:start + batch_size]
            pred = model(*on(device, batcher.batch(chunk))).double().cpu() * std + mean
            abs_err += (pred - torch.from_numpy(target[chunk])).abs().sum().item()
    return abs_err / len(crystals)


# model initialisation draws from torch's global generator: one training at a time seeds and draws
INIT_LOCK = threading.Lock()


def train(export, epochs, factored, threads, seed, quiet=False, device="cpu"):
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

    train_set = np.flatnonzero(export.split == 0)
    val_set = np.flatnonzero(export.split == 1)
    test_set = np.flatnonzero(export.split == 2)
    mean = float(export.target[train_set].mean())
    std = float(export.target[train_set].std()) or 1.0

    centres, width = export.gaussian_centres()
    with INIT_LOCK:
        torch.manual_seed(seed)
        model = Cgcnn(export.node_features.shape[1], centres, width, factored)
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
        order = rng.permutation(train_set)
        loss_sum = 0.0
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            if len(chunk) < 2:
                continue  # batch norm needs two samples; CGCNN drops such a remainder too
            pred = model(*on(device, batcher.batch(chunk)))
            loss = nn.functional.mse_loss(pred, target_std[torch.from_numpy(chunk).to(device)])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(chunk)
        train_seconds = time.perf_counter() - t0
        scheduler.step()
        val_mae = evaluate(model, batcher, val_set, export.target, mean, std, batch_size, device)
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
    test_mae = evaluate(model, batcher, test_set, export.target, mean, std, batch_size, device)
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


def write_random_export(directory, crystals=300, max_neighbors=12, seed=0):
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
        print("self-test passed")


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
    if args.concurrent:
        try:
            ks = [int(k) for k in args.concurrent.split(",")]
            if any(k < 1 for k in ks):
                raise ValueError
        except ValueError:
            parser.error(f"--concurrent: expected whole numbers >= 1 such as 1,2,4,8, got '{args.concurrent}'")
        result = concurrent(export, ks, args.epochs, args.factored, args.threads, seed, args.device)
    else:
        result = train(export, args.epochs, args.factored, args.threads, seed, device=args.device)
    text = json.dumps(result, indent=2)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
