#!/usr/bin/env python3
# @HEADER@
import argparse
import gzip
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

# @NETWORK@

# ---- Model files: safetensors, ConvLab's tensor names, no renaming ------------

def load_safetensors(path):
    """The tensors of a .safetensors file by name: the safetensors package
    when it is installed, else this small reader (the format is an 8-byte
    header length, a JSON header, then the raw little-endian data)."""
    try:
        from safetensors.torch import load_file
        return load_file(path)
    except ImportError:
        pass
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise SystemExit(f"{path}: tensor {name} is {info['dtype']}, not F32")
        start, end = info["data_offsets"]
        values = torch.frombuffer(bytearray(data[start:end]), dtype=torch.float32)
        tensors[name] = values.reshape(info["shape"]).clone()
    return tensors


def save_convlab_model(model, path, step):
    """Writes a model ConvLab opens: our tensors (no BatchNorm counter) and the
    design in the metadata, as convlab-model format version 1."""
    header = {"__metadata__": {"format": "convlab-model", "version": "1",
                               "design": DESIGN_JSON, "step": str(step)}}
    blobs, offset = [], 0
    for name, tensor in model.state_dict().items():
        if name.endswith("num_batches_tracked"):
            continue
        blob = tensor.detach().to("cpu", torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    os.replace(tmp, path)


def load_weights(model, path):
    state = load_safetensors(path)
    # strict: every tensor of the design present with its shape, nothing else
    # (BatchNorm's step counter, which ConvLab does not keep, starts at 0).
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise SystemExit(f"{path} does not fit this network: missing {missing}, unexpected {unexpected}")


# ---- ConvLab's random numbers (src/engine/rng.c), for the toy sets -------------

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
STREAM_DATA = 4


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class Rng:
    def __init__(self, seed, stream):
        self.key = mix64(mix64((seed + GOLDEN) & MASK) ^ ((stream * GOLDEN) & MASK))
        self.counter = 0

    def u64(self):
        self.counter += 1
        return mix64(self.key ^ ((self.counter * GOLDEN) & MASK))

    def uniform(self):  # float32 in [0, 1): 24 bits, exact in Python floats
        return (self.u64() >> 40) * (1.0 / 16777216.0)

    def uniform_d(self):
        return (self.u64() >> 11) * (1.0 / 9007199254740992.0)

    def normal(self):
        u1 = 1.0 - self.uniform_d()
        u2 = self.uniform_d()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def below(self, n):
        limit = MASK - (MASK % n)
        while True:
            x = self.u64()
            if x < limit:
                return x % n

    def shuffle(self, items):
        for i in range(len(items), 1, -1):
            j = self.below(i)
            items[i - 1], items[j] = items[j], items[i - 1]


def toy_set(kind, points, noise, test_fraction, classes, seed):
    """ConvLab's toy sets (src/engine/dataset-toy.c) from the same generator:
    the same points up to float rounding (ConvLab computes in float32)."""
    regression = kind in ("cos", "step", "polynomial")
    k = classes if kind == "blobs" else 2
    n_test = int(math.floor(points * test_fraction + 0.5))
    n_train = points - n_test
    rng = Rng(seed, STREAM_DATA)
    parts = []
    for n in (n_train, n_test):
        order = list(range(n))
        rng.shuffle(order)
        x = [None] * n
        y = [None] * n
        for i in range(n):
            s = order[i]
            if regression:
                if kind == "cos":
                    a = math.pi * (2.0 * rng.uniform() - 1.0)
                    t = math.cos(a)
                elif kind == "step":
                    a = 2.0 * rng.uniform() - 1.0
                    t = -0.5 if a < 0 else 0.5
                else:
                    a = 2.0 * rng.uniform() - 1.0
                    t = 2.0 * a * a * a - a
                x[s] = [a]
                y[s] = [t + noise * rng.normal()]
            else:
                c = i % k
                if kind == "xor":
                    sign = 1.0 if rng.below(2) else -1.0
                    p0 = sign * (0.05 + 0.95 * rng.uniform())
                    p1 = (sign if c == 0 else -sign) * (0.05 + 0.95 * rng.uniform())
                elif kind == "circles":
                    r = 0.5 * math.sqrt(rng.uniform()) if c == 0 else 0.7 + 0.3 * rng.uniform()
                    a = 2.0 * math.pi * rng.uniform()
                    p0, p1 = r * math.cos(a), r * math.sin(a)
                elif kind == "spirals":
                    t = rng.uniform()
                    r = 0.05 + 0.95 * t
                    a = 3.0 * math.pi * t + math.pi * c
                    p0, p1 = r * math.cos(a), r * math.sin(a)
                elif kind == "blobs":
                    a = 2.0 * math.pi * c / k + math.pi / 2
                    p0 = 0.6 * math.cos(a) + 0.15 * rng.normal()
                    p1 = 0.6 * math.sin(a) + 0.15 * rng.normal()
                else:
                    raise SystemExit(f"unknown toy set {kind}")
                p0 += noise * rng.normal()
                p1 += noise * rng.normal()
                x[s] = [p0, p1]
                y[s] = c
        xs = torch.tensor(x, dtype=torch.float32).reshape(n, -1, 1, 1)
        ys = torch.tensor(y, dtype=torch.float32) if regression else torch.tensor(y, dtype=torch.long)
        parts.append((xs, ys))
    names = {"xor": "XOR", "circles": "Circles", "spirals": "Two spirals", "blobs": "Gaussian blobs",
             "cos": "Noisy cos(x)", "step": "Step", "polynomial": "Polynomial"}
    return parts[0], parts[1], names[kind], regression


# ---- Image sets ----------------------------------------------------------------

def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def idx_dir(path):
    roles = {}
    for name in sorted(os.listdir(path)):
        lower = name.lower()
        images, labels = "idx3" in lower, "idx1" in lower
        train, test = "train" in lower, ("t10k" in lower or "test" in lower)
        if images != labels and train != test:
            roles.setdefault((train, images), os.path.join(path, name))
    if (True, True) not in roles or (True, False) not in roles:
        raise SystemExit(f"The folder {path} holds no IDX training set "
                         "(train-images-idx3-ubyte and train-labels-idx1-ubyte, plain or .gz).")
    return [roles.get(key) for key in ((True, True), (True, False), (False, True), (False, False))]


def idx_set(files):
    x_train, y_train = read_idx(files[0]), read_idx(files[1])
    if len(files) > 2 and files[2] and files[3]:
        x_test, y_test = read_idx(files[2]), read_idx(files[3])
    else:
        x_test, y_test = x_train[:0], y_train[:0]
    def images(x):
        return (x.float() / 255.0).reshape(x.shape[0], 1, x.shape[1], x.shape[2])
    return (images(x_train), y_train.long()), (images(x_test), y_test.long())


def cifar_set(path, grey):
    def batch(name):
        raw = open(os.path.join(path, name), "rb").read()
        records = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(-1, 3073)
        return records[:, 1:].float().reshape(-1, 3, 32, 32) / 255.0, records[:, 0].long()
    train = [batch(f"data_batch_{b}.bin") for b in range(1, 6)
             if os.path.exists(os.path.join(path, f"data_batch_{b}.bin"))]
    if not train:
        raise SystemExit(f"The folder {path} holds no CIFAR-10 batch (data_batch_1.bin to data_batch_5.bin).")
    x_train, y_train = torch.cat([t[0] for t in train]), torch.cat([t[1] for t in train])
    if os.path.exists(os.path.join(path, "test_batch.bin")):
        x_test, y_test = batch("test_batch.bin")
    else:
        x_test, y_test = x_train[:0], y_train[:0]
    if grey:
        weights = torch.tensor([0.299, 0.587, 0.114]).reshape(1, 3, 1, 1)
        x_train = (x_train * weights).sum(1, keepdim=True)
        x_test = (x_test * weights).sum(1, keepdim=True)
    return (x_train, y_train), (x_test, y_test)


def folder_set(path, size, grey, test_fraction, seed):
    """One sub-folder per class; each image scaled so its shorter side fits,
    centre-cropped to a square, as ConvLab does (bilinear, with Pillow)."""
    from PIL import Image
    classes = sorted(d for d in os.listdir(path) if os.path.isdir(os.path.join(path, d)))
    rng = Rng(seed, STREAM_DATA)
    train, test = [], []
    for label, name in enumerate(classes):
        members = []
        for file in sorted(os.listdir(os.path.join(path, name))):
            try:
                image = Image.open(os.path.join(path, name, file)).convert("RGB")
            except OSError:
                continue
            scale = size / min(image.size)
            w, h = max(size, round(image.size[0] * scale)), max(size, round(image.size[1] * scale))
            image = image.resize((w, h), Image.BILINEAR)
            left, top = (w - size) // 2, (h - size) // 2
            image = image.crop((left, top, left + size, top + size))
            x = torch.tensor(list(image.getdata()), dtype=torch.float32).reshape(size, size, 3)
            x = x.permute(2, 0, 1) / 255.0
            if grey:
                x = (x * torch.tensor([0.299, 0.587, 0.114]).reshape(3, 1, 1)).sum(0, keepdim=True)
            members.append((x, label))
        order = list(range(len(members)))
        rng.shuffle(order)
        n_test = int(math.floor(len(members) * test_fraction + 0.5))
        for rank, i in enumerate(order):
            (test if rank < n_test else train).append(members[i])
    def stack(items):
        if not items:
            return torch.zeros(0, 1 if grey else 3, size, size), torch.zeros(0, dtype=torch.long)
        return torch.stack([x for x, _ in items]), torch.tensor([y for _, y in items])
    return stack(train), stack(test)


def normalise(train, test, how):
    """ConvLab's normalisations: none and unit keep pixels in [0, 1];
    standard uses the training part's mean and deviation per channel;
    contrast makes each image mean 0, deviation 1 (plus 0.01² in the root)."""
    (x_train, y_train), (x_test, y_test) = train, test
    if how == "standard" and len(x_train) > 0:
        dims = (0, 2, 3)
        mean = x_train.double().mean(dims, keepdim=True)
        var = (x_train.double() ** 2).mean(dims, keepdim=True) - mean ** 2
        std = torch.where(var > 1e-12, var.clamp(min=0).sqrt(), torch.ones_like(var))
        x_train = ((x_train - mean.float()) * (1.0 / std).float())
        x_test = ((x_test - mean.float()) * (1.0 / std).float())
    elif how == "contrast":
        def contrast(x):
            flat = x.reshape(x.shape[0], -1).double()
            mean = flat.mean(1, keepdim=True)
            var = ((flat - mean) ** 2).mean(1, keepdim=True)
            return ((flat - mean) / (var + 0.01 ** 2).sqrt()).float().reshape(x.shape)
        x_train, x_test = contrast(x_train), contrast(x_test)
    return (x_train, y_train), (x_test, y_test)


def count(n):
    text = str(n)
    if len(text) <= 4:
        return text
    groups = []
    while text:
        groups.insert(0, text[-3:])
        text = text[:-3]
    return "\u202f".join(groups)


NOT_REPRODUCED = ("{} is built into ConvLab and not reproduced by this script: "
                  "give --data idx:DIR, cifar10:DIR or folder:DIR (see the top of the script).")


def load_data(source):
    """(train, test, description, regression) for a ConvLab data name."""
    data = DESIGN["data"]
    regression = False
    if source.startswith("toy:"):
        train, test, name, regression = toy_set(source[4:], data.get("points", 400), data.get("noise", 0.1),
                                                data.get("test_fraction", 0.2), data.get("classes", 3),
                                                data.get("seed", 1))
        c, h, w = train[0].shape[1:]
        kind = "point" if len(test[0]) == 1 else "points"
        return train, test, f"{name} ({count(len(train[0]))} training, {count(len(test[0]))} test {kind}, {c}D)", regression
    if source == "fashion-mnist":
        path = os.environ.get("CONVLAB_FASHION_MNIST_DIR") or "/usr/share/datasets/fashion-mnist"
        if not os.path.isdir(path):
            raise SystemExit(NOT_REPRODUCED.format("The embedded Fashion-MNIST subset")
                             + " Or install Debian's dataset-fashion-mnist.")
        train, test = idx_set(idx_dir(path))
        name = "Fashion-MNIST"
    elif source.startswith("idx:"):
        parts = source[4:].split(",")
        train, test = idx_set(idx_dir(parts[0]) if len(parts) == 1 else parts)
        name = os.path.basename(parts[0].rstrip("/"))
    elif source.startswith("cifar10:"):
        train, test = cifar_set(source[8:], DESIGN["input"]["channels"] == 1)
        name = "CIFAR-10"
    elif source.startswith("folder:"):
        train, test = folder_set(source[7:], data.get("image_size", 32), data.get("grey", False),
                                 data.get("test_fraction", 0.2), data.get("seed", 1))
        name = os.path.basename(source[7:].rstrip("/"))
    else:
        what = {"embedded": "The embedded Fashion-MNIST subset", "photos": "The embedded Photos set",
                "photos-colour": "The embedded Photos set"}.get(source.split(":")[0],
                                                                 "The photo patches of " + source)
        raise SystemExit(NOT_REPRODUCED.format(what))
    train, test = normalise(train, test, data.get("normalisation", "unit"))
    c, h, w = train[0].shape[1:]
    colour = "grey" if c == 1 else "colour"
    image = "image" if len(test[0]) == 1 else "images"
    return train, test, f"{name} ({count(len(train[0]))} training, {count(len(test[0]))} test {image}, {w}×{h} {colour})", regression


# ---- Training and evaluation ---------------------------------------------------

def loss_of(model, x, y):
    """ConvLab's losses, from the values before the final Softmax or Sigmoid
    when there is one (as ConvLab does: exact and stable)."""
    kind = DESIGN["training"].get("loss", "cross-entropy")
    if kind == "cross-entropy":
        z = model(x, before_last=model.last_is("Softmax"))
        z = z.reshape(len(x), -1)
        if model.last_is("Softmax"):
            return F.cross_entropy(z, y), (z.argmax(1) == y).sum().item(), len(x)
        return F.nll_loss(torch.log(z.clamp(min=1e-30)), y), (z.argmax(1) == y).sum().item(), len(x)
    out = model(x, before_last=kind == "binary-cross-entropy" and model.last_is("Sigmoid"))
    out = out.reshape(len(x), -1)
    y = y.reshape(out.shape).to(out.dtype)
    if kind == "binary-cross-entropy":
        logits = out if model.last_is("Sigmoid") else torch.logit(out.clamp(1e-7, 1 - 1e-7))
        return (F.binary_cross_entropy_with_logits(logits, y),
                ((logits > 0) == (y > 0.5)).sum().item(), out.numel())
    return F.mse_loss(out, y), 0, 0


def make_optimiser(params):
    t = DESIGN["training"]
    kind, lr, wd = t.get("optimiser", "sgd"), t.get("learning_rate", 0.01), t.get("weight_decay", 0.0)
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if kind in ("momentum", "nesterov"):
        return torch.optim.SGD(params, lr=lr, momentum=t.get("momentum", 0.9),
                               nesterov=kind == "nesterov", weight_decay=wd)
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=t.get("rho", 0.9), eps=t.get("eps", 1e-8),
                                   weight_decay=wd)
    return torch.optim.Adam(params, lr=lr, betas=(t.get("beta1", 0.9), t.get("beta2", 0.999)),
                            eps=t.get("eps", 1e-8), weight_decay=wd)


def evaluate(model, data, device):
    model.eval()
    x, y = data
    total, right, counted = 0.0, 0, 0
    with torch.no_grad():
        for start in range(0, len(x), 256):
            xb, yb = x[start:start + 256].to(device), y[start:start + 256].to(device)
            loss, r, c = loss_of(model, xb, yb)
            total += loss.item() * len(xb)
            right, counted = right + r, counted + c
    return total / max(len(x), 1), (right / counted if counted else float("nan"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weights", help="start from this ConvLab model (.safetensors)")
    parser.add_argument("--evaluate", action="store_true", help="print test accuracy and loss, then stop")
    parser.add_argument("--epochs", type=int, default=DESIGN["training"].get("epochs", 1))
    parser.add_argument("--batch-size", type=int, default=DESIGN["training"].get("batch_size", 64))
    parser.add_argument("--save", help="write the trained model here, for ConvLab (.safetensors)")
    parser.add_argument("--data", default=DESIGN["data"]["source"], help="ConvLab data name (default: the design's)")
    parser.add_argument("--seed", type=int, default=DESIGN["training"].get("seed", 1))
    args = parser.parse_args()

    # torchrun sets these: one process per GPU (or CPU process), each on its
    # own share of the data, gradients averaged by DistributedDataParallel.
    distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
    rank, local_rank = int(os.environ.get("RANK", 0)), int(os.environ.get("LOCAL_RANK", 0))
    if distributed:
        torch.distributed.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    device = torch.device(f"cuda:{local_rank}" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)

    model = Net()
    if args.weights:
        load_weights(model, args.weights)
    model.to(device)
    train, test, description, regression = load_data(args.data)
    held_out = test if len(test[0]) > 0 else train

    if args.evaluate:
        if rank == 0:
            loss, accuracy = evaluate(model, held_out, device)
            print(f"{args.weights or 'net'} on {description}")
            if math.isnan(accuracy):
                print(f"loss {loss:.4f}")
            else:
                print(f"accuracy {100 * accuracy:.2f} %, loss {loss:.4f}")
        return

    net = nn.parallel.DistributedDataParallel(model) if distributed else model
    optimiser = make_optimiser(net.parameters())
    dataset = torch.utils.data.TensorDataset(*train)
    sampler = (torch.utils.data.distributed.DistributedSampler(dataset, seed=args.seed)
               if distributed else None)
    loader = torch.utils.data.DataLoader(dataset, batch_size=args.batch_size, shuffle=sampler is None,
                                         sampler=sampler, drop_last=False)
    step = 0
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        net.train()
        total, seen = 0.0, 0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss, _, _ = loss_of_ddp(net, model, xb, yb) if distributed else loss_of(net, xb, yb)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, seen, step = total + loss.item() * len(xb), seen + len(xb), step + 1
        if rank == 0:
            test_loss, accuracy = evaluate(model, held_out, device)
            shown = "" if math.isnan(accuracy) else f", test accuracy {100 * accuracy:.2f} %"
            print(f"epoch {epoch + 1}: training loss {total / max(seen, 1):.4f}, "
                  f"test loss {test_loss:.4f}{shown}", flush=True)
    if args.save and rank == 0:
        save_convlab_model(model, args.save, step)
        print(f"Wrote {args.save}")
    if distributed:
        torch.distributed.destroy_process_group()


def loss_of_ddp(net, model, x, y):
    """The loss through the DistributedDataParallel wrapper (its forward is
    what synchronises the gradients), the rest as loss_of does."""
    class Through:
        def __call__(self, x, before_last=False):
            return net(x, before_last=before_last)
        def last_is(self, kind):
            return model.last_is(kind)
    return loss_of(Through(), x, y)


if __name__ == "__main__":
    main()
