#!/usr/bin/env python3
"""The PyTorch side of the vs-PyTorch bench (packages/segmentation/bench/vs-pytorch.bench.ts).

Builds the same network as cnnkit from the same description: a cnnkit model spec, validated by
shape-math (every default filled in) and written as JSON by the bench. Each spec layer becomes the
PyTorch module that computes the same thing (NCHW instead of NHWC); "same" padding follows
TensorFlow's rule (the extra pixel after, not before, when the total is odd), so a stride-2 "same"
convolution pads asymmetrically exactly as cnnkit's does. PyTorch's own default initialisers are
used (the weights' values do not change the time of a dense float32 network).

Prints one JSON line: the PyTorch version, the parameter counts (parameters plus batch-norm running
statistics, which cnnkit counts as non-trainable parameters) and the timings asked for.

  python3 scripts/pytorch-anchor.py --spec spec.json --mode infer|train|cold \
      [--batch 1] [--runs 5] [--warmup 1] [--threads 2] [--classes 2]

Needs Debian's python3-torch (bash scripts/install-pytorch.sh). Never run by CI.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def pair(v):
    return (v, v) if isinstance(v, int) else (v[0], v[1])


def explicit_pads(padding):
    """cnnkit's explicit padding ([t, b], [l, r] or a number or a pair) as (top, bottom, left, right)."""
    if isinstance(padding, int):
        return (padding, padding, padding, padding)
    a, b = padding
    if isinstance(a, int) and isinstance(b, int):
        return (a, a, b, b)
    return (a[0], a[1], b[0], b[1])


def same_pads(size, kernel, stride, dilation):
    """TensorFlow's "same": output ceil(in / stride), the odd pixel of padding after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def conv_out(size, kernel, stride, dilation, before, after):
    return (size + before + after - (kernel - 1) * dilation - 1) // stride + 1


ACTIVATIONS = {
    'linear': None,
    'relu': nn.ReLU,
    'relu6': nn.ReLU6,
    'sigmoid': nn.Sigmoid,
    'tanh': nn.Tanh,
    'elu': nn.ELU,
    'leakyRelu': lambda: nn.LeakyReLU(0.3),  # Keras' default alpha, as cnnkit builds it
    'softmax': lambda: nn.Softmax(dim=1),
}


def activation(name):
    if name not in ACTIVATIONS:
        raise SystemExit(f'pytorch-anchor: activation {name!r} is not mapped')
    make = ACTIVATIONS[name]
    return None if make is None else make()


class Padded(nn.Module):
    """A module after a (possibly asymmetric) zero padding; symmetric padding goes into the module."""

    def __init__(self, pads, module, act=None):
        super().__init__()
        self.pads = pads  # F.pad order: (left, right, top, bottom)
        self.module = module
        self.act = act

    def forward(self, x):
        if self.pads is not None:
            x = F.pad(x, self.pads)
        x = self.module(x)
        return x if self.act is None else self.act(x)


class SpecNet(nn.Module):
    """A cnnkit spec as a PyTorch module: one step per spec layer, tensors passed by name."""

    def __init__(self, spec):
        super().__init__()
        c, h, w = spec['input'][2], spec['input'][0], spec['input'][1]
        shapes = {'input': (c, h, w)}
        self.steps = []
        self.layers = nn.ModuleDict()
        previous = 'input'
        for index, layer in enumerate(spec['layers']):
            kind = layer['kind']
            name = layer.get('name') or f'{kind}_{index}'
            inputs = layer.get('inputs') or [previous]
            # A flat input (after global pooling or flatten) has one size: channels, with h = w = 1.
            c, h, w = (*shapes[inputs[0]], 1, 1)[:3]
            module = None
            op = kind
            if kind in ('conv2d', 'maxPooling2d', 'averagePooling2d', 'conv2dTranspose'):
                if kind in ('maxPooling2d', 'averagePooling2d'):
                    k = pair(layer['poolSize'])
                    s = pair(layer.get('strides') or layer['poolSize'])
                    d = (1, 1)
                else:
                    k, s, d = pair(layer['kernelSize']), pair(layer['strides']), pair(layer['dilationRate'])
                padding = layer['padding']
                if kind == 'conv2dTranspose':
                    if padding != 'same' and padding != 'valid':
                        raise SystemExit('pytorch-anchor: explicit transposed-conv padding is not mapped')
                    if k != s or d != (1, 1):
                        raise SystemExit('pytorch-anchor: only kernel == stride transposed convs are mapped')
                    # kernel == stride: "same" and "valid" both give in × stride with no padding.
                    module = Padded(
                        None,
                        nn.ConvTranspose2d(c, layer['filters'], k, s, bias=layer['useBias']),
                        activation(layer['activation']),
                    )
                    shapes[name] = (layer['filters'], h * s[0], w * s[1])
                else:
                    if padding == 'valid':
                        t, b, l, r = 0, 0, 0, 0
                    elif padding == 'same':
                        t, b = same_pads(h, k[0], s[0], d[0])
                        l, r = same_pads(w, k[1], s[1], d[1])
                    else:
                        t, b, l, r = explicit_pads(padding)
                    symmetric = t == b and l == r
                    inner = (t, l) if symmetric else (0, 0)
                    pads = None if symmetric else (l, r, t, b)
                    if kind == 'conv2d':
                        inner_module = nn.Conv2d(
                            c, layer['filters'], k, s, inner, d,
                            groups=layer['groups'], bias=layer['useBias'],
                        )
                        act = activation(layer['activation'])
                        out_c = layer['filters']
                    elif kind == 'maxPooling2d':
                        # cnnkit pads pooling with zeros (after a ReLU the same as PyTorch's -inf).
                        pads = None if t + b + l + r == 0 else (l, r, t, b)
                        inner_module, act, out_c = nn.MaxPool2d(k, s), None, c
                    else:
                        pads = None if t + b + l + r == 0 else (l, r, t, b)
                        inner_module, act, out_c = nn.AvgPool2d(k, s), None, c
                    module = Padded(pads, inner_module, act)
                    shapes[name] = (
                        out_c,
                        conv_out(h, k[0], s[0], d[0], t, b),
                        conv_out(w, k[1], s[1], d[1], l, r),
                    )
                op = 'module'
            elif kind == 'batchNormalization':
                # Keras' momentum m keeps m of the old statistics; PyTorch's momentum is the new share.
                module = nn.BatchNorm2d(c, eps=layer['epsilon'], momentum=1 - layer['momentum'],
                                        affine=layer['center'] or layer['scale'])
                shapes[name] = (c, h, w)
                op = 'module'
            elif kind == 'activation':
                module = activation(layer['activation']) or nn.Identity()
                shapes[name] = (c, h, w)
                op = 'module'
            elif kind == 'dropout':
                module = nn.Dropout(layer['rate'])
                shapes[name] = (c, h, w)
                op = 'module'
            elif kind in ('globalAveragePooling2d', 'globalMaxPooling2d'):
                shapes[name] = (c, 1, 1) if layer.get('keepDims') else (c,)
            elif kind == 'flatten':
                shapes[name] = (c * h * w,)
            elif kind == 'dense':
                features = shapes[inputs[0]][0] if len(shapes[inputs[0]]) == 1 else c * h * w
                module = nn.Sequential(nn.Linear(features, layer['units'], bias=layer['useBias']))
                act = activation(layer['activation'])
                if act is not None:
                    module.append(act)
                shapes[name] = (layer['units'],)
                op = 'module'
            elif kind == 'add':
                shapes[name] = (c, h, w)
            elif kind == 'concatenate':
                shapes[name] = (sum(shapes[i][0] for i in inputs), h, w)
            elif kind == 'zeroPadding2d':
                t, b, l, r = explicit_pads(layer['padding'])
                shapes[name] = (c, h + t + b, w + l + r)
                self.steps.append((name, 'pad', inputs, (l, r, t, b)))
                previous = name
                continue
            else:
                raise SystemExit(f'pytorch-anchor: layer kind {kind!r} is not mapped')
            if module is not None:
                self.layers[name] = module
            self.steps.append((name, op, inputs, layer))
            previous = name
        self.outputs = spec.get('outputs') or [previous]

    def forward(self, x):
        values = {'input': x}
        for name, op, inputs, extra in self.steps:
            args = [values[i] for i in inputs]
            if op == 'module':
                y = self.layers[name](args[0])
            elif op == 'pad':
                y = F.pad(args[0], extra)
            elif op == 'add':
                y = args[0]
                for term in args[1:]:
                    y = y + term
            elif op == 'concatenate':
                y = torch.cat(args, dim=1)  # channels: NCHW's axis 1 is NHWC's -1
            elif op == 'globalAveragePooling2d':
                y = args[0].mean(dim=(2, 3), keepdim=bool(extra.get('keepDims')))
            elif op == 'globalMaxPooling2d':
                y = args[0].amax(dim=(2, 3), keepdim=bool(extra.get('keepDims')))
            elif op == 'flatten':
                y = torch.flatten(args[0], 1)
            else:
                raise RuntimeError(op)
            values[name] = y
        return values[self.outputs[0]]


def counts(model):
    params = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    stats = sum(b.numel() for n, b in model.named_buffers() if not n.endswith('num_batches_tracked'))
    return params + stats, trainable


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--spec', required=True)
    parser.add_argument('--mode', choices=['infer', 'train', 'cold'], required=True)
    parser.add_argument('--batch', type=int, default=1)
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--warmup', type=int, default=1)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--classes', type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    with open(args.spec) as f:
        spec = json.load(f)
    h, w, c = spec['input']
    result = {'torch': torch.__version__, 'threads': torch.get_num_threads()}

    start = time.perf_counter()
    model = SpecNet(spec)
    built = time.perf_counter()
    result['total'], result['trainable'] = counts(model)
    x = torch.randn(args.batch, c, h, w)
    if args.mode == 'cold':
        model.eval()
        with torch.no_grad():
            model(x)
        result['build_ms'] = (built - start) * 1000
        result['first_ms'] = (time.perf_counter() - built) * 1000
    elif args.mode == 'infer':
        model.eval()
        samples = []
        with torch.no_grad():
            for i in range(args.warmup + args.runs):
                t = time.perf_counter()
                model(x)
                if i >= args.warmup:
                    samples.append((time.perf_counter() - t) * 1000)
        result['samples_ms'] = samples
    else:
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        target = torch.randint(0, args.classes, (args.batch, h, w))
        samples, cpu_samples, losses = [], [], []
        for i in range(args.warmup + args.runs):
            t, cpu = time.perf_counter(), time.process_time()  # process_time: CPU of all threads
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), target)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            if i >= args.warmup:
                samples.append((time.perf_counter() - t) * 1000)
                cpu_samples.append((time.process_time() - cpu) * 1000)
        result['samples_ms'] = samples
        result['cpu_samples_ms'] = cpu_samples
        result['losses'] = losses
    print(json.dumps(result))


if __name__ == '__main__':
    main()
