"""Checks what test-export.c wrote: the exported PyTorch scripts and ONNX
files against ConvLab's own outputs.

  check-export.py compare DIR   every case folder of DIR: net.py loads
        model.safetensors with no renaming and gives ConvLab's outputs on
        input.bin (expected.bin); net.onnx passes onnx.checker, declares
        opset 13, holds every tensor of the model under its name with its
        values, has the node each layer's kind maps to, and evaluated by the
        small ONNX interpreter below (written from the ONNX operator
        specification) gives ConvLab's outputs too.  Prints the largest
        differences; exits 1 on any failure.
  check-export.py train SCRIPT DIR   runs the script: its test loss
        as initialised, one epoch with --save DIR/trained.safetensors, the
        test loss of that model; exits 1 unless the loss went down.  Prints
        "before X after Y".
  check-export.py ddp SCRIPT DIR   the script under torchrun, two processes
        on the CPU (DistributedDataParallel over gloo), one epoch saved as
        DIR/ddp.safetensors.
"""
import importlib.util
import json
import os
import re
import subprocess
import sys

import torch
import torch.nn.functional as F

TOLERANCE = 1e-5

# The node that carries each kind (helpers such as Reshape aside).
KIND_OPS = {"Dense": "Gemm", "Conv2D": "Conv", "MaxPool2D": "MaxPool", "AvgPool2D": "AveragePool",
            "Flatten": "Flatten", "Dropout": "Dropout", "BatchNorm": "BatchNormalization",
            "Sigmoid": "Sigmoid", "Tanh": "Tanh", "ReLU": "Relu", "LeakyReLU": "LeakyRelu",
            "PReLU": "PRelu", "ELU": "Elu", "RReLU": "LeakyRelu", "Maxout": "ReduceMax",
            "Softmax": "Softmax"}


def floats(path, shape):
    with open(path, "rb") as f:
        return torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(shape)


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_onnx(model, x):
    """The graph on x, node by node, each op as the ONNX specification
    defines it (opset 13), in float32 with torch's kernels."""
    from onnx import helper, numpy_helper
    env = {"input": x}
    for t in model.graph.initializer:
        env[t.name] = torch.from_numpy(numpy_helper.to_array(t).copy())
    for node in model.graph.node:
        a = {at.name: helper.get_attribute_value(at) for at in node.attribute}
        ins = [env[name] for name in node.input]
        op, v = node.op_type, ins[0]
        if op == "Gemm":
            y = v @ (ins[1].T if a.get("transB", 0) else ins[1])
            y = y + ins[2] if len(ins) > 2 else y
        elif op == "Conv":
            p = a["pads"]
            assert p[0] == p[2] and p[1] == p[3], "asymmetric pads"
            y = F.conv2d(v, ins[1], ins[2] if len(ins) > 2 else None, stride=a["strides"],
                         padding=(p[0], p[1]))
        elif op == "MaxPool":
            y = F.max_pool2d(v, a["kernel_shape"], a["strides"])
        elif op == "AveragePool":
            y = F.avg_pool2d(v, a["kernel_shape"], a["strides"])
        elif op == "Flatten":
            axis = a.get("axis", 1)
            y = v.reshape(int(torch.tensor(v.shape[:axis]).prod()), -1)
        elif op == "Relu":
            y = torch.relu(v)
        elif op == "Sigmoid":
            y = torch.sigmoid(v)
        elif op == "Tanh":
            y = torch.tanh(v)
        elif op == "LeakyRelu":
            y = torch.where(v >= 0, v, v * a.get("alpha", 0.01))
        elif op == "Elu":
            y = torch.where(v > 0, v, a.get("alpha", 1.0) * torch.expm1(v))
        elif op == "PRelu":
            y = torch.where(v >= 0, v, v * ins[1])
        elif op == "Softmax":
            y = torch.softmax(v, a.get("axis", -1))
        elif op == "BatchNormalization":
            shape = [1, -1] + [1] * (v.dim() - 2)
            scale, bias, mean, var = (t.reshape(shape) for t in ins[1:5])
            y = (v - mean) / torch.sqrt(var + a.get("epsilon", 1e-5)) * scale + bias
        elif op == "Dropout":
            y = v
        elif op == "Reshape":
            shape = [v.shape[k] if d == 0 else int(d) for k, d in enumerate(ins[1].tolist())]
            y = v.reshape(shape)
        elif op == "ReduceMax":
            y = v.amax(dim=a["axes"], keepdim=bool(a.get("keepdims", 1)))
        else:
            raise AssertionError(f"node {node.name}: op {op} is not expected")
        env[node.output[0]] = y
    return env["output"]


def check_onnx(path, kinds, tensors, x, expected):
    import onnx
    from onnx import numpy_helper
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    opsets = {o.domain: o.version for o in model.opset_import}
    assert opsets.get("") == 13, f"opset {opsets}"
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    for name, t in tensors.items():
        assert name in inits, f"initialiser {name} missing"
        assert (torch.from_numpy(inits[name].copy()).reshape(-1) == t.reshape(-1)).all(), f"{name} differs"
    by_layer = {}
    for node in model.graph.node:
        layer = int(re.match(r"layer(\d+)/", node.name).group(1))
        by_layer.setdefault(layer, []).append(node)
    for i, kind in enumerate(kinds, 1):
        ops = [n.op_type for n in by_layer.get(i, [])]
        assert KIND_OPS[kind] in ops, f"layer {i} ({kind}): nodes {ops}, no {KIND_OPS[kind]}"
        last = "output" if i == len(kinds) else f"layer{i}"
        assert by_layer[i][-1].output[0] == last, f"layer {i} ends in {by_layer[i][-1].output[0]}"
    assert [i.name for i in model.graph.input] == ["input"]
    assert [o.name for o in model.graph.output] == ["output"]
    with torch.no_grad():
        out = run_onnx(model, x).reshape(len(x), -1)
    return (out - expected).abs().max().item(), len(model.graph.node), len(inits)


def compare(root):
    worst_torch = worst_onnx = 0.0
    failures = 0
    for case in sorted(os.listdir(root)):
        d = os.path.join(root, case)
        with open(os.path.join(d, "meta.json")) as f:
            meta = json.load(f)
        n, c, h, w = meta["shape"]
        x = floats(os.path.join(d, "input.bin"), (n, c, h, w))
        expected = floats(os.path.join(d, "expected.bin"), (n, -1))
        try:
            module = load_module(os.path.join(d, "net.py"), "net_" + case.replace("-", "_"))
            model = module.Net()
            tensors = module.load_safetensors(os.path.join(d, "model.safetensors"))
            # No renaming: the state dict is the file's tensors, exactly.
            names = {k for k in model.state_dict() if not k.endswith("num_batches_tracked")}
            assert names == set(tensors), f"state dict {sorted(names)} != file {sorted(tensors)}"
            module.load_weights(model, os.path.join(d, "model.safetensors"))
            model.eval()
            with torch.no_grad():
                out = model(x).reshape(n, -1)
            assert out.shape == expected.shape, f"output {tuple(out.shape)} != {tuple(expected.shape)}"
            diff = (out - expected).abs().max().item()
            assert diff <= TOLERANCE, f"PyTorch differs from ConvLab by {diff:.3g}"
            onnx_diff, n_nodes, n_inits = check_onnx(os.path.join(d, "net.onnx"), meta["kinds"],
                                                     tensors, x, expected)
            assert onnx_diff <= TOLERANCE, f"ONNX differs from ConvLab by {onnx_diff:.3g}"
            worst_torch, worst_onnx = max(worst_torch, diff), max(worst_onnx, onnx_diff)
            print(f"{case}: {' '.join(meta['kinds'])}: max |PyTorch - ConvLab| {diff:.3g}, "
                  f"max |ONNX - ConvLab| {onnx_diff:.3g} ({n_nodes} nodes, {n_inits} initialisers)")
        except Exception as e:  # report every case, then fail
            failures += 1
            print(f"FAILED {case} ({' '.join(meta['kinds'])}): {type(e).__name__}: {e}")
    print(f"{len(os.listdir(root))} cases, {failures} failed; largest differences: "
          f"PyTorch {worst_torch:.3g}, ONNX {worst_onnx:.3g}")
    return 1 if failures else 0


def loss_of(output):
    match = re.search(r"loss ([0-9.]+)", output)
    assert match, output
    return float(match.group(1))


def train(script, workdir):
    run = lambda *args: subprocess.run([sys.executable, script, *args], check=True, text=True,
                                       capture_output=True, cwd=workdir).stdout
    before = loss_of(run("--evaluate"))
    trained = os.path.join(workdir, "trained.safetensors")
    log = run("--epochs", "1", "--save", trained)
    after = loss_of(run("--weights", trained, "--evaluate"))
    print(log.strip())
    print(f"before {before} after {after}")
    return 0 if after < before else 1


def ddp(script, workdir):
    # Debian 12's torchrun fails on its default output options (PyTorch 1.13
    # on Python 3.11): the workaround the script's header gives.
    import socket
    with socket.socket() as s:  # a free port for the processes' rendezvous
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--redirects", "1",
                          "--tee", "1", "--nproc_per_node", "2", "--master_addr", "127.0.0.1",
                          "--master_port", str(port), script,
                          "--epochs", "1", "--save", os.path.join(workdir, "ddp.safetensors")],
                         text=True, capture_output=True, cwd=workdir, timeout=240)
    print(out.stdout.strip())
    if out.returncode != 0:
        print(out.stderr)
    return out.returncode


if __name__ == "__main__":
    torch.set_num_threads(1)
    if sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2]))
    if sys.argv[1] == "ddp":
        sys.exit(ddp(sys.argv[2], sys.argv[3]))
    sys.exit(train(sys.argv[2], sys.argv[3]))
