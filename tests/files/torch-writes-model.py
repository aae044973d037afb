"""Builds the XOR design's network in PyTorch, sets known weights, and writes
them as a safetensors file with ConvLab's metadata, the way a student's
script would hand a model to ConvLab.  Writes with torch tensors' own bytes
(no ConvLab code).  Usage: torch-writes-model.py DESIGN.json OUT.safetensors"""
import json
import struct
import sys

import torch

design = open(sys.argv[1], encoding="utf-8").read()
net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) * 0.1 - 0.2 * i)

names = {"0.weight": "layer1.dense.weight", "0.bias": "layer1.dense.bias",
         "2.weight": "layer3.dense.weight", "2.bias": "layer3.dense.bias"}
header = {"__metadata__": {"format": "convlab-model", "version": "1", "design": design}}
blobs, offset = [], 0
for key, tensor in net.state_dict().items():
    data = tensor.contiguous().numpy().astype("<f4").tobytes()
    header[names[key]] = {"dtype": "F32", "shape": list(tensor.shape),
                          "data_offsets": [offset, offset + len(data)]}
    blobs.append(data)
    offset += len(data)
text = json.dumps(header).encode()
text += b" " * (-len(text) % 8)
with open(sys.argv[2], "wb") as out:
    out.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
# What the network outputs for (0.5, -1): ConvLab must agree.
x = torch.tensor([[0.5, -1.0]])
print(" ".join(f"{v:.6f}" for v in torch.softmax(net(x), dim=1)[0].tolist()))
